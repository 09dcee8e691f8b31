/**
 * One well-formed input per procedure, for the contract tests: the validation test checks that each passes and
 * that breaking any field of it fails; the fuzz test mutates them to reach past validation into the services.
 * A new procedure without a sample fails the contract test, so this list stays complete.
 */
export interface SampleContext {
  /** A folder the samples may name files in (a temp dir in tests). */
  dir: string;
  /** A connection id that exists (the sample shop), or a placeholder. */
  connectionId: string;
}

export function contractSamples({ dir, connectionId }: SampleContext): Record<string, Record<string, unknown>> {
  const tab = {
    kind: 'sql' as const,
    id: 't1',
    title: 'Query 1',
    connectionId: null,
    sql: 'select 1',
    savedPath: null,
  };
  return {
    'app.info': {},
    'app.pickPath': { mode: 'open', title: 'Pick', filters: [{ name: 'SQLite', extensions: ['db'] }] },
    'connections.list': {},
    'connections.create': { name: 'fuzz db', params: { engine: 'sqlite', file: `${dir}/fuzz.db`, create: true } },
    'connections.update': { id: 'missing-connection', name: 'renamed' },
    'connections.duplicate': { id: 'missing-connection' },
    'connections.delete': { id: 'missing-connection' },
    'connections.test': { params: { engine: 'sqlite', file: `${dir}/missing.db` }, password: null },
    'connections.connect': { id: connectionId },
    'connections.disconnect': { id: connectionId },
    'connections.statuses': {},
    'connections.parseUrl': { url: 'postgres://user:secret@127.0.0.1:5432/db?sslmode=require' },
    'schema.getTree': { connectionId },
    'schema.getSchema': { connectionId, schema: 'main' },
    'schema.countRows': { connectionId, schema: null, table: 'customers', runId: 'count-1' },
    'query.run': { connectionId, sql: 'select * from customers', runId: 'run-1', pageSize: 50 },
    'query.page': { handle: 'missing-handle', offset: 0, limit: 10 },
    'query.cell': { handle: 'missing-handle', row: 0, column: 0, offset: 0, length: 100 },
    'query.close': { handle: 'missing-handle' },
    'query.cancel': { runId: 'run-1' },
    'query.export': { exportId: 'export-1', connectionId: 'missing-connection', sql: 'select 1', format: 'csv' },
    'query.cancelExport': { exportId: 'missing-export' },
    'query.exportStatus': { exportIds: ['missing-export'] },
    'data.open': {
      connectionId,
      schema: null,
      table: 'customers',
      sort: [{ column: 'name', direction: 'asc' }],
      filters: [{ column: 'id', op: 'between', values: [1, 100] }],
      where: 'id > 0',
      runId: 'data-open-1',
      pageSize: 50,
    },
    'data.preview': {
      connectionId,
      schema: null,
      table: 'customers',
      changes: [{ kind: 'update', key: { id: 1 }, values: { name: 'Ada' } }],
    },
    'data.apply': {
      connectionId: 'missing-connection',
      schema: null,
      table: 'customers',
      changes: [{ kind: 'delete', key: { id: 1 } }],
      confirmed: true,
    },
    'data.saveDraft': {
      connectionId: 'missing-connection',
      schema: null,
      table: 'customers',
      changes: [{ kind: 'insert', values: { name: 'Ada', note: { $default: true } } }],
    },
    'data.loadDraft': { connectionId, schema: null, table: 'customers' },
    'data.discardDraft': { connectionId: 'missing-connection', schema: null, table: 'customers' },
    'data.drafts': {},
    'data.export': {
      exportId: 'data-export-1',
      connectionId: 'missing-connection',
      schema: null,
      table: 'customers',
      filters: [{ column: 'id', op: 'gt', value: 1 }],
      format: 'csv',
    },
    'data.referencedBy': { connectionId, schema: null, table: 'customers', key: { id: 1 } },
    'data.lookup': { connectionId, schema: null, table: 'customers', columns: ['id', 'name'], search: 'a', limit: 20 },
    'history.list': { limit: 10, search: 'select', offset: 0 },
    'history.clear': { connectionId: 'missing-connection' },
    'workspace.loadTabs': {},
    'workspace.saveTabs': { tabs: [tab], activeTabId: 't1' },
    'workspace.listQueries': {},
    'workspace.readQuery': { path: 'fuzz/a.sql' },
    'workspace.saveQuery': { path: 'fuzz/a.sql', sql: 'select 1;' },
    'workspace.deleteQuery': { path: 'fuzz/b.sql' },
    'transfer.chooseFile': {},
    'transfer.preview': { fileId: 'missing-file', format: 'csv', limit: 20, engine: 'sqlite' },
    'transfer.import': {
      importId: 'import-1',
      connectionId,
      fileId: 'missing-file',
      format: 'csv',
      schema: null,
      table: 'fuzz_import',
      create: true,
      mapping: { id: 'id' },
      columnTypes: { id: 'integer', price: 'numeric(10,2)' },
    },
    'transfer.cancelImport': { importId: 'missing-import' },
    'transfer.importStatus': { importIds: ['missing-import'] },
    'mock.list': {},
    'mock.read': { path: 'fuzz/missing.yaml' },
    'mock.save': {
      path: 'fuzz/a.yaml',
      definition: {
        name: 'Fuzz',
        port: 0,
        routes: [{ method: 'GET', path: '/items/:id', responses: [{ status: 200, body: { id: 1 } }] }],
      },
    },
    'mock.create': { name: 'Fuzz API' },
    'mock.delete': { path: 'fuzz/b.yaml' },
    'mock.start': { path: 'fuzz/missing.yaml' },
    'mock.stop': { path: 'fuzz/missing.yaml' },
    'mock.requests': { path: 'fuzz/a.yaml', afterId: 0, limit: 50 },
    'mock.request': { path: 'fuzz/a.yaml', id: 1 },
    'mock.clearRequests': { path: 'fuzz/a.yaml' },
    'mock.importFile': { fileId: '00000000-0000-4000-8000-000000000000', name: 'Fuzz import' },
    'mock.exportOpenApi': { path: 'fuzz/missing.yaml' },
    'mock.recorded': { path: 'fuzz/missing.yaml', clear: true },
  };
}
