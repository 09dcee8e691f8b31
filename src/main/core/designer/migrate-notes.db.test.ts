import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../shared/domain';
import { diffTo, exec, freshDatabase, migrate, rows, table, type TestDatabase } from './migrate-harness';
import { pullDesign } from './pull';

/** Notes (table and column comments) are part of the diff on PostgreSQL and MySQL; SQLite keeps none. */
const SCHEMA = [
  'CREATE TABLE mig_notes (id INTEGER PRIMARY KEY, title VARCHAR(50) NOT NULL, body VARCHAR(200), price INTEGER)',
  "INSERT INTO mig_notes VALUES (1, 'a', 'first', 3), (2, 'b', NULL, 4)",
];
const COMMENTED: Record<'postgres' | 'mysql', string[]> = {
  postgres: [
    "COMMENT ON TABLE mig_notes IS 'old table note'",
    "COMMENT ON COLUMN mig_notes.body IS 'old body note'",
    "COMMENT ON COLUMN mig_notes.price IS 'in cents'",
  ],
  mysql: [
    "ALTER TABLE mig_notes COMMENT = 'old table note'",
    "ALTER TABLE mig_notes MODIFY body VARCHAR(200) COMMENT 'old body note'",
    "ALTER TABLE mig_notes MODIFY price INTEGER COMMENT 'in cents'",
  ],
};
// quotes and a backslash: the literal must be escaped for each engine
const TRICKY = "it's 'quoted', a \\ backslash and ''two''";

describe.each(['postgres', 'mysql'] as const)('notes on %s', (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase(engine);
    await exec(db.session, [...SCHEMA, ...COMMENTED[engine]]);
  });
  afterEach(async () => db.drop());

  it('sets, changes and drops table and column notes on a table with rows; a fresh diff says No changes.', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, (d) => {
      const t = table(d, 'mig_notes');
      t.note = TRICKY;
      t.columns.find((c) => c.name === 'title')!.note = 'shown first';
      t.columns.find((c) => c.name === 'body')!.note = TRICKY;
      t.columns.find((c) => c.name === 'price')!.note = null;
    });
    expect(diff.changes.map((c) => [c.kind, c.table, c.item, c.description, c.destructive])).toEqual([
      ['alterColumn', 'mig_notes', 'title', 'note added', false],
      ['alterColumn', 'mig_notes', 'body', 'note changed', false],
      ['alterColumn', 'mig_notes', 'price', 'note dropped', false],
      ['alterTable', 'mig_notes', null, 'note changed', false],
    ]);
    expect(outcome).toEqual({ applied: 4, total: 4 });
    const after = table(await pullDesign(db.session, null), 'mig_notes');
    expect(after.note).toBe(TRICKY);
    expect(after.columns.map((c) => [c.name, c.type, c.nullable, c.note])).toEqual([
      ['id', after.columns[0]!.type, false, null],
      ['title', 'varchar(50)', false, 'shown first'],
      ['body', 'varchar(200)', true, TRICKY],
      ['price', after.columns[3]!.type, true, null],
    ]);
    expect(await rows(db.session, 'SELECT id, title, body, price FROM mig_notes ORDER BY id')).toEqual([
      ['1', 'a', 'first', '3'],
      ['2', 'b', null, '4'],
    ]);
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
  });

  it('drops the table note, and a note change rides along with a type change', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, (d) => {
      const t = table(d, 'mig_notes');
      t.note = null;
      const body = t.columns.find((c) => c.name === 'body')!;
      body.type = 'varchar(300)';
      body.note = 'longer now';
    });
    expect(diff.changes.map((c) => [c.kind, c.item, c.description])).toEqual([
      ['alterColumn', 'body', 'type varchar(200) → varchar(300), note changed'],
      ['alterTable', null, 'note dropped'],
    ]);
    expect(outcome.failed).toBeUndefined();
    const after = table(await pullDesign(db.session, null), 'mig_notes');
    expect(after.note).toBeNull();
    expect(after.columns.find((c) => c.name === 'body')).toMatchObject({ type: 'varchar(300)', note: 'longer now' });
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
  });

  it('creates a new table and column with tricky notes that pull back as written', async () => {
    const { outcome, wanted } = await migrate(db.session, (d) => {
      const copy = structuredClone(table(d, 'mig_notes'));
      copy.name = 'mig_notes_new';
      copy.note = TRICKY;
      copy.indexes = [];
      copy.columns.find((c) => c.name === 'title')!.note = TRICKY;
      d.tables.push(copy);
      table(d, 'mig_notes').columns.push({
        name: 'extra',
        type: 'varchar(10)',
        nullable: true,
        default: null,
        unique: false,
        autoIncrement: false,
        note: TRICKY,
      });
    });
    expect(outcome.failed).toBeUndefined();
    const pulled = await pullDesign(db.session, null);
    expect(table(pulled, 'mig_notes_new').note).toBe(TRICKY);
    expect(table(pulled, 'mig_notes_new').columns.find((c) => c.name === 'title')!.note).toBe(TRICKY);
    expect(table(pulled, 'mig_notes').columns.find((c) => c.name === 'extra')!.note).toBe(TRICKY);
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
  });
});

describe('notes on sqlite', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('sqlite' satisfies Engine);
    await exec(db.session, SCHEMA);
  });
  afterEach(async () => db.drop());

  it('are never a difference: SQLite keeps no comments', async () => {
    const wanted = structuredClone(await pullDesign(db.session, null));
    const t = table(wanted, 'mig_notes');
    t.note = 'a table note';
    t.columns[1]!.note = 'a column note';
    const diff = await diffTo(db.session, wanted);
    expect(diff.changes).toEqual([]);
    expect(diff.sql).toBe('No changes.');
  });
});
