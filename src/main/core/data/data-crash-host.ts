import { createClient } from '../../../shared/client';
import type { DataChange } from '../../../shared/contract/data.contract';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createServices } from '../services';

/**
 * Test support (not shipped), run as its own process by data-crash.test.ts: a host that saves a draft of
 * `count` updates to `items` in the SQLite file, says "draft <connectionId>", applies them and says "applied" —
 * the test kills it while the apply runs.
 */
const [dataDir, file, count] = process.argv.slice(2) as [string, string, string];
const services = await createServices({ host: 'test', dataDir, createSample: false });
const client = createClient(createMemoryTransport(services.dispatch));
const { id } = await client.connections.create({ name: 'crash', params: { engine: 'sqlite', file } });
const changes: DataChange[] = Array.from({ length: Number(count) }, (_, i) => ({
  kind: 'update',
  key: { id: i + 1 },
  values: { v: 'changed' },
}));
const target = { connectionId: id, schema: null, table: 'items' };
await client.data.saveDraft({ ...target, changes });
process.stdout.write(`draft ${id}\n`);
await client.data.apply({ ...target, changes });
process.stdout.write('applied\n');
await services.dispose();
