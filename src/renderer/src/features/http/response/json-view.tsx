import { useMemo, useState, type Ref } from 'react';
import { CodeView, type CodeViewHandle } from './code-view';
import { indentJson } from './json-indent';
import { selectJsonPath } from './json-path-filter';

type Parsed = { ok: true; value: unknown; pretty: string } | { ok: false; error: string };

function parse(text: string): Parsed {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value, pretty: indentJson(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Pretty JSON in CodeMirror, and a JSONPath box that shows what a path selects instead of the whole body. */
export function JsonView({ text, searchHandle }: { text: string; searchHandle?: Ref<CodeViewHandle> }) {
  const parsed = useMemo(() => parse(text), [text]);
  const [path, setPath] = useState('');
  const filtered = useMemo(
    () => (parsed.ok && path.trim() ? selectJsonPath(parsed.value, path) : null),
    [parsed, path],
  );
  const shown = !parsed.ok
    ? text
    : filtered && 'values' in filtered
      ? JSON.stringify(filtered.values, null, 2)
      : parsed.pretty;
  return (
    <div className="http-json-view">
      <div className="http-jsonpath">
        <input
          className="input http-jsonpath-input"
          value={path}
          placeholder="Filter with JSONPath: $.items[*].id"
          aria-label="JSONPath filter"
          spellCheck={false}
          disabled={!parsed.ok}
          data-testid="http-jsonpath"
          onChange={(event) => setPath(event.target.value)}
        />
        {filtered && 'values' in filtered && (
          <span className="http-hint" data-testid="http-jsonpath-count">
            {filtered.values.length} {filtered.values.length === 1 ? 'match' : 'matches'}
          </span>
        )}
        {filtered && 'error' in filtered && (
          <span className="http-jsonpath-error" role="alert" data-testid="http-jsonpath-error">
            {filtered.error}
          </span>
        )}
        {!parsed.ok && (
          <span className="http-jsonpath-error" data-testid="http-json-invalid">
            Not valid JSON ({parsed.error}): shown as received.
          </span>
        )}
      </div>
      <CodeView
        text={shown}
        language="json"
        label="Response body"
        handle={searchHandle}
        attributes={{
          'data-testid': 'http-response-body',
          'data-view': 'pretty',
          'data-pretty': String(parsed.ok),
          'data-filtered': filtered && 'values' in filtered ? 'true' : undefined,
        }}
      />
    </div>
  );
}
