import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Design } from '../../../shared/design';
import { diffTo, exec, freshDatabase, migrate, rows, table, type TestDatabase } from './migrate-harness';

/**
 * The SQLite rebuild (create-copy-drop-rename) when triggers and views of OTHER tables name the rebuilt table.
 * Modern SQLite checks the whole schema when the new table is renamed into place: a trigger on another table
 * that names the dropped one made the rename fail ("error in trigger …: no such table: main.<t>").
 */
const SCHEMA = [
  'CREATE TABLE mig_items (id INTEGER PRIMARY KEY, label VARCHAR(20), price INTEGER)',
  'CREATE TABLE mig_orders (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES mig_items (id))',
  'CREATE TABLE mig_log (what TEXT)',
  'CREATE INDEX mig_items_label_idx ON mig_items (label)',
  // a trigger on another table whose body names mig_items
  'CREATE TRIGGER mig_orders_log AFTER INSERT ON mig_orders BEGIN INSERT INTO mig_log SELECT label FROM mig_items WHERE id = NEW.item_id; END',
  // the rebuilt table's own trigger
  "CREATE TRIGGER mig_items_log AFTER INSERT ON mig_items BEGIN INSERT INTO mig_log VALUES ('item ' || NEW.label); END",
  // a view on it, and an INSTEAD OF trigger on that view (dropping the view would drop the trigger)
  'CREATE VIEW mig_cheap AS SELECT id, label AS name FROM mig_items WHERE price < 10',
  'CREATE TRIGGER mig_cheap_add INSTEAD OF INSERT ON mig_cheap BEGIN INSERT INTO mig_items (id, label, price) VALUES (NEW.id, NEW.name, 1); END',
  "INSERT INTO mig_items VALUES (1, 'pen', 2), (2, 'desk', 90)",
  'INSERT INTO mig_orders VALUES (10, 1)',
  'DELETE FROM mig_log',
];

const widenLabel = (d: Design) => {
  table(d, 'mig_items').columns.find((c) => c.name === 'label')!.type = 'varchar(40)';
};

describe('the SQLite rebuild with triggers and views of other tables naming the table', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase('sqlite');
    await exec(db.session, SCHEMA);
  });
  afterEach(async () => db.drop());

  it('rebuilds the table, keeping its rows, index and trigger, and every dependent trigger and view working', async () => {
    const { diff, outcome, wanted } = await migrate(db.session, widenLabel);
    expect(diff.steps.map((s) => s.description)).toEqual(['Rebuild table mig_items (alterColumn)']);
    expect(outcome).toEqual({ applied: 1, total: 1 });
    expect(await rows(db.session, 'SELECT id, label, price FROM mig_items ORDER BY id')).toEqual([
      ['1', 'pen', '2'],
      ['2', 'desk', '90'],
    ]);
    expect(
      await rows(db.session, "SELECT type, name, tbl_name FROM sqlite_master WHERE type <> 'table' ORDER BY name"),
    ).toEqual([
      ['view', 'mig_cheap', 'mig_cheap'],
      ['trigger', 'mig_cheap_add', 'mig_cheap'],
      ['index', 'mig_items_label_idx', 'mig_items'],
      ['trigger', 'mig_items_log', 'mig_items'],
      ['trigger', 'mig_orders_log', 'mig_orders'],
    ]);
    // every trigger fires and the view reads the new table
    await exec(db.session, [
      'INSERT INTO mig_orders VALUES (11, 2)',
      "INSERT INTO mig_cheap (id, name) VALUES (3, 'cup')",
    ]);
    expect(await rows(db.session, 'SELECT what FROM mig_log ORDER BY rowid')).toEqual([['desk'], ['item cup']]);
    expect(await rows(db.session, 'SELECT id, name FROM mig_cheap ORDER BY id')).toEqual([
      ['1', 'pen'],
      ['3', 'cup'],
    ]);
    expect(await rows(db.session, 'PRAGMA foreign_keys')).toEqual([['1']]);
    expect(await rows(db.session, 'PRAGMA legacy_alter_table')).toEqual([['0']]);
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
  });

  it('renames a column and rebuilds in one migration: its own triggers take the new name', async () => {
    await exec(db.session, [
      "CREATE TRIGGER mig_items_relabel AFTER UPDATE OF label ON mig_items BEGIN INSERT INTO mig_log VALUES ('was ' || OLD.label); END",
    ]);
    const { outcome, wanted } = await migrate(
      db.session,
      (d) => {
        const items = table(d, 'mig_items');
        items.columns.find((c) => c.name === 'label')!.name = 'title';
        items.indexes.find((i) => i.name === 'mig_items_label_idx')!.columns = ['title'];
        items.columns.find((c) => c.name === 'price')!.type = 'bigint';
      },
      { renames: [{ kind: 'column', table: 'mig_items', from: 'label', to: 'title' }] },
    );
    expect(outcome).toEqual({ applied: 2, total: 2 });
    await exec(db.session, [
      "INSERT INTO mig_items (id, title, price) VALUES (3, 'cup', 1)",
      "UPDATE mig_items SET title = 'mug' WHERE id = 3",
      'INSERT INTO mig_orders VALUES (11, 3)',
    ]);
    expect(await rows(db.session, 'SELECT what FROM mig_log ORDER BY rowid')).toEqual([
      ['item cup'],
      ['was cup'],
      ['mug'],
    ]);
    expect(await rows(db.session, 'SELECT id, name FROM mig_cheap ORDER BY id')).toEqual([
      ['1', 'pen'],
      ['3', 'mug'],
    ]);
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
  });

  it('renames and rebuilds the table in one migration: triggers and views of other tables follow the new name', async () => {
    const { outcome, wanted } = await migrate(
      db.session,
      (d) => {
        widenLabel(d);
        table(d, 'mig_items').name = 'mig_goods';
        table(d, 'mig_orders').foreignKeys[0]!.refTable = 'mig_goods';
        // mig_orders is rebuilt too: its own trigger, read before the rename, names mig_items
        table(d, 'mig_orders').columns.find((c) => c.name === 'item_id')!.type = 'bigint';
      },
      { renames: [{ kind: 'table', table: null, from: 'mig_items', to: 'mig_goods' }] },
    );
    expect(outcome).toEqual({ applied: 3, total: 3 });
    await exec(db.session, [
      'INSERT INTO mig_orders VALUES (11, 2)',
      "INSERT INTO mig_cheap (id, name) VALUES (3, 'cup')",
    ]);
    expect(await rows(db.session, 'SELECT what FROM mig_log ORDER BY rowid')).toEqual([['desk'], ['item cup']]);
    expect(await rows(db.session, 'SELECT id, name FROM mig_cheap ORDER BY id')).toEqual([
      ['1', 'pen'],
      ['3', 'cup'],
    ]);
    expect(
      await rows(
        db.session,
        "SELECT name FROM sqlite_master WHERE name IN ('mig_orders_log', 'mig_cheap') AND sql LIKE '%mig_goods%' ORDER BY name",
      ),
    ).toEqual([['mig_cheap'], ['mig_orders_log']]);
    expect((await diffTo(db.session, wanted)).sql).toBe('No changes.');
  });

  it('fails the rebuild, naming the view, when a view of another table needs a column it drops; nothing changes', async () => {
    const { diff, outcome } = await migrate(
      db.session,
      (d) => {
        widenLabel(d);
        const items = table(d, 'mig_items');
        items.columns = items.columns.filter((c) => c.name !== 'price');
      },
      { allowDestructive: true },
    );
    expect(diff.destructive).toEqual(['mig_items.price']);
    expect(outcome).toMatchObject({
      applied: 0,
      failed: { step: 0, message: expect.stringMatching(/mig_cheap.*no such column: price/) },
    });
    expect(await rows(db.session, 'SELECT id, label, price FROM mig_items ORDER BY id')).toEqual([
      ['1', 'pen', '2'],
      ['2', 'desk', '90'],
    ]);
    expect(await rows(db.session, 'SELECT COUNT(*) FROM sqlite_master')).toEqual([['8']]);
    expect(await rows(db.session, 'PRAGMA legacy_alter_table')).toEqual([['0']]);
    expect(await rows(db.session, 'PRAGMA foreign_keys')).toEqual([['1']]);
  });
});
