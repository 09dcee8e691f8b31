import { client } from '../../../rpc/client';
import { dbmlPortOf } from './dbml-sync';

/** The DBML pane's two procedures over the app's client. */
export const dbmlPort = dbmlPortOf(client);
