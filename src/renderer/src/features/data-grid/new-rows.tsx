import { useState } from 'react';
import type { CellInput, DataColumn } from '../../../../shared/contract/data.contract';
import { IconClose } from '../../components/icons';
import type { InsertEdit } from '../../stores/data-edits';
import { editorKind, inputText, parseInput } from './cell-input';

/** What an empty field of a new row means: the column's default, an autoincrement, or NULL. */
function defaultLabel(column: DataColumn): string {
  if (column.generated) return 'generated';
  if (column.autoIncrement) return 'auto';
  if (column.defaultSql !== null) return `DEFAULT ${column.defaultSql}`;
  return column.nullable ? 'NULL' : 'required';
}

/** The staged new rows: one line each, empty fields taking their default (shown as such). */
export function NewRows({
  columns,
  inserts,
  failedId,
  onChange,
  onInvalid,
  onRemove,
}: {
  columns: DataColumn[];
  inserts: InsertEdit[];
  failedId: string | null;
  onChange(id: string, column: string, value: CellInput | undefined): void;
  /** A field holds text that is not a value of its column (message), or is fine again (null). */
  onInvalid(field: string, message: string | null): void;
  onRemove(id: string): void;
}) {
  return (
    <div className="new-rows" data-testid="new-rows">
      <div className="new-rows-title">
        New rows <span className="muted">· empty fields take their default</span>
      </div>
      <div className="new-rows-scroll">
        <table>
          <thead>
            <tr>
              <th aria-label="Remove" />
              {columns.map((c) => (
                <th key={c.name}>{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {inserts.map((insert) => (
              <tr key={insert.id} className={insert.id === failedId ? 'is-failed' : undefined} data-testid="new-row">
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="Remove this new row"
                    onClick={() => onRemove(insert.id)}
                  >
                    <IconClose size={12} />
                  </button>
                </td>
                {columns.map((column) => (
                  <td key={column.name}>
                    <NewRowField
                      column={column}
                      value={insert.values[column.name]}
                      onChange={(value) => onChange(insert.id, column.name, value)}
                      onInvalid={(message) => onInvalid(`${insert.id}:${column.name}`, message)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function NewRowField({
  column,
  value,
  onChange,
  onInvalid,
}: {
  column: DataColumn;
  value: CellInput | undefined;
  onChange(value: CellInput | undefined): void;
  onInvalid(message: string | null): void;
}) {
  const kind = editorKind(column);
  const [text, setText] = useState(value === undefined ? '' : inputText(value));
  const parsed = text === '' ? null : parseInput(kind, text, column.enumValues);
  return (
    <input
      className="new-row-field"
      value={text}
      placeholder={value === null ? 'NULL' : defaultLabel(column)}
      disabled={column.generated}
      spellCheck={false}
      aria-label={`New value of ${column.name}`}
      aria-invalid={parsed !== null && !parsed.ok}
      title={parsed && !parsed.ok ? parsed.message : undefined}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const result = next === '' ? null : parseInput(kind, next, column.enumValues);
        // Apply waits while a field holds text that is not a value of its column
        onInvalid(result && !result.ok ? `${column.name}: ${result.message}` : null);
        if (!result) onChange(undefined);
        else if (result.ok) onChange(result.value);
      }}
    />
  );
}
