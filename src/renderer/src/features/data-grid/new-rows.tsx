import { useEffect, useRef, useState } from 'react';
import type { CellInput, DataColumn } from '../../../../shared/contract/data.contract';
import { IconClose, IconEdit } from '../../components/icons';
import { sameInput, type InsertEdit } from '../../stores/data-edits';
import { editorKind, inputText, parseInput } from './cell-input';
import { newFieldState } from './row-form.model';

/**
 * The staged new rows: one line each. A field is DEFAULT (left out of the INSERT: shown as its default or
 * "auto"), NULL (written explicitly) or a value, and looks different in each case.
 */
export function NewRows({
  columns,
  inserts,
  failedId,
  onChange,
  onInvalid,
  onRemove,
  onEdit,
}: {
  columns: DataColumn[];
  inserts: InsertEdit[];
  failedId: string | null;
  onChange(id: string, column: string, value: CellInput | undefined): void;
  /** A field holds text that is not a value of its column (message), or is fine again (null). */
  onInvalid(field: string, message: string | null): void;
  onRemove(id: string): void;
  /** Opens the new row in the row form. */
  onEdit(id: string): void;
}) {
  return (
    <div className="new-rows" data-testid="new-rows">
      <div className="new-rows-title">
        New rows <span className="muted">· empty fields take their DEFAULT; ∅ writes NULL</span>
      </div>
      <div className="new-rows-scroll">
        <table>
          <thead>
            <tr>
              <th aria-label="Actions" />
              {columns.map((c) => (
                <th key={c.name}>{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {inserts.map((insert) => (
              <tr key={insert.id} className={insert.id === failedId ? 'is-failed' : undefined} data-testid="new-row">
                <td className="new-row-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="Remove this new row"
                    onClick={() => onRemove(insert.id)}
                  >
                    <IconClose size={12} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="Edit this new row in a form"
                    title="Edit in a form"
                    onClick={() => onEdit(insert.id)}
                  >
                    <IconEdit size={12} />
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
  const state = newFieldState(column, value);
  const [text, setText] = useState(state.kind === 'value' ? inputText(value) : '');
  // what this field staged last: a different value came from elsewhere (the row form, NULL) and is shown
  const sent = useRef<CellInput | undefined>(value);
  useEffect(() => {
    const same =
      value === undefined || sent.current === undefined ? value === sent.current : sameInput(value, sent.current);
    if (same) return;
    sent.current = value;
    setText(state.kind === 'value' ? inputText(value) : '');
    onInvalid(null);
  }, [value, state.kind, onInvalid]);
  const stage = (next: CellInput | undefined) => {
    sent.current = next;
    onChange(next);
  };
  const parsed = text === '' ? null : parseInput(kind, text, column.enumValues);
  const label = state.kind === 'null' ? 'NULL' : state.kind === 'default' ? state.label : '';
  return (
    <span className={`new-row-cell is-${state.kind}`} data-state={state.kind}>
      <input
        className="new-row-field"
        value={text}
        placeholder={label}
        disabled={column.generated}
        spellCheck={false}
        aria-label={`New value of ${column.name}`}
        aria-invalid={parsed !== null && !parsed.ok}
        aria-description={state.kind === 'value' ? undefined : label}
        title={parsed && !parsed.ok ? parsed.message : state.kind === 'null' ? 'NULL (written explicitly)' : label}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const result = next === '' ? null : parseInput(kind, next, column.enumValues);
          // Apply waits while a field holds text that is not a value of its column
          onInvalid(result && !result.ok ? `${column.name}: ${result.message}` : null);
          if (!result) stage(undefined);
          else if (result.ok) stage(result.value);
        }}
      />
      {!column.generated && state.kind !== 'null' && column.nullable && (
        <button
          type="button"
          className="new-row-toggle"
          aria-label={`Set new ${column.name} to NULL`}
          title="Write NULL"
          onClick={() => {
            setText('');
            onInvalid(null);
            stage(null);
          }}
        >
          ∅
        </button>
      )}
      {!column.generated && state.kind !== 'default' && (
        <button
          type="button"
          className="new-row-toggle"
          aria-label={`Set new ${column.name} to DEFAULT`}
          title="Back to the column's DEFAULT"
          onClick={() => {
            setText('');
            onInvalid(null);
            stage(undefined);
          }}
        >
          ↺
        </button>
      )}
    </span>
  );
}
