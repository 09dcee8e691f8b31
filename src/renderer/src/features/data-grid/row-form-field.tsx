import { useState, type KeyboardEvent } from 'react';
import type { CellInput, DataColumn } from '../../../../shared/contract/data.contract';
import { binaryOf, byteSize } from './binary-value';
import { editorKind, inputText, parseInput } from './cell-input';
import { FkPicker } from './fk-picker';
import { newFieldState, type NewFieldState } from './row-form.model';
import { ValueSourceButtons } from './value-source-buttons';

export interface RowFormFieldProps {
  tabId: string;
  connectionId: string;
  column: DataColumn;
  /** 'row': a row read from the table; 'insert': a staged new row (undefined value = DEFAULT). */
  mode: 'row' | 'insert';
  /** The value shown: staged, else read (rows); the staged value or undefined (new rows). */
  value: unknown;
  /** The row's value differs from the one read (rows only). */
  staged: boolean;
  readOnly: boolean;
  /** A key column of a row read (its DEFAULT would be a new key, never what the user means). */
  isKey?: boolean;
  /** Stages a value (undefined: a new row's field back to its DEFAULT). */
  onStage(value: CellInput | undefined): void;
}

const isDefaultValue = (value: unknown) => value !== null && typeof value === 'object' && '$default' in value;

/**
 * One field of the row form: the column's type-aware editor (the rules of the inline editor: cell-input.ts),
 * staged when it is left or Enter is pressed, with NULL, DEFAULT, a file for binary columns and the referenced
 * rows for a foreign key.
 */
export function RowFormField(props: RowFormFieldProps) {
  const { column, mode, value, staged, readOnly, onStage } = props;
  const kind = editorKind(column);
  const initial = value === undefined || value === null || isDefaultValue(value) ? '' : inputText(value);
  const [text, setText] = useState(initial);
  const [multiline, setMultiline] = useState(kind === 'json' || initial.includes('\n'));
  const [picking, setPicking] = useState(false);
  // the value changed elsewhere (the grid, a pick, NULL/DEFAULT, another record): show it
  const [shown, setShown] = useState(initial);
  if (shown !== initial) {
    setShown(initial);
    setText(initial);
  }

  const parsed = text === initial ? null : parseInput(kind, text, column.enumValues);
  const state: NewFieldState | null =
    mode === 'insert'
      ? newFieldState(column, value as CellInput | undefined)
      : value === null
        ? { kind: 'null' }
        : null;
  const isNull = state?.kind === 'null' || (mode === 'row' && value === null);
  const isDefault = state?.kind === 'default' || isDefaultValue(value);
  const placeholder =
    state?.kind === 'default' ? state.label : isNull ? 'NULL' : isDefault ? 'DEFAULT' : kind === 'binary' ? '0x…' : '';

  const commit = (next = text) => {
    if (next === initial) return;
    // an emptied field of a new row goes back to its DEFAULT, as in the new-rows strip
    if (mode === 'insert' && next === '') return onStage(undefined);
    const result = parseInput(kind, next, column.enumValues);
    if (result.ok) onStage(result.value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && text !== initial) {
      // the first Escape takes the typing back; the next one closes the form
      event.preventDefault();
      event.stopPropagation();
      setText(initial);
    }
  };

  const label = `${column.name}`;
  const common = {
    id: `field-${column.name}`,
    'aria-label': label,
    'aria-invalid': parsed !== null && !parsed.ok,
    disabled: readOnly,
    spellCheck: false,
    className: `row-form-input${isNull ? ' is-null' : ''}${isDefault ? ' is-default' : ''}`,
    placeholder,
  };
  let field;
  if (kind === 'enum' || kind === 'boolean') {
    const options = kind === 'enum' ? (column.enumValues ?? []) : ['true', 'false'];
    field = (
      <select
        {...common}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          commit(e.target.value);
        }}
      >
        {!options.includes(text) && <option value={text}>{text === '' ? `(${placeholder || 'choose'})` : text}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (multiline) {
    field = (
      <textarea
        {...common}
        rows={kind === 'json' ? 4 : 3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => commit()}
        onKeyDown={onKeyDown}
      />
    );
  } else {
    field = (
      <input
        {...common}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => commit()}
        onKeyDown={onKeyDown}
      />
    );
  }

  const binary = kind === 'binary' ? binaryOf(value) : null;
  const canDefault = mode === 'insert' || (!props.isKey && (column.defaultSql !== null || column.autoIncrement));
  return (
    <div
      className={`row-form-field${staged ? ' is-staged' : ''}`}
      data-testid="row-form-field"
      data-column={column.name}
    >
      <div className="row-form-editor">
        {field}
        {!readOnly && (
          <div className="row-form-buttons">
            {kind === 'text' && (
              <button
                type="button"
                className="button button-small"
                title={multiline ? 'One line' : 'Multi-line'}
                onClick={() => setMultiline((m) => !m)}
              >
                {multiline ? '1 line' : '¶'}
              </button>
            )}
            <ValueSourceButtons
              column={column}
              kind={kind}
              picking={picking}
              onTogglePicker={() => setPicking((p) => !p)}
              onFile={onStage}
            />
            {column.nullable && (
              <button
                type="button"
                className="button button-small"
                aria-label={`Set ${column.name} to NULL`}
                aria-pressed={isNull}
                onClick={() => onStage(null)}
              >
                NULL
              </button>
            )}
            {canDefault && (
              <button
                type="button"
                className="button button-small"
                aria-label={`Set ${column.name} to DEFAULT`}
                aria-pressed={isDefault}
                title={column.defaultSql ? `DEFAULT ${column.defaultSql}` : column.autoIncrement ? 'auto' : 'DEFAULT'}
                onClick={() => onStage(mode === 'insert' ? undefined : { $default: true })}
              >
                DEFAULT
              </button>
            )}
          </div>
        )}
      </div>
      {parsed && !parsed.ok && (
        <div className="cell-editor-error" role="alert">
          {parsed.message}
        </div>
      )}
      {binary && (
        <div className="row-form-hint muted">
          {byteSize(binary.size)}
          {binary.truncated ? ' · only the start was read: type hex or load a file to replace it' : ''}
        </div>
      )}
      {picking && column.references && (
        <FkPicker
          tabId={props.tabId}
          connectionId={props.connectionId}
          column={column}
          current={value}
          onPick={(key) => {
            setPicking(false);
            onStage(key);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  );
}
