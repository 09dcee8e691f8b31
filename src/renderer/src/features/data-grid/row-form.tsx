import type { CellInput, DataColumn, RowIdentity } from '../../../../shared/contract/data.contract';
import type { Row } from '../../../../shared/domain';
import { ModalDialog } from '../../components/modal-dialog';
import { stores, useData } from '../../stores/app-stores';
import { NO_EDITS, rowKeyOfRow, toCellInput } from '../../stores/data-edits';
import { IconEdit, IconPlus } from '../../components/icons';
import { RowFormField } from './row-form-field';
import { columnMarks, neighbour, type FormTarget } from './row-form.model';

export interface RowFormProps {
  tabId: string;
  connectionId: string;
  table: string;
  target: FormTarget;
  /** The table's columns as shown (SQLite's rowid left out). */
  columns: DataColumn[];
  /** The result's column names, in order (to read a row's values). */
  names: string[];
  identity: RowIdentity | null;
  readOnlyReason: string | null;
  /** Rows known so far in the result (previous/next stay within them). */
  rowCount: number;
  readRow(index: number): Row | undefined;
  onNavigate(target: FormTarget): void;
  onClose(): void;
}

/**
 * The row form: one record with every column (type, nullability, default, key and reference marks) and a
 * type-aware editor per field. What it changes is staged exactly like an inline edit (the same store actions),
 * so the grid highlights it and Review SQL / Apply take it.
 */
export function RowForm(props: RowFormProps) {
  const { tabId, target, columns, names, identity, readOnlyReason, table } = props;
  const edits = useData((s) => s.byTab[tabId]?.edits ?? NO_EDITS);
  const store = stores.data.getState();
  const insertIds = edits.inserts.map((i) => i.id);
  const around = { rowCount: props.rowCount, insertIds };
  const previous = neighbour(target, -1, around);
  const next = neighbour(target, 1, around);

  let title: string;
  let body;
  let deleted = false;
  if (target.kind === 'row') {
    title = `${table} · row ${(target.index + 1).toLocaleString('en-US')}`;
    const row = props.readRow(target.index);
    const rowKey = row && identity ? rowKeyOfRow(identity, names, row) : null;
    const edit = rowKey ? edits.rows[rowKey] : undefined;
    deleted = edit?.deleted === true;
    body = !row ? (
      <p className="muted">This row is not read yet.</p>
    ) : (
      columns.map((column) => {
        const read = row[names.indexOf(column.name)];
        const hasStaged = edit !== undefined && column.name in edit.values;
        return (
          <FieldRow key={column.name} column={column} identity={identity}>
            <RowFormField
              tabId={tabId}
              connectionId={props.connectionId}
              column={column}
              mode="row"
              value={hasStaged ? edit.values[column.name] : read}
              staged={hasStaged}
              isKey={identity?.kind === 'primaryKey' && identity.columns.includes(column.name)}
              readOnly={!!readOnlyReason || column.generated || !rowKey}
              onStage={(value) =>
                store.stageCell(tabId, row, column.name, value === undefined ? toCellInput(read) : value)
              }
            />
          </FieldRow>
        );
      })
    );
  } else {
    const at = insertIds.indexOf(target.id);
    const insert = edits.inserts[at];
    title = `${table} · new row${insertIds.length > 1 ? ` ${at + 1} of ${insertIds.length}` : ''}`;
    body = !insert ? (
      <p className="muted">This new row was removed.</p>
    ) : (
      columns.map((column) => (
        <FieldRow key={column.name} column={column} identity={identity}>
          <RowFormField
            tabId={tabId}
            connectionId={props.connectionId}
            column={column}
            mode="insert"
            value={insert.values[column.name]}
            staged={column.name in insert.values}
            readOnly={!!readOnlyReason || column.generated}
            onStage={(value: CellInput | undefined) => store.setInsertValue(tabId, insert.id, column.name, value)}
          />
        </FieldRow>
      ))
    );
  }

  return (
    <ModalDialog
      title={title}
      onClose={props.onClose}
      width={760}
      data-testid="row-form"
      footer={
        <>
          <button
            type="button"
            className="button"
            disabled={!previous}
            title="Previous record (Alt+↑)"
            onClick={() => previous && props.onNavigate(previous)}
          >
            ‹ Previous
          </button>
          <button
            type="button"
            className="button"
            disabled={!next}
            title="Next record (Alt+↓)"
            onClick={() => next && props.onNavigate(next)}
          >
            Next ›
          </button>
          <span className="row-form-footer-note muted">
            Changes are staged as you leave a field; Apply in the toolbar writes them.
          </span>
          <button type="button" className="button button-primary" onClick={props.onClose}>
            Done
          </button>
        </>
      }
    >
      {readOnlyReason && <p className="row-form-banner">{readOnlyReason}</p>}
      {deleted && <p className="row-form-banner is-danger">This row is staged for deletion.</p>}
      <div
        className="row-form-fields"
        onKeyDown={(event) => {
          // Alt+↑ / Alt+↓: the previous / next record, from any field
          if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
          const to = event.key === 'ArrowUp' ? previous : next;
          event.preventDefault();
          // leave the field first, so what was typed in it is staged on the record it belongs to
          const field = document.activeElement as HTMLElement | null;
          field?.blur();
          if (!to) return;
          props.onNavigate(to);
          // and stay on the same field of the next record
          requestAnimationFrame(() => field?.id && document.getElementById(field.id)?.focus());
        }}
      >
        {body}
      </div>
    </ModalDialog>
  );
}

function FieldRow({
  column,
  identity,
  children,
}: {
  column: DataColumn;
  identity: RowIdentity | null;
  children: React.ReactNode;
}) {
  return (
    <div className="row-form-row">
      <label className="row-form-label" htmlFor={`field-${column.name}`}>
        <span className="row-form-name">{column.name}</span>
        <span className="row-form-type">{column.dataType ?? 'any'}</span>
        <span className="row-form-marks">
          {columnMarks(column, identity).map((mark) => (
            <span key={mark} className={`row-form-mark mark-${mark.split(/[ →]/)[0]!.toLowerCase()}`}>
              {mark}
            </span>
          ))}
        </span>
      </label>
      {children}
    </div>
  );
}

/** The data tab's entry to the row form: the selected row, or a new row. */
export function RowFormActions({
  canOpen,
  canInsert,
  onOpen,
  onNew,
}: {
  canOpen: boolean;
  canInsert: boolean;
  onOpen(): void;
  onNew(): void;
}) {
  return (
    <div className="row-form-actions">
      <button
        type="button"
        className="button button-small"
        disabled={!canOpen}
        title="Edit the selected row in a form (Shift+Enter)"
        onClick={onOpen}
      >
        <IconEdit size={12} /> Form
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={!canInsert}
        title="Add a new row and fill it in a form"
        onClick={onNew}
      >
        <IconPlus size={12} /> Row in form
      </button>
    </div>
  );
}
