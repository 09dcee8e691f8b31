import { useDeferredValue, useState } from 'react';
import type { SchemaTree as SchemaTreeData, TableInfo } from '../../../../shared/domain';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { IconDatabase, IconFolderOpen, IconPlug, IconRefresh, IconSearch, IconTable } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useConnections, useSchema, useUi } from '../../stores/app-stores';
import { selectSelectedConnection } from '../../stores/connections.store';
import { IconDesign } from '../designer/design-icon';
import { openAsDiagram } from '../designer/open-design';
import { openMockTab } from '../mocks/mocks-panel';
import { SchemaTree } from './schema-tree';
import { buildRows } from './schema-tree-model';
import { selectStarSql } from './sql-identifiers';
import './schema-browser.css';

/**
 * Writes the table's SELECT into a tab (the one that already holds it, else a new one) and runs it: what ▷ on
 * a table means (a double-click opens its data instead).
 */
export function openTableQuery(tree: SchemaTreeData, schema: string | null, table: TableInfo): void {
  const tabId = stores.tabs.getState().openTab({
    kind: 'sql',
    sql: selectStarSql(tree, schema, table.name),
    connectionId: tree.connectionId,
    title: table.name,
  });
  void stores.results.getState().runAll(tabId);
}

/** The selected connection's schema: filter, refresh, and the tree (or what to do when there is none). */
export function SchemaBrowser() {
  const connection = useConnections(selectSelectedConnection);
  const connectionId = connection?.id ?? null;
  const tree = useSchema((s) => (connectionId ? s.schemaByConnection[connectionId] : undefined));
  const loading = useSchema((s) => (connectionId ? (s.schemaLoadingById[connectionId] ?? false) : false));
  const error = useSchema((s) => (connectionId ? s.schemaErrorById[connectionId] : undefined));
  const state = useConnections((s) =>
    connectionId ? (s.statusById[connectionId]?.state ?? 'disconnected') : 'disconnected',
  );
  const connecting = useConnections((s) => (connectionId ? (s.connectingById[connectionId] ?? false) : false));
  const connectError = useConnections((s) => (connectionId ? s.connectErrorById[connectionId] : undefined));
  const loadSchema = useSchema((s) => s.loadSchema);
  const connect = useConnections((s) => s.connect);
  const openConnectionDialog = useUi((s) => s.openConnectionDialog);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);

  const onOpenTable = (schema: string | null, table: TableInfo) => {
    if (tree) openTableQuery(tree, schema, table);
  };
  const onOpenData = (schema: string | null, table: TableInfo) => {
    if (tree)
      stores.tabs.getState().openTab({ kind: 'data', connectionId: tree.connectionId, schema, table: table.name });
  };

  const onImport = (schema: string | null, table: string | null) => {
    if (tree) stores.transfer.getState().openImport({ connectionId: tree.connectionId, schema, table });
  };

  // "Serve as REST API": adds the tables to the connection's mock (made when there is none) and opens it
  const onServe = async (scope: { schema: string | null; table: string | null; wholeConnection?: boolean }) => {
    if (!tree || !connection) return;
    // the connection's default schema is left out, so the file reads the same on every machine
    const schemaOf = (name: string | null) => (name === tree.defaultSchema ? null : name);
    // the whole connection is what its tree read whole: not other MySQL databases opened in the tree
    const tables = tree.schemas
      .filter((s) => (scope.wholeConnection ? s.tablesLoaded === undefined : s.name === scope.schema))
      .flatMap((s) =>
        s.tables
          .filter((t) => t.kind === 'table' && (scope.table === null || t.name === scope.table))
          .map((t) => ({ schema: schemaOf(s.name), table: t.name })),
      );
    if (tables.length === 0) return;
    const path = await stores.mocks.getState().serveTables({ connectionName: connection.name, tables });
    const mock = path ? stores.mocks.getState().mocks.find((m) => m.path === path) : undefined;
    if (mock) openMockTab(mock);
  };

  const tableCount = tree ? tree.schemas.reduce((n, s) => n + s.tables.length, 0) : 0;
  const noMatches = Boolean(
    tree && deferredFilter.trim() && buildRows(tree, { toggled: new Set(), filter: deferredFilter }).length === 0,
  );

  let body;
  if (!connection) {
    body = (
      <EmptyState
        icon={<IconDatabase size={22} />}
        title="No connection selected"
        hint="Pick a connection above, or add one to browse its tables."
        action={
          <button
            type="button"
            className="button button-small"
            onClick={() => openConnectionDialog({ mode: 'create' })}
          >
            New connection
          </button>
        }
      />
    );
  } else if (error && !tree) {
    body = (
      <div className="schema-message">
        <ErrorMessage error={error} compact data-testid="schema-error" />
        <button
          type="button"
          className="button button-small"
          onClick={() => void loadSchema(connection.id, { force: true })}
        >
          <IconRefresh /> Try again
        </button>
      </div>
    );
  } else if (!tree && state !== 'connected' && connectError) {
    body = (
      <div className="schema-message">
        <ErrorMessage error={connectError} compact data-testid="schema-error" />
        <span className="schema-message-hint">Check the connection’s settings, then try again.</span>
        <div className="schema-message-actions">
          <button
            type="button"
            className="button button-primary button-small"
            disabled={connecting}
            onClick={() => void connect(connection.id)}
          >
            {connecting ? <Spinner label="Connecting" /> : <IconPlug />} Try again
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => openConnectionDialog({ mode: 'edit', connectionId: connection.id })}
          >
            Edit connection
          </button>
        </div>
      </div>
    );
  } else if (!tree && state !== 'connected') {
    body = (
      <EmptyState
        icon={<IconPlug size={22} />}
        title={`${connection.name} is not connected`}
        hint="Connect to browse its schemas, tables and columns."
        action={
          <button
            type="button"
            className="button button-primary button-small"
            disabled={connecting}
            onClick={() => void connect(connection.id)}
          >
            {connecting ? <Spinner label="Connecting" /> : <IconPlug />} Connect
          </button>
        }
      />
    );
  } else if (!tree) {
    body = (
      <div className="pane-loading">
        <Spinner label="Reading schema" /> Reading schema…
      </div>
    );
  } else if (tableCount === 0) {
    body = (
      <EmptyState
        icon={<IconTable size={22} />}
        title="No tables yet"
        hint={
          <>
            This database is empty. Create a table in the editor, e.g.{' '}
            <code>CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);</code>, then refresh.
          </>
        }
      />
    );
  } else if (noMatches) {
    body = (
      <EmptyState
        icon={<IconSearch size={22} />}
        title="Nothing matches"
        hint={`No table or column name contains “${deferredFilter.trim()}”.`}
        action={
          <button type="button" className="button button-small" onClick={() => setFilter('')}>
            Clear filter
          </button>
        }
      />
    );
  } else {
    body = (
      <SchemaTree
        key={tree.connectionId}
        tree={tree}
        filter={deferredFilter}
        onOpenTable={onOpenTable}
        onOpenData={onOpenData}
        onImport={onImport}
        onServe={(scope) => void onServe(scope)}
        onDiagram={(schema) => void openAsDiagram(connection, schema === tree.defaultSchema ? null : schema)}
      />
    );
  }

  return (
    <section className="schema-browser" aria-label="Schema browser">
      <div className="schema-toolbar">
        <div className="search-box">
          <IconSearch />
          <input
            className="input"
            type="search"
            placeholder="Filter tables and columns"
            aria-label="Filter tables and columns"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && filter) {
                e.preventDefault();
                setFilter('');
              }
            }}
            data-testid="schema-filter"
            id="schema-filter"
            spellCheck={false}
            disabled={!tree}
          />
        </div>
        <button
          type="button"
          className="icon-button"
          title="Import a CSV, TSV or JSON file into a new table (right-click a table to import into it)"
          aria-label="Import into new table"
          data-testid="schema-import"
          disabled={!tree}
          onClick={() => tree && onImport(null, null)}
        >
          <IconFolderOpen />
        </button>
        <button
          type="button"
          className="icon-button"
          title="Open the connection's schema as a diagram (a new schema design)"
          aria-label="Open as diagram"
          data-testid="schema-open-diagram"
          disabled={!tree}
          onClick={() => connection && void openAsDiagram(connection, null)}
        >
          <IconDesign />
        </button>
        <button
          type="button"
          className="icon-button"
          title="Refresh schema"
          aria-label="Refresh schema"
          data-testid="schema-refresh"
          disabled={!connection || loading || (state !== 'connected' && !tree)}
          onClick={() => connection && void loadSchema(connection.id, { force: true })}
        >
          {loading && tree ? <Spinner label="Refreshing" /> : <IconRefresh />}
        </button>
      </div>
      {error && tree && <ErrorMessage error={error} compact data-testid="schema-error" />}
      <div className="schema-body">{body}</div>
    </section>
  );
}
