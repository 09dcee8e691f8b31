import { useState } from 'react';
import { IconPlus, IconTrash } from '../../../components/icons';
import type { Variable } from '../../../../../shared/http-request';

/**
 * Variable rows: enabled, name, value, secret. A secret's value is masked until revealed (per row); it is saved
 * to the encrypted store by the core, never to the file.
 */
export function VariablesTable({ rows, onChange }: { rows: Variable[]; onChange(rows: Variable[]): void }) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const set = (index: number, row: Variable) => onChange(rows.map((r, i) => (i === index ? row : r)));
  const toggleReveal = (index: number) =>
    setRevealed((s) => {
      const next = new Set(s);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  return (
    <div className="http-vars" data-testid="http-vars">
      <div className="http-var-row http-var-head" aria-hidden>
        <span />
        <span>Name</span>
        <span>Value</span>
        <span>Secret</span>
        <span />
      </div>
      {rows.length === 0 && <p className="http-hint">No variables yet: add one, then use it as {'{{name}}'}.</p>}
      {rows.map((row, index) => {
        const masked = row.secret === true && !revealed.has(index);
        return (
          <div className="http-var-row" key={index} data-testid="http-var-row">
            <input
              type="checkbox"
              aria-label={`Use variable ${index + 1}`}
              title="Enabled"
              checked={row.enabled !== false}
              onChange={(e) => set(index, { ...row, enabled: e.target.checked ? undefined : false })}
            />
            <input
              className="input input-mono"
              aria-label={`Variable ${index + 1} name`}
              placeholder="name"
              value={row.name}
              onChange={(e) => set(index, { ...row, name: e.target.value })}
            />
            <span className="http-var-value">
              <input
                className="input input-mono"
                type={masked ? 'password' : 'text'}
                autoComplete="off"
                aria-label={`Variable ${index + 1} value`}
                placeholder="value"
                value={row.value ?? ''}
                onChange={(e) => set(index, { ...row, value: e.target.value })}
              />
              {row.secret && (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`${masked ? 'Reveal' : 'Hide'} variable ${index + 1}`}
                  onClick={() => toggleReveal(index)}
                >
                  {masked ? 'Show' : 'Hide'}
                </button>
              )}
            </span>
            <input
              type="checkbox"
              aria-label={`Variable ${index + 1} is secret`}
              title="Secret: kept encrypted in the app, never written to the file"
              checked={row.secret === true}
              onChange={(e) => set(index, { ...row, secret: e.target.checked ? true : undefined })}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove variable ${index + 1}`}
              title="Remove this variable"
              onClick={() => {
                setRevealed(new Set());
                onChange(rows.filter((_, i) => i !== index));
              }}
            >
              <IconTrash />
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button-small"
        data-testid="http-add-var"
        onClick={() => onChange([...rows, { name: '', value: '' }])}
      >
        <IconPlus /> Add variable
      </button>
    </div>
  );
}
