import { appContract } from './app.contract';
import { connectionsContract } from './connections.contract';
import { dataContract } from './data.contract';
import { designerContract } from './designer.contract';
import { historyContract } from './history.contract';
import { httpContract } from './http.contract';
import { mockContract } from './mock.contract';
import { queryContract } from './query.contract';
import { schemaContract } from './schema.contract';
import { transferContract } from './transfer.contract';
import { workspaceContract } from './workspace.contract';

/**
 * The whole API: every procedure is `domain.procedure`. A new domain is a new key here; nothing else names a
 * procedure.
 */
export const contract = {
  app: appContract,
  connections: connectionsContract,
  schema: schemaContract,
  query: queryContract,
  data: dataContract,
  history: historyContract,
  workspace: workspaceContract,
  transfer: transferContract,
  mock: mockContract,
  http: httpContract,
  designer: designerContract,
};
export type Contract = typeof contract;

export { ExportFormat, ExportStatus, MAX_PAGE_SIZE, MAX_SQL_CHARS } from './query.contract';
export { ImportFile, ImportFormat, ImportPreview, ImportStatus } from './transfer.contract';
