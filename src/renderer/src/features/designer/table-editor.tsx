import { useId, useState } from 'react';
import type { DesignTable, ReferentialAction } from '../../../../shared/design';
import { ReferentialAction as Actions } from '../../../../shared/design';
import type { Engine } from '../../../../shared/domain';
import { IconPlus, IconTrash } from '../../components/icons';
import { stores } from '../../stores/app-stores';
import {
  addCheck,
  addColumn,
  addForeignKey,
  addIndex,
  deleteCheck,
  deleteColumn,
  deleteForeignKey,
  deleteIndex,
  deleteTables,
  moveColumn,
  renameColumn,
  renameTable,
  setTableNote,
  togglePrimaryKey,
  typeSuggestions,
  updateCheck,
  updateColumn,
  updateForeignKey,
  updateIndex,
  type DesignState,
} from '../../stores/design-edits';
import type { Design } from '../../../../shared/design';
import { tableKey } from '../../../../shared/design';
import { CommitInput } from './commit-input';

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

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
              const renamed = tableKey({ schema: table.schema, name: name.trim() });
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

function Flag(props: { label: string; title: string; checked: boolean; onChange(on: boolean): void }) {
  return (
    <label className="design-flag" title={props.title}>
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}

type Edit = (change: (s: DesignState) => DesignState) => void;

function IndexesSection({ tableKey: key, table, edit }: { tableKey: string; table: DesignTable; edit: Edit }) {
  return (
    <section className="design-section" aria-label="Indexes">
      <header>
        <h3>Indexes</h3>
        <button
          type="button"
          className="button button-small"
          disabled={table.columns.length === 0}
          onClick={() =>
            edit((s) =>
              addIndex(s, key, {
                name: null,
                columns: [
                  table.columns.find((c) => !table.primaryKey.includes(c.name))?.name ?? table.columns[0]?.name ?? 'id',
                ],
                unique: false,
                type: null,
                note: null,
              }),
            )
          }
        >
          <IconPlus /> Index
        </button>
      </header>
      {table.indexes.map((index, at) => (
        <div className="design-column-line" key={at} data-testid="index-edit">
          <CommitInput
            className="input input-mono"
            value={index.columns.join(', ')}
            aria-label="Index columns"
            title="Columns, comma-separated (a composite index names several)"
            onCommit={(text) => {
              const columns = splitList(text);
              if (columns.length > 0) edit((s) => updateIndex(s, key, at, { columns }));
            }}
          />
          <CommitInput
            className="input input-mono"
            value={index.name ?? ''}
            placeholder="name (generated)"
            aria-label="Index name"
            onCommit={(text) => edit((s) => updateIndex(s, key, at, { name: text.trim() || null }))}
          />
          <Flag
            label="Unique"
            title="Unique index"
            checked={index.unique}
            onChange={(on) => edit((s) => updateIndex(s, key, at, { unique: on }))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label="Delete index"
            onClick={() => edit((s) => deleteIndex(s, key, at))}
          >
            <IconTrash />
          </button>
        </div>
      ))}
    </section>
  );
}

function ChecksSection({ tableKey: key, table, edit }: { tableKey: string; table: DesignTable; edit: Edit }) {
  return (
    <section className="design-section" aria-label="Checks">
      <header>
        <h3>Checks</h3>
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            edit((s) => addCheck(s, key, { name: null, expression: `${table.columns[0]?.name ?? 'id'} IS NOT NULL` }))
          }
        >
          <IconPlus /> Check
        </button>
      </header>
      {table.checks.map((check, at) => (
        <div className="design-column-line" key={at}>
          <CommitInput
            className="input input-mono"
            value={check.expression}
            aria-label="Check expression"
            onCommit={(text) => text.trim() && edit((s) => updateCheck(s, key, at, { expression: text.trim() }))}
          />
          <CommitInput
            className="input input-mono"
            value={check.name ?? ''}
            placeholder="name"
            aria-label="Check name"
            onCommit={(text) => edit((s) => updateCheck(s, key, at, { name: text.trim() || null }))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label="Delete check"
            onClick={() => edit((s) => deleteCheck(s, key, at))}
          >
            <IconTrash />
          </button>
        </div>
      ))}
    </section>
  );
}

function ForeignKeysSection(props: { tableKey: string; table: DesignTable; design: Design; edit: Edit }) {
  const { tableKey: key, table, design, edit } = props;
  const [adding, setAdding] = useState<{ column: string; target: string; refColumn: string } | null>(null);
  const target = adding ? design.tables.find((t) => tableKey(t) === adding.target) : undefined;
  return (
    <section className="design-section" aria-label="Foreign keys">
      <header>
        <h3>Foreign keys</h3>
        <button
          type="button"
          className="button button-small"
          disabled={table.columns.length === 0}
          title="Or drag from a column's dot to another table's column on the canvas"
          onClick={() => {
            const first = design.tables.find((t) => tableKey(t) !== key) ?? table;
            setAdding({
              column: table.columns[0]?.name ?? '',
              target: tableKey(first),
              refColumn: first.primaryKey[0] ?? first.columns[0]?.name ?? '',
            });
          }}
        >
          <IconPlus /> Foreign key
        </button>
      </header>
      {table.foreignKeys.length === 0 && !adding && (
        <p className="designer-hint">Drag from a column’s dot to another table’s column to link them.</p>
      )}
      {table.foreignKeys.map((fk, at) => (
        <div className="design-fk" key={at} data-testid="fk-edit">
          <span className="design-fk-text">
            {fk.columns.join(', ')} → {fk.refSchema ? `${fk.refSchema}.` : ''}
            {fk.refTable}({fk.refColumns.join(', ')})
          </span>
          <ActionSelect
            label="On delete"
            value={fk.onDelete}
            onChange={(onDelete) => edit((s) => updateForeignKey(s, key, at, { onDelete }))}
          />
          <ActionSelect
            label="On update"
            value={fk.onUpdate}
            onChange={(onUpdate) => edit((s) => updateForeignKey(s, key, at, { onUpdate }))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label="Delete foreign key"
            onClick={() => edit((s) => deleteForeignKey(s, key, at))}
          >
            <IconTrash />
          </button>
        </div>
      ))}
      {adding && (
        <div className="design-column-line">
          <select
            className="select"
            aria-label="Column"
            value={adding.column}
            onChange={(e) => setAdding({ ...adding, column: e.target.value })}
          >
            {table.columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
          →
          <select
            className="select"
            aria-label="Referenced table"
            value={adding.target}
            onChange={(e) => {
              const t = design.tables.find((x) => tableKey(x) === e.target.value);
              setAdding({
                ...adding,
                target: e.target.value,
                refColumn: t?.primaryKey[0] ?? t?.columns[0]?.name ?? '',
              });
            }}
          >
            {design.tables.map((t) => (
              <option key={tableKey(t)} value={tableKey(t)}>
                {tableKey(t)}
              </option>
            ))}
          </select>
          <select
            className="select"
            aria-label="Referenced column"
            value={adding.refColumn}
            onChange={(e) => setAdding({ ...adding, refColumn: e.target.value })}
          >
            {target?.columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={!target}
            onClick={() => {
              if (target)
                edit((s) =>
                  addForeignKey(s, key, {
                    columns: [adding.column],
                    refSchema: target.schema,
                    refTable: target.name,
                    refColumns: [adding.refColumn],
                  }),
                );
              setAdding(null);
            }}
          >
            Add
          </button>
          <button type="button" className="button button-small" onClick={() => setAdding(null)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}

function ActionSelect(props: {
  label: string;
  value: ReferentialAction | null;
  onChange(value: ReferentialAction | null): void;
}) {
  return (
    <select
      className="select design-fk-action"
      aria-label={props.label}
      title={props.label}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value ? (e.target.value as ReferentialAction) : null)}
    >
      <option value="">{props.label}: default</option>
      {Actions.options.map((a) => (
        <option key={a} value={a}>
          {props.label}: {a}
        </option>
      ))}
    </select>
  );
}

/** Shown for the dialect: which engine's types the column types are written in. */
export function dialectHint(dialect: Engine): string {
  return dialect === 'postgres' ? 'PostgreSQL types' : dialect === 'mysql' ? 'MySQL types' : 'SQLite types';
}
