import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/domain';
import { applyMigration } from './apply';
import { parseDbml } from './dbml';
import { createScript } from './ddl';
import { runScript } from './pull-fixtures';
import { pullDesign } from './pull';
import { diffTo, exec, freshDatabase, never, type TestDatabase } from './migrate-harness';

/** Hand-written DBML as found in the wild (dbdiagram.io samples): names the design leaves to the engine. */
const UNNAMED_REFS = `
Table fx_a { id int [pk] }
Table fx_b {
  id int [pk]
  a_id int [ref: > fx_a.id]
  other_a int [ref: > fx_a.id]
}
`;

/** A column's [unique] and an unnamed unique index on the same column (holistics ecommerce.dbml). */
const UNIQUE_TWICE = `
Table fx_users {
  id int [pk]
  email varchar(255) [unique]
  indexes { email [unique] }
}
`;

async function applyDbml(db: TestDatabase, dbml: string, engine: Engine): Promise<void> {
  const { design, problems } = parseDbml(dbml, engine);
  expect(problems).toEqual([]);
  const migration = await diffTo(db.session, design!);
  const outcome = await applyMigration(db.session, migration, {
    allowDestructive: false,
    signal: never,
    onProgress: () => undefined,
  });
  expect(outcome.failed).toBeUndefined();
  expect(outcome.applied).toBe(migration.steps.length);
  expect((await diffTo(db.session, design!)).sql).toBe('No changes.');
}

describe.each(['postgres', 'mysql', 'sqlite'] as Engine[])('names the design leaves unnamed, on %s', (engine) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.drop();
  });
  const fresh = async () => {
    const db = await freshDatabase(engine);
    open.push(db);
    return db;
  };

  it('applies unnamed foreign keys to an empty database under the names the engine would give', async () => {
    const db = await fresh();
    await applyDbml(db, UNNAMED_REFS, engine);
    if (engine === 'sqlite') return; // SQLite keeps no name for a foreign key
    const pulled = await pullDesign(db.session, null);
    expect(
      pulled.tables
        .find((t) => t.name === 'fx_b')!
        .foreignKeys.map((fk) => fk.name)
        .sort(),
    ).toEqual(['fx_b_a_id_fkey', 'fx_b_other_a_fkey']);
  });

  it('applies a column [unique] with the same unique index to an empty database', async () => {
    const db = await fresh();
    await applyDbml(db, UNIQUE_TWICE, engine);
    // one constraint: the column's UNIQUE
    const users = (await pullDesign(db.session, null)).tables.find((t) => t.name === 'fx_users')!;
    expect(users.columns.find((c) => c.name === 'email')!.unique).toBe(true);
    expect(users.indexes).toEqual([]);
  });

  it('runs the CREATE script of a column [unique] with the same unique index, and diff says No changes.', async () => {
    const db = await fresh();
    const { design } = parseDbml(UNIQUE_TWICE, engine);
    await runScript(db.session, createScript(design!));
    expect((await diffTo(db.session, design!)).sql).toBe('No changes.');
  });
});

describe('checks as PostgreSQL gives them back', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('postgres');
  });
  afterEach(async () => db.drop());

  it("compares Sakila's partition check, multi-word casts and all, equal to the text it was written as", async () => {
    // the PostgreSQL port of Sakila (payment_p2007_01): pg_dump writes PostgreSQL's parentheses, pull leaves them out
    const bound = (date: string) => `'${date} 00:00:00'::timestamp without time zone`;
    const written = `payment_date >= ${bound('2007-01-01')} AND payment_date < ${bound('2007-02-01')}`;
    const dumped = `((payment_date >= ${bound('2007-01-01')}) AND (payment_date < ${bound('2007-02-01')}))`;
    await exec(db.session, [
      `CREATE TABLE fx_payment (payment_id int PRIMARY KEY, payment_date timestamp without time zone NOT NULL, CONSTRAINT fx_payment_date_check CHECK (${written}))`,
    ]);
    const wanted = structuredClone(await pullDesign(db.session, null));
    const check = wanted.tables.find((t) => t.name === 'fx_payment')!.checks[0]!;
    expect(check.expression).toBe(written);
    check.expression = dumped;
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
    // a different bound is still a change
    check.expression = dumped.replace('2007-02-01', '2007-03-01');
    expect((await diffTo(db.session, wanted)).changes.map((c) => c.kind)).toEqual(['dropCheck', 'addCheck']);
  });
});
