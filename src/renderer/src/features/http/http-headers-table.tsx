import { IconPlus, IconTrash } from '../../components/icons';
import type { KeyValue } from '../../../../shared/http-request';

/** The request's headers as name/value rows, each with a checkbox to leave it out of the send. */
export function HttpHeadersTable({ rows, onChange }: { rows: KeyValue[]; onChange(rows: KeyValue[]): void }) {
  const set = (index: number, row: KeyValue) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <div className="http-headers" data-testid="http-headers">
      {rows.length === 0 && <p className="http-hint">No headers: add one (Content-Type follows the body type).</p>}
      {rows.map((row, index) => (
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
            value={row.name}
            onChange={(e) => set(index, { ...row, name: e.target.value })}
          />
          <input
            className="input input-mono"
            aria-label={`Header ${index + 1} value`}
            placeholder="Value"
            value={row.value}
            onChange={(e) => set(index, { ...row, value: e.target.value })}
          />
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
      ))}
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
