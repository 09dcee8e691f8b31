import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverSession } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';
import { createMysqlDatabase, createPgDatabase } from '../connections/test-databases';
import { createScript } from './ddl';
import { pullDesign } from './pull';
import { handDesign, runScript } from './pull-fixtures';

for (const engine of ['postgres', 'mysql'] as const) {
  describe(`createScript: ${engine === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    let db: { drop(): Promise<void> };
    let session: DriverSession;
    beforeEach(async () => {
      const created = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
      db = created;
      session = await openSession({ params: created.params, password: created.password });
    });
    afterEach(async () => {
      await session.close();
      await db.drop();
    });

    it('runs a hand-written design (dots and ? in names, an FK cycle, a self reference) and pulls it back', async () => {
      const design = handDesign(engine);
      await runScript(session, createScript(design));
      expect(await pullDesign(session, null)).toEqual({
        ...design,
        tables: [...design.tables].sort((a, b) => (a.name < b.name ? -1 : 1)),
      });
    });
  });
}
