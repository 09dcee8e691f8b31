import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Design } from '../../../shared/design';
import { applyMigration } from './apply';
import { diffAgainstLive } from './diff-live';
import { diffTo, exec, freshDatabase, migrate, never, rows, table, type TestDatabase } from './migrate-harness';
import { pullDesign } from './pull';

/** PostgreSQL enum changes: values added in place, or the type recreated when values go or move. */
const SCHEMA = [
  "CREATE TYPE mig_mood AS ENUM ('happy', 'sad', 'meh')",
  "CREATE TABLE mig_people (id integer PRIMARY KEY, mood mig_mood NOT NULL DEFAULT 'happy', past mig_mood[], CHECK (id > 0))",
  'CREATE INDEX mig_people_mood_idx ON mig_people (mood)',
  // a check comparing the column with a value of the type: it would not convert with the column
  "ALTER TABLE mig_people ADD CONSTRAINT mig_people_meh_ok CHECK (mood <> 'meh' OR id > 1)",
  "CREATE TABLE mig_days (id integer PRIMARY KEY, mood mig_mood DEFAULT 'meh')",
  "INSERT INTO mig_people VALUES (1, 'happy', ARRAY['happy', 'meh']::mig_mood[]), (2, 'meh', NULL)",
  "INSERT INTO mig_days VALUES (1, 'meh'), (2, NULL)",
];

const values = (d: Design) => d.enums.find((e) => e.name === 'mig_mood')!.values;
const enumLabels = (db: TestDatabase) =>
  rows(
    db.session,
    "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'mig_mood' ORDER BY e.enumsortorder",
  );

describe('PostgreSQL enums', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('postgres');
    await exec(db.session, SCHEMA);
  });
  afterEach(async () => db.drop());

  it('removes a value no row holds only with confirmation, recreating the type and converting every column', async () => {
    const edit = (d: Design) => {
      values(d).splice(1, 1);
    };
    await expect(migrate(db.session, edit)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('mig_mood'),
    });
    expect(await enumLabels(db)).toEqual([['happy'], ['sad'], ['meh']]);

    const { diff, outcome, wanted } = await migrate(db.session, edit, { allowDestructive: true });
    expect(diff.changes).toMatchObject([
      { kind: 'alterEnum', table: 'mig_mood', description: "removes 'sad' (the type is recreated)", destructive: true },
    ]);
    expect(diff.destructive).toEqual(['mig_mood']);
    expect(diff.steps.map((s) => s.description)).toEqual([
      'Check that no row holds a value enum mig_mood drops',
      "Recreate enum mig_mood with values 'happy', 'meh'",
    ]);
    expect(outcome).toEqual({ applied: 2, total: 2 });
    expect(await enumLabels(db)).toEqual([['happy'], ['meh']]);
    expect(await rows(db.session, 'SELECT id, mood::text, past::text FROM mig_people ORDER BY id')).toEqual([
      ['1', 'happy', '{happy,meh}'],
      ['2', 'meh', null],
    ]);
    expect(await rows(db.session, 'SELECT id, mood::text FROM mig_days ORDER BY id')).toEqual([
      ['1', 'meh'],
      ['2', null],
    ]);
    // defaults, the index and the other types are back on the renamed type
    await exec(db.session, ['INSERT INTO mig_people (id) VALUES (3)', 'INSERT INTO mig_days (id) VALUES (3)']);
    expect(
      await rows(
        db.session,
        'SELECT p.mood::text, d.mood::text FROM mig_people p, mig_days d WHERE p.id = 3 AND d.id = 3',
      ),
    ).toEqual([['happy', 'meh']]);
    expect(
      await rows(db.session, "SELECT indexname FROM pg_indexes WHERE tablename = 'mig_people' ORDER BY 1"),
    ).toEqual([['mig_people_mood_idx'], ['mig_people_pkey']]);
    expect(await rows(db.session, "SELECT count(*) FROM pg_type WHERE typname LIKE '%bb_new%'")).toEqual([['0']]);
    await expect(exec(db.session, ["UPDATE mig_people SET mood = 'meh' WHERE id = 1"])).rejects.toThrow(
      /mig_people_meh_ok/,
    );
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
  });

  it('fails before changing anything when rows hold a removed value, naming each table.column and the values', async () => {
    await exec(db.session, [
      "INSERT INTO mig_days VALUES (3, 'sad')",
      "UPDATE mig_people SET past = ARRAY['sad']::mig_mood[] WHERE id = 2",
    ]);
    const { outcome } = await migrate(
      db.session,
      (d) => {
        values(d).splice(1, 1);
        // another change in the same migration, also rolled back
        table(d, 'mig_days').columns.push({
          name: 'note',
          type: 'text',
          nullable: true,
          default: null,
          unique: false,
          autoIncrement: false,
          note: null,
        });
      },
      { allowDestructive: true },
    );
    expect(outcome.applied).toBe(0);
    expect(outcome.failed).toMatchObject({
      step: 0,
      description: 'Check that no row holds a value enum mig_mood drops',
    });
    expect(outcome.failed!.message).toBe(
      "Enum mig_mood would lose values rows hold: mig_days.mood holds 'sad'; mig_people.past holds 'sad'. " +
        'Change or delete those rows first; nothing was changed.',
    );
    expect(outcome.failed!.message).toContain("mig_people.past holds 'sad'");
    expect(outcome.failed!.message).toContain("mig_days.mood holds 'sad'");
    expect(outcome.failed!.message).not.toContain('mig_people.mood');
    expect(await enumLabels(db)).toEqual([['happy'], ['sad'], ['meh']]);
    expect(table(await pullDesign(db.session, null), 'mig_days').columns.map((c) => c.name)).toEqual(['id', 'mood']);
  });

  it('reorders values without asking (no value is lost), and renames one where no row holds it', async () => {
    const reordered = await migrate(db.session, (d) => {
      values(d).reverse();
    });
    expect(reordered.diff.changes).toMatchObject([
      { kind: 'alterEnum', description: 'reorders values (the type is recreated)', destructive: false },
    ]);
    expect(reordered.outcome).toEqual({ applied: 1, total: 1 });
    expect(await enumLabels(db)).toEqual([['meh'], ['sad'], ['happy']]);
    expect(await rows(db.session, 'SELECT mood FROM mig_people ORDER BY mood')).toEqual([['meh'], ['happy']]);
    expect((await diffTo(db.session, reordered.wanted)).sql).toBe('No changes.');

    const renamed = await migrate(
      db.session,
      (d) => {
        values(d)[1] = 'blue';
      },
      { allowDestructive: true },
    );
    expect(renamed.outcome.failed).toBeUndefined();
    expect(await enumLabels(db)).toEqual([['meh'], ['blue'], ['happy']]);
    expect((await diffTo(db.session, renamed.wanted)).sql).toBe('No changes.');
  });

  it('adds a value in its place with ADD VALUE; one used in the same migration recreates the type', async () => {
    const inPlace = await migrate(db.session, (d) => {
      values(d).splice(1, 0, 'calm');
      values(d).unshift('elated', 'glad');
    });
    expect(inPlace.diff.steps.flatMap((s) => s.statements)).toEqual([
      `ALTER TYPE "mig_mood" ADD VALUE IF NOT EXISTS 'elated' BEFORE 'happy'`,
      `ALTER TYPE "mig_mood" ADD VALUE IF NOT EXISTS 'glad' AFTER 'elated'`,
      `ALTER TYPE "mig_mood" ADD VALUE IF NOT EXISTS 'calm' AFTER 'happy'`,
    ]);
    expect(inPlace.outcome.failed).toBeUndefined();
    expect(await enumLabels(db)).toEqual([['elated'], ['glad'], ['happy'], ['calm'], ['sad'], ['meh']]);
    expect((await diffTo(db.session, inPlace.wanted)).sql).toBe('No changes.');

    // PostgreSQL refuses a value added in the transaction that uses it ("unsafe use of new enum value")
    const used = await migrate(db.session, (d) => {
      values(d).push('bored');
      table(d, 'mig_days').columns.find((c) => c.name === 'mood')!.default = "'bored'::mig_mood";
    });
    expect(used.diff.steps.map((s) => s.description)).toEqual([
      "Recreate enum mig_mood with values 'elated', 'glad', 'happy', 'calm', 'sad', 'meh', 'bored'",
      'Alter column mig_days.mood',
    ]);
    expect(used.outcome.failed).toBeUndefined();
    await exec(db.session, ['INSERT INTO mig_days (id) VALUES (4)']);
    expect(await rows(db.session, 'SELECT mood::text FROM mig_days WHERE id = 4')).toEqual([['bored']]);
    expect((await diffTo(db.session, used.wanted)).sql).toBe('No changes.');
  });
});

describe('PostgreSQL enums in a schema of their own', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('postgres');
    await exec(db.session, [
      'CREATE SCHEMA mig_s',
      "CREATE TYPE mig_s.mig_level AS ENUM ('lo', 'mid', 'hi')",
      "CREATE TABLE mig_s.mig_rooms (id integer PRIMARY KEY, level mig_s.mig_level DEFAULT 'lo')",
      "INSERT INTO mig_s.mig_rooms VALUES (1, 'hi'), (2, 'lo')",
    ]);
  });
  afterEach(async () => db.drop());

  it('recreates the type in its schema and converts the columns that name it bare', async () => {
    const live = await pullDesign(db.session, 'mig_s');
    expect(table(live, 'mig_rooms').columns[1]!.type).toBe('mig_level');
    const wanted = structuredClone(live);
    wanted.enums[0]!.values = ['hi', 'lo'];
    const diff = await diffAgainstLive(db.session, wanted, live, [], never);
    expect(diff.sql).toContain('CREATE TYPE "mig_s"."_bb_new_mig_level"');
    const outcome = await applyMigration(db.session, diff, {
      allowDestructive: true,
      signal: never,
      onProgress: () => undefined,
    });
    expect(outcome).toEqual({ applied: 2, total: 2 });
    expect(await rows(db.session, 'SELECT id, level FROM mig_s.mig_rooms ORDER BY level, id')).toEqual([
      ['1', 'hi'],
      ['2', 'lo'],
    ]);
    const after = await pullDesign(db.session, 'mig_s');
    expect(after.enums).toEqual(wanted.enums);
    expect((await diffAgainstLive(db.session, wanted, after, [], never)).sql).toBe('No changes.');
  });
});
