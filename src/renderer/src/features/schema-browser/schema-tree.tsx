import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { SchemaTree as SchemaTreeData, TableInfo } from '../../../../shared/domain';
import {
  IconChevronDown,
  IconChevronRight,
  IconColumn,
  IconEdit,
  IconFolder,
  IconHash,
  IconIndex,
  IconKey,
  IconLink,
  IconPlay,
  IconTable,
  IconView,
} from '../../components/icons';
import { ContextMenu, type ContextMenuItem } from '../../components/context-menu';
import { Spinner } from '../../components/spinner';
import { useSchema } from '../../stores/app-stores';
import { rowCountKey } from '../../stores/schema.store';
import { useReadOpenedSchemas, useSchemaErrors } from './listed-schemas';
import { buildRows, describeColumn, describeReference, rowName, ROW_TEST_IDS, type TreeRow } from './schema-tree-model';
import { formatRowCount } from './sql-identifiers';

const ROW_HEIGHT = 24;
const INDENT = 14;

export interface SchemaTreeProps {
  tree: SchemaTreeData;
  filter: string;
  /** ▷: writes the table's SELECT into a SQL tab and runs it. */
  onOpenTable(schema: string | null, table: TableInfo): void;
  /** Double-click, Enter or "Open data": the table's rows in a data tab, to browse and edit. */
  onOpenData(schema: string | null, table: TableInfo): void;
  /** The context menu's "Import data…" (into `table`) and "Import into new table…" (table null). */
  onImport?(schema: string | null, table: string | null): void;
  /** "Serve as REST API": the table (or, with `table` null, every table of `schema`, or of the connection). */
  onServe?(scope: { schema: string | null; table: string | null; wholeConnection?: boolean }): void;
  /** "Open as diagram": the schema (null: the connection's default one) as a new schema design. */
  onDiagram?(schema: string | null): void;
}

function hasChildren(row: TreeRow): boolean {
  return row.kind === 'schema' || row.kind === 'table' || row.kind === 'group';
}

function RowCount({ connectionId, schema, table }: { connectionId: string; schema: string | null; table: TableInfo }) {
  const counting = useSchema((s) => s.countingRows[rowCountKey({ connectionId, schema, table: table.name })] ?? false);
  const countRows = useSchema((s) => s.countRows);
  if (counting) return <Spinner label={`Counting rows of ${table.name}`} />;
  if (table.rowCount !== null) {
    const text = formatRowCount(table.rowCount, table.rowCountExact);
    return (
      <span
        className="row-count"
        title={table.rowCountExact ? `${text} rows` : `About ${table.rowCount.toLocaleString('en-US')} rows (estimate)`}
      >
        {text}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="count-button"
      title="Count rows"
      aria-label={`Count rows of ${table.name}`}
      onClick={(event) => {
        event.stopPropagation();
        void countRows({ connectionId, schema, table: table.name });
      }}
    >
      <IconHash size={11} /> count
    </button>
  );
}

function RowContent({
  row,
  connectionId,
  onOpenTable,
  onOpenData,
}: {
  row: TreeRow;
  connectionId: string;
  onOpenTable: SchemaTreeProps['onOpenTable'];
  onOpenData: SchemaTreeProps['onOpenData'];
}) {
  switch (row.kind) {
    case 'schema':
      return (
        <>
          <IconFolder className="icon tree-icon-schema" />
          <span className="tree-label">{row.name}</span>
          {row.tableCount !== null && <span className="tree-meta">{row.tableCount}</span>}
        </>
      );
    case 'table': {
      const { table } = row;
      return (
        <>
          {table.kind === 'view' ? (
            <IconView className="icon tree-icon-view" />
          ) : (
            <IconTable className="icon tree-icon-table" />
          )}
          <span className="tree-label">{table.name}</span>
          <span className="tree-row-tools">
            <button
              type="button"
              className="icon-button tree-open"
              title={`Open data: browse and edit the rows of ${table.name} (double-click, Enter)`}
              aria-label={`Open data of ${table.name}`}
              tabIndex={-1}
              onClick={(event) => {
                event.stopPropagation();
                onOpenData(row.schema, table);
              }}
            >
              <IconEdit size={12} />
            </button>
            <button
              type="button"
              className="icon-button tree-open"
              title={`Query ${table.name}: SELECT its first rows in a tab`}
              aria-label={`Query ${table.name}`}
              tabIndex={-1}
              onClick={(event) => {
                event.stopPropagation();
                onOpenTable(row.schema, table);
              }}
            >
              <IconPlay size={12} />
            </button>
            <RowCount connectionId={connectionId} schema={row.schema} table={table} />
          </span>
        </>
      );
    }
    case 'column': {
      const { column, foreignKey } = row;
      return (
        <>
          {column.primaryKey ? (
            <IconKey className="icon tree-icon-key" aria-label="primary key" />
          ) : foreignKey ? (
            <IconLink className="icon tree-icon-fk" aria-label="foreign key" />
          ) : (
            <IconColumn className="icon tree-icon-column" />
          )}
          <span className="tree-label">{column.name}</span>
          <span className="tree-type">
            {column.dataType.toLowerCase() || '—'}
            {column.nullable && (
              <span className="nullable-mark" aria-label="nullable" title="NULL allowed">
                ?
              </span>
            )}
          </span>
        </>
      );
    }
    case 'group':
      return (
        <>
          {row.group === 'indexes' ? (
            <IconIndex className="icon tree-icon-muted" />
          ) : (
            <IconLink className="icon tree-icon-muted" />
          )}
          <span className="tree-label tree-label-muted">{row.label}</span>
          <span className="tree-meta">{row.count}</span>
        </>
      );
    case 'index':
      return (
        <>
          <IconIndex className="icon tree-icon-muted" />
          <span className="tree-label">{row.index.name}</span>
          <span className="tree-type">
            ({row.index.columns.join(', ')}){row.index.primary ? ' pk' : row.index.unique ? ' unique' : ''}
          </span>
        </>
      );
    case 'foreignKey':
      return (
        <>
          <IconLink className="icon tree-icon-fk" />
          <span className="tree-label">
            {row.foreignKey.columns.join(', ')} → {describeReference(row.foreignKey)}
          </span>
        </>
      );
    case 'message':
      return <span className="tree-label tree-label-muted">{row.text}</span>;
  }
}

function rowTitle(row: TreeRow): string | undefined {
  if (row.kind === 'column') return describeColumn(row.column, row.foreignKey);
  if (row.kind === 'table')
    return `${row.table.kind === 'view' ? 'View' : 'Table'} ${row.table.name} — double-click to query it`;
  if (row.kind === 'schema') return `Schema ${row.name}`;
  if (row.kind === 'group') return row.label;
  if (row.kind === 'foreignKey') {
    const fk = row.foreignKey;
    return [
      `${fk.columns.join(', ')} → ${describeReference(fk)}`,
      fk.name,
      `ON UPDATE ${fk.onUpdate ?? 'NO ACTION'}`,
      `ON DELETE ${fk.onDelete ?? 'NO ACTION'}`,
    ]
      .filter(Boolean)
      .join('\n');
  }
  if (row.kind === 'index')
    return `${row.index.unique ? 'Unique index' : 'Index'} ${row.index.name} on (${row.index.columns.join(', ')})`;
  return row.text;
}

/**
 * The schema tree, flattened and virtualized so hundreds of tables stay light. Keyboard: arrows move,
 * Right/Left open and close, Enter opens a table's data (or toggles a folder).
 */
export function SchemaTree({ tree, filter, onOpenTable, onOpenData, onImport, onServe, onDiagram }: SchemaTreeProps) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const [menu, setMenu] = useState<{ x: number; y: number; items: ContextMenuItem[] } | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const schemaErrors = useSchemaErrors(tree);
  const rows = useMemo(() => buildRows(tree, { toggled, filter, schemaErrors }), [tree, toggled, filter, schemaErrors]);
  useReadOpenedSchemas(tree, rows);
  const activeIndex = Math.max(
    0,
    rows.findIndex((r) => r.key === activeKey),
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const toggle = (key: string) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const moveTo = (index: number) => {
    const row = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (!row) return;
    setActiveKey(row.key);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  };

  const activate = (row: TreeRow) => {
    if (row.kind === 'table') onOpenData(row.schema, row.table);
    else if (hasChildren(row)) toggle(row.key);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[activeIndex];
    if (!row) return;
    // the first key press only shows where the cursor is
    if (activeKey === null && event.key.startsWith('Arrow')) {
      event.preventDefault();
      setActiveKey(row.key);
      return;
    }
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (hasChildren(row) && !('expanded' in row && row.expanded)) toggle(row.key);
        else moveTo(activeIndex + 1);
        break;
      case 'ArrowLeft':
        if (hasChildren(row) && 'expanded' in row && row.expanded) toggle(row.key);
        else {
          // jump to the parent: the nearest row above with a smaller depth
          for (let i = activeIndex - 1; i >= 0; i--) if ((rows[i]?.depth ?? 0) < row.depth) return moveTo(i);
        }
        break;
      case 'Enter':
        activate(row);
        break;
      case 'ContextMenu': {
        const rect = document.getElementById(rowId(activeIndex))?.getBoundingClientRect();
        openMenu(row, rect ? rect.left + 24 : 0, rect ? rect.bottom : 0);
        break;
      }
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  /** What a right-click (or the context-menu key) on a row offers: open, import into it, import into a new table. */
  const menuItems = (row: TreeRow): ContextMenuItem[] => {
    const items: ContextMenuItem[] = [];
    if (row.kind === 'table') {
      items.push({ label: 'Open data', onSelect: () => onOpenData(row.schema, row.table) });
      items.push({ label: 'Query (SELECT first rows)', onSelect: () => onOpenTable(row.schema, row.table) });
      if (onImport && row.table.kind === 'table')
        items.push({ label: 'Import data…', onSelect: () => onImport(row.schema, row.table.name) });
      if (onImport) items.push({ label: 'Import into new table…', onSelect: () => onImport(row.schema, null) });
      if (onServe && row.table.kind === 'table')
        items.push({
          label: 'Serve as REST API',
          onSelect: () => onServe({ schema: row.schema, table: row.table.name }),
        });
      if (onServe)
        items.push({
          label: 'Serve every table as REST API',
          onSelect: () => onServe({ schema: null, table: null, wholeConnection: true }),
        });
    } else if (row.kind === 'schema') {
      if (onImport) items.push({ label: 'Import into new table…', onSelect: () => onImport(row.name, null) });
      if (onServe) {
        items.push({
          label: 'Serve this schema’s tables as REST API',
          onSelect: () => onServe({ schema: row.name, table: null }),
        });
        items.push({
          label: 'Serve every table as REST API',
          onSelect: () => onServe({ schema: null, table: null, wholeConnection: true }),
        });
      }
      if (onDiagram) items.push({ label: 'Open as diagram', onSelect: () => onDiagram(row.name) });
    }
    return items;
  };
  const openMenu = (row: TreeRow, x: number, y: number) => {
    const items = menuItems(row);
    if (items.length > 0) setMenu({ x, y, items });
  };

  const rowId = (index: number) => `${idBase}-row-${index}`;
  const items = virtualizer.getVirtualItems();

  return (
    <div
      ref={scrollRef}
      className="schema-tree"
      role="tree"
      aria-label="Schema"
      tabIndex={0}
      aria-activedescendant={rows.length ? rowId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      data-testid="schema-tree"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const expandable = hasChildren(row);
          const expanded = 'expanded' in row ? row.expanded : undefined;
          const testId = ROW_TEST_IDS[row.kind];
          const dataName = rowName(row);
          let content: ReactNode = (
            <RowContent row={row} connectionId={tree.connectionId} onOpenTable={onOpenTable} onOpenData={onOpenData} />
          );
          if (expandable) {
            content = (
              <>
                <span className="tree-chevron" aria-hidden="true">
                  {expanded ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
                </span>
                {content}
              </>
            );
          }
          return (
            <div
              key={row.key}
              id={rowId(item.index)}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-expanded={expandable ? expanded : undefined}
              aria-selected={item.index === activeIndex}
              className={`tree-row tree-row-${row.kind}${row.key === activeKey ? ' is-active' : ''}`}
              style={{
                transform: `translateY(${item.start}px)`,
                height: ROW_HEIGHT,
                paddingLeft: 6 + row.depth * INDENT + (expandable ? 0 : 16),
              }}
              title={rowTitle(row)}
              data-testid={testId}
              data-name={dataName}
              onClick={() => {
                setActiveKey(row.key);
                if (expandable) toggle(row.key);
              }}
              onDoubleClick={() => row.kind === 'table' && onOpenData(row.schema, row.table)}
              onContextMenu={(event) => {
                if (menuItems(row).length === 0) return;
                event.preventDefault();
                setActiveKey(row.key);
                openMenu(row, event.clientX, event.clientY);
              }}
            >
              {content}
            </div>
          );
        })}
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          items={menu.items}
          onClose={() => setMenu(null)}
          testId="schema-context-menu"
        />
      )}
    </div>
  );
}
