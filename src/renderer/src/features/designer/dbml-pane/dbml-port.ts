import { client } from '../../../rpc/client';
import type { DbmlPort } from './dbml-sync';

/** The DBML pane's two procedures over the app's client. */
export const dbmlPort: DbmlPort = {
  format: async (design) => (await client.designer.formatDbml({ design })).dbml,
  parse: (dbml, dialect) => client.designer.parseDbml({ dbml, dialect }),
};
