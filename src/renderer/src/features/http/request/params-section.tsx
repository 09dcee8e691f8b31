import type { KeyValue } from '../../../../../shared/http-request';
import { queryParamsOf, withQueryParams, withUrl } from '../../../stores/http-url-params';
import { EditableRows } from '../../mocks/editable-rows';
import type { SectionContext } from './request-section';
import '../../mocks/mock-form.css';

/**
 * The URL's query string as a table and the values of its `:name` path segments. The URL is the truth: a row
 * edited here rewrites the query string, a query typed in the URL shows here (so there are no disabled query
 * params: a param left out of the URL is not a param). Path params rows come and go with the URL's segments.
 */
export function ParamsSection({ draft, update }: SectionContext) {
  const query = queryParamsOf(draft.url);
  const pathParams = draft.pathParams ?? [];
  const setQuery = (rows: KeyValue[]) => update((d) => withUrl(d, withQueryParams(d.url, rows)));
  const setPathValue = (index: number, value: string) =>
    update((d) => ({
      ...d,
      pathParams: (d.pathParams ?? []).map((row, i) => (i === index ? { ...row, value } : row)),
    }));

  return (
    <div className="http-params" data-testid="http-params">
      <h3 className="http-subheading">Query params</h3>
      {query.length === 0 && <p className="http-hint">No query string: add a param, or type ?name=value in the URL.</p>}
      <EditableRows<KeyValue>
        items={query}
        onChange={setQuery}
        noun="query param"
        rowName={(row) => row.name}
        className="http-kv-rows"
        rowClassName="http-kv-row"
        data-testid="http-query-params"
        newItem={() => ({ name: '', value: '' })}
        renderRow={(row, index, set) => (
          <>
            <input
              className="input input-mono"
              aria-label={`Query param ${index + 1} name`}
              placeholder="name"
              spellCheck={false}
              value={row.name}
              onChange={(e) => set({ ...row, name: e.target.value })}
            />
            <input
              className="input input-mono"
              aria-label={`Query param ${index + 1} value`}
              placeholder="value"
              spellCheck={false}
              value={row.value}
              onChange={(e) => set({ ...row, value: e.target.value })}
            />
          </>
        )}
      />
      <p className="http-hint">
        Written into the URL as typed: encode what must be (<code>%20</code>); <code>&amp;</code> and <code>#</code> in
        a value are encoded for you.
      </p>

      <h3 className="http-subheading">Path params</h3>
      {pathParams.length === 0 ? (
        <p className="http-hint">
          None: a <code>:name</code> segment of the URL path (<code>/users/:id</code>) adds one here.
        </p>
      ) : (
        <div className="http-path-params" data-testid="http-path-params">
          {pathParams.map((row, index) => (
            <div className="http-kv-row http-path-param" key={row.name} data-testid="http-path-param">
              <span className="http-path-param-name">:{row.name}</span>
              <input
                className="input input-mono"
                aria-label={`Path param ${row.name} value`}
                placeholder="value (URL-encoded when sent)"
                spellCheck={false}
                value={row.value}
                onChange={(e) => setPathValue(index, e.target.value)}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
