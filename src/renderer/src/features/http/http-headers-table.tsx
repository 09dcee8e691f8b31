import { useId } from 'react';
import { IconPlus, IconTrash } from '../../components/icons';
import type { KeyValue } from '../../../../shared/http-request';
import { COMMON_REQUEST_HEADERS, headerValueSuggestions } from './request/header-suggestions';

/**
 * The request's headers as name/value rows, each with a checkbox to leave it out of the send. Names complete
 * from the common request headers, values of Content-Type, Accept and a few others from their common values.
 */
export function HttpHeadersTable({ rows, onChange }: { rows: KeyValue[]; onChange(rows: KeyValue[]): void }) {
  const id = useId();
  const set = (index: number, row: KeyValue) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <div className="http-headers" data-testid="http-headers">
      {rows.length === 0 && <p className="http-hint">No headers: add one (Content-Type follows the body type).</p>}
      <datalist id={`${id}-names`}>
        {COMMON_REQUEST_HEADERS.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {rows.map((row, index) => {
        const values = headerValueSuggestions(row.name);
        return (
          <div className="http-header-row" key={index} data-testid="http-header-row">
            <input
              type="checkbox"
              aria-label={`Send header ${index + 1}`}
              checked={row.enabled !== false}
              onChange={(e) => set(index, { ...row, enabled: e.target.checked ? undefined : false })}
            />
            <input
              className="input input-mono"
              aria-label={`Header ${index + 1} name`}
              placeholder="Name"
              list={`${id}-names`}
              spellCheck={false}
              value={row.name}
              onChange={(e) => set(index, { ...row, name: e.target.value })}
            />
            <input
              className="input input-mono"
              aria-label={`Header ${index + 1} value`}
              placeholder="Value"
              list={values.length > 0 ? `${id}-values-${index}` : undefined}
              spellCheck={false}
              value={row.value}
              onChange={(e) => set(index, { ...row, value: e.target.value })}
            />
            {values.length > 0 && (
              <datalist id={`${id}-values-${index}`} data-testid="http-header-value-options">
                {values.map((value) => (
                  <option key={value} value={value} />
                ))}
              </datalist>
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove header ${index + 1}`}
              title="Remove this header"
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <IconTrash />
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button-small"
        data-testid="http-add-header"
        onClick={() => onChange([...rows, { name: '', value: '' }])}
      >
        <IconPlus /> Add header
      </button>
    </div>
  );
}
