import { afterEach, describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design';
import type { Engine } from '../../../shared/domain';
import { applyMigration } from './apply';
import { formatDbml, parseDbml } from './dbml';
import { diffTo, exec, freshDatabase, never, type TestDatabase } from './migrate-harness';
import { MYSQL_SCHEMA, PG_SCHEMA, SQLITE_SCHEMA } from './pull-fixtures';
import { pullDesign } from './pull';

/** Each engine's rich pull fixture: composite keys and FKs, uniques, checks, defaults, enums on PostgreSQL. */
const FIXTURES: Record<Engine, readonly string[]> = { sqlite: SQLITE_SCHEMA, postgres: PG_SCHEMA, mysql: MYSQL_SCHEMA };

describe.each(['sqlite', 'postgres', 'mysql'] as Engine[])('the round trip on %s', (engine) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.drop();
  });

  it('pull → DBML → apply to an empty database → pull gives the same design, and diff says No changes.', async () => {
    const source = await freshDatabase(engine);
    const empty = await freshDatabase(engine);
    open.push(source, empty);
    await exec(source.session, FIXTURES[engine]);
    const pulled = await pullDesign(source.session, null);
    expect(pulled.tables.length).toBeGreaterThan(2);

    const { design, problems } = parseDbml(formatDbml(pulled), engine);
    expect(problems).toEqual([]);
    const migration = await diffTo(empty.session, design!);
    expect(migration.destructive).toEqual([]);
    expect(migration.changes.every((c) => c.kind === 'addTable' || c.kind === 'addEnum')).toBe(true);
    const outcome = await applyMigration(empty.session, migration, {
      allowDestructive: false,
      signal: never,
      onProgress: () => undefined,
    });
    expect(outcome.failed).toBeUndefined();
    expect(outcome.applied).toBe(migration.steps.length);

    const back = await pullDesign(empty.session, null);
    expect(back).toEqual(pulled);
    expect((await diffTo(empty.session, design!)).sql).toBe('No changes.');
    // and the other way round: dropping everything is all destructive
    const none = await diffTo(empty.session, emptyDesign(engine));
    expect(none.destructive.sort()).toEqual(pulled.tables.map((t) => t.name).sort());
  });
});
