import { useId } from 'react';
import type { DesignTable } from '../../../../shared/design';
import { IconPlus, IconTrash } from '../../components/icons';
import { stores } from '../../stores/app-stores';
import {
  addColumn,
  deleteColumn,
  deleteTables,
  moveColumn,
  renameColumn,
  renameTable,
  setTableNote,
  togglePrimaryKey,
  updateColumn,
  type DesignState,
} from '../../stores/design-edits';
import { typeSuggestions } from '../../stores/design-types';
import type { Design } from '../../../../shared/design';
import { tableKey } from '../../../../shared/design';
import { CommitInput } from './commit-input';
import { ChecksSection, Flag, ForeignKeysSection, IndexesSection } from './table-editor-sections';

interface EditorProps {
  path: string;
  table: DesignTable;
  design: Design;
}

/** The side panel for one selected table: name, note, columns, indexes, checks and foreign keys. */
export function TableEditor({ path, table, design }: EditorProps) {
  const key = tableKey(table);
  const edit = (change: (s: DesignState) => DesignState) => stores.designer.getState().edit(path, change);
  const typesId = useId();
  return (
    <div className="design-editor" data-testid="table-editor">
      <datalist id={typesId}>
        {typeSuggestions(design.dialect).map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <div className="design-editor-head">
        <label className="designer-field designer-field-wide">
          <span>Table</span>
          <CommitInput
            className="input"
            value={table.name}
            aria-label="Table name"
            data-testid="table-name"
            onCommit={(name) => {
              edit((s) => renameTable(s, key, name));
              // the selection follows a rename that took (a name another table has is refused)
              const renamed = tableKey({ schema: table.schema, name: name.trim() });
              const doc = stores.designer.getState().docs[path];
              if (doc?.design.tables.some((t) => tableKey(t) === renamed))
                stores.designer.getState().select(path, [renamed]);
            }}
          />
        </label>
        <button
          type="button"
          className="icon-button"
          title="Delete this table (Delete)"
          aria-label="Delete table"
          data-testid="table-delete"
          onClick={() => edit((s) => deleteTables(s, [key]))}
        >
          <IconTrash />
        </button>
      </div>
      <label className="designer-field">
        <span>Note</span>
        <CommitInput
          className="input"
          value={table.note ?? ''}
          placeholder="What the table holds"
          onCommit={(note) => edit((s) => setTableNote(s, key, note))}
        />
      </label>

      <section className="design-section" aria-label="Columns">
        <header>
          <h3>Columns</h3>
          <button
            type="button"
            className="button button-small"
            data-testid="column-add"
            onClick={() => edit((s) => addColumn(s, key).state)}
          >
            <IconPlus /> Column
          </button>
        </header>
        {table.columns.length === 0 && <p className="designer-hint">No columns yet.</p>}
        {table.columns.map((column, index) => (
          <div className="design-column-edit" key={column.name} data-testid="column-edit" data-column={column.name}>
            <div className="design-column-line">
              <CommitInput
                className="input input-mono"
                value={column.name}
                aria-label="Column name"
                data-testid="column-name"
                onCommit={(name) => edit((s) => renameColumn(s, key, column.name, name))}
              />
              <CommitInput
                className="input input-mono"
                value={column.type}
                list={typesId}
                aria-label={`Type of ${column.name}`}
                data-testid="column-type"
                onCommit={(type) =>
                  type.trim() && edit((s) => updateColumn(s, key, column.name, { type: type.trim() }))
                }
              />
              <button
                type="button"
                className="icon-button"
                title="Move up"
                aria-label={`Move ${column.name} up`}
                disabled={index === 0}
                onClick={() => edit((s) => moveColumn(s, key, column.name, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                title="Move down"
                aria-label={`Move ${column.name} down`}
                disabled={index === table.columns.length - 1}
                onClick={() => edit((s) => moveColumn(s, key, column.name, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon-button"
                title="Delete the column (its indexes and foreign keys go too)"
                aria-label={`Delete column ${column.name}`}
                data-testid="column-delete"
                onClick={() => edit((s) => deleteColumn(s, key, column.name))}
              >
                <IconTrash />
              </button>
            </div>
            <div className="design-column-line design-column-flags">
              <Flag
                label="PK"
                title="Primary key"
                checked={table.primaryKey.includes(column.name)}
                onChange={() => edit((s) => togglePrimaryKey(s, key, column.name))}
              />
              <Flag
                label="Null"
                title="Nullable"
                checked={column.nullable}
                onChange={(on) => edit((s) => updateColumn(s, key, column.name, { nullable: on }))}
              />
              <Flag
                label="Unique"
                title="Unique"
                checked={column.unique}
                onChange={(on) => edit((s) => updateColumn(s, key, column.name, { unique: on }))}
              />
              <Flag
                label="Auto"
                title="Autoincrement"
                checked={column.autoIncrement}
                onChange={(on) => edit((s) => updateColumn(s, key, column.name, { autoIncrement: on }))}
              />
              <CommitInput
                className="input input-mono"
                value={column.default ?? ''}
                placeholder="default"
                aria-label={`Default of ${column.name}`}
                title="SQL after DEFAULT: 'text', 0, true, CURRENT_TIMESTAMP"
                onCommit={(text) =>
                  edit((s) => updateColumn(s, key, column.name, { default: text.trim() ? text.trim() : null }))
                }
              />
              <CommitInput
                className="input"
                value={column.note ?? ''}
                placeholder="note"
                aria-label={`Note of ${column.name}`}
                onCommit={(text) => edit((s) => updateColumn(s, key, column.name, { note: text.trim() ? text : null }))}
              />
            </div>
          </div>
        ))}
      </section>

      <IndexesSection tableKey={key} table={table} edit={edit} />
      <ForeignKeysSection tableKey={key} table={table} design={design} edit={edit} />
      <ChecksSection tableKey={key} table={table} edit={edit} />
    </div>
  );
}
