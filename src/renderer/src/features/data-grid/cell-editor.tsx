import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { CellInput, DataColumn } from '../../../../shared/contract/data.contract';
import { binaryOf, byteSize } from './binary-value';
import { editorKind, inputText, parseInput } from './cell-input';
import { FkPicker } from './fk-picker';
import { ValueSourceButtons } from './value-source-buttons';

export interface CellEditorProps {
  column: DataColumn;
  tabId: string;
  connectionId: string;
  /** The value shown in the cell now (staged or read). */
  value: unknown;
  /** Where the cell is, relative to the tab. */
  rect: { left: number; top: number; width: number; height: number };
  onCommit(value: CellInput): void;
  onCancel(): void;
}

const isDefault = (value: unknown) => value !== null && typeof value === 'object' && '$default' in value;

/**
 * The inline editor of one cell, chosen by the column's type: a list for enums and booleans, a checked text
 * field for numbers, dates and times, a text area for JSON and multi-line text. Enter (Ctrl+Enter in a text
 * area) stages the value, Escape cancels; NULL and DEFAULT are buttons.
 */
export function CellEditor({ column, tabId, connectionId, value, rect, onCommit, onCancel }: CellEditorProps) {
  const kind = editorKind(column);
  const initial = isDefault(value) ? '' : inputText(value);
  const [text, setText] = useState(initial);
  const [multiline, setMultiline] = useState(kind === 'json' || initial.includes('\n'));
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null);
  const parsed = parseInput(kind, text, column.enumValues);
  const done = useRef(false);
  const [picking, setPicking] = useState(false);
  const binary = kind === 'binary' ? binaryOf(value) : null;

  useEffect(() => {
    fieldRef.current?.focus();
    if (fieldRef.current && 'select' in fieldRef.current && kind !== 'enum' && kind !== 'boolean')
      fieldRef.current.select();
  }, [multiline, kind]);

  const finish = (action: () => void) => {
    if (done.current) return;
    done.current = true;
    action();
  };
  const commit = () => {
    if (!parsed.ok) return;
    finish(() => onCommit(parsed.value));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      finish(onCancel);
    } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    }
  };
  // leaving the editor keeps a valid value, like a spreadsheet; an invalid one is dropped
  const onBlur = (event: FocusEvent) => {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    // the native file chooser takes the focus while it is open
    const active = document.activeElement;
    if (
      event.relatedTarget === null &&
      active instanceof HTMLInputElement &&
      active.type === 'file' &&
      event.currentTarget.contains(active)
    )
      return;
    if (parsed.ok && text !== initial) commit();
    else finish(onCancel);
  };

  const readOnlyKind = column.generated;
  let field;
  if (kind === 'enum' || kind === 'boolean') {
    const options = kind === 'enum' ? (column.enumValues ?? []) : ['true', 'false'];
    field = (
      <select
        ref={fieldRef}
        className="cell-editor-field"
        value={text}
        aria-label={`Value of ${column.name}`}
        onChange={(e) => setText(e.target.value)}
      >
        {!options.includes(text) && <option value={text}>{text === '' ? '(choose)' : text}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (multiline) {
    field = (
      <textarea
        ref={fieldRef}
        className="cell-editor-field cell-editor-area"
        value={text}
        spellCheck={false}
        aria-label={`Value of ${column.name}`}
        aria-invalid={!parsed.ok}
        onChange={(e) => setText(e.target.value)}
      />
    );
  } else {
    field = (
      <input
        ref={fieldRef}
        className="cell-editor-field"
        value={text}
        spellCheck={false}
        disabled={readOnlyKind}
        aria-label={`Value of ${column.name}`}
        aria-invalid={!parsed.ok}
        placeholder={
          kind === 'datetime'
            ? 'YYYY-MM-DDTHH:MM:SS'
            : kind === 'date'
              ? 'YYYY-MM-DD'
              : kind === 'binary'
                ? 'hex, like 0x01ff'
                : undefined
        }
        onChange={(e) => setText(e.target.value)}
      />
    );
  }

  const canDefault = column.defaultSql !== null || column.autoIncrement;
  return (
    <div
      className="cell-editor"
      style={{ left: rect.left, top: rect.top, minWidth: Math.max(rect.width, 340), maxWidth: 'calc(100% - 8px)' }}
      onKeyDown={onKeyDown}
      onBlur={onBlur}
      data-testid="cell-editor"
    >
      {field}
      {!parsed.ok && text !== '' && (
        <div className="cell-editor-error" role="alert">
          {parsed.message}
        </div>
      )}
      {binary && (
        <div className="cell-editor-hint">
          {byteSize(binary.size)}
          {binary.truncated ? ' · only the start was read: type hex or load a file to replace it' : ''}
        </div>
      )}
      {picking && column.references && (
        <FkPicker
          tabId={tabId}
          connectionId={connectionId}
          column={column}
          current={value}
          onPick={(key) => finish(() => onCommit(key))}
          onClose={() => {
            setPicking(false);
            fieldRef.current?.focus();
          }}
        />
      )}
      <div className="cell-editor-actions">
        {kind === 'text' && (
          <button type="button" className="button button-small" onClick={() => setMultiline((m) => !m)}>
            {multiline ? 'One line' : 'Multi-line'}
          </button>
        )}
        <ValueSourceButtons
          column={column}
          kind={kind}
          picking={picking}
          onTogglePicker={() => setPicking((p) => !p)}
          onFile={(file) => finish(() => onCommit(file))}
        />
        {column.nullable && (
          <button type="button" className="button button-small" onClick={() => finish(() => onCommit(null))}>
            Set NULL
          </button>
        )}
        {canDefault && (
          <button
            type="button"
            className="button button-small"
            title={column.defaultSql ? `DEFAULT ${column.defaultSql}` : 'The database chooses the value'}
            onClick={() => finish(() => onCommit({ $default: true }))}
          >
            Set DEFAULT
          </button>
        )}
        <span className="cell-editor-hint">{multiline ? 'Ctrl+Enter' : 'Enter'} to stage · Esc to cancel</span>
        <button
          type="button"
          className="button button-small button-primary"
          disabled={!parsed.ok || readOnlyKind}
          onClick={commit}
        >
          Stage
        </button>
      </div>
    </div>
  );
}
