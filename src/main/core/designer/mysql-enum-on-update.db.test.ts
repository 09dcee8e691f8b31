import { afterEach, describe, expect, it } from 'vitest';
import { applyMigration } from './apply';
import { formatDbml, parseDbml } from './dbml';
import { diffTo, exec, freshDatabase, migrate, never, table, type TestDatabase } from './migrate-harness';
import { importText } from './import-text';
import { pullDesign } from './pull';

/** Real-data losses on MariaDB (issue 9): DBML Enum blocks in a MySQL design, and ON UPDATE CURRENT_TIMESTAMP. */
const ENUM_DBML = `Project {
  database_type: 'MySQL'
}

Enum me_user_status {
  active
  "it's off"
  banned [note: 'no login']
}

Table me_users {
  id int [pk, increment]
  status me_user_status [not null, default: 'active']
  previous me_user_status
}
`;

/** Sakila's spelling: MariaDB prints it back as `current_timestamp()` in COLUMN_DEFAULT and EXTRA. */
const SAKILA_LIKE = [
  `CREATE TABLE me_actor (
     actor_id smallint unsigned NOT NULL AUTO_INCREMENT,
     first_name varchar(45) NOT NULL,
     last_update timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
     touched datetime(3) NULL ON UPDATE current_timestamp(3),
     PRIMARY KEY (actor_id)
   )`,
];

async function applyAll(db: TestDatabase, wanted: Parameters<typeof diffTo>[1]): Promise<void> {
  const migration = await diffTo(db.session, wanted);
  const outcome = await applyMigration(db.session, migration, {
    allowDestructive: false,
    signal: never,
    onProgress: () => undefined,
  });
  expect(outcome.failed).toBeUndefined();
}

describe('MySQL designs on MariaDB', () => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.drop();
  });

  it('applies a DBML Enum block as an inline enum column, and a fresh diff says No changes.', async () => {
    const db = await freshDatabase('mysql');
    open.push(db);
    const { design, problems } = parseDbml(ENUM_DBML, 'mysql');
    expect(problems).toEqual([]);
    await applyAll(db, design!);

    const pulled = await pullDesign(db.session, null);
    const status = table(pulled, 'me_users').columns.find((c) => c.name === 'status')!;
    expect(status.type).toBe("enum('active','it''s off','banned')");
    expect(status.default).toBe("'active'");
    expect((await diffTo(db.session, design!)).sql).toBe('No changes.');
  });

  it('keeps ON UPDATE through pull → DBML → apply to an empty database → pull; losing it is a change', async () => {
    const source = await freshDatabase('mysql');
    const empty = await freshDatabase('mysql');
    open.push(source, empty);
    await exec(source.session, SAKILA_LIKE);
    const pulled = await pullDesign(source.session, null);
    const actor = table(pulled, 'me_actor');
    expect(actor.columns.find((c) => c.name === 'last_update')).toMatchObject({
      default: 'CURRENT_TIMESTAMP',
      onUpdate: 'CURRENT_TIMESTAMP',
    });
    expect(actor.columns.find((c) => c.name === 'touched')!.onUpdate).toBe('CURRENT_TIMESTAMP(3)');
    expect(actor.columns.find((c) => c.name === 'first_name')!.onUpdate).toBeUndefined();

    const { design, problems } = parseDbml(formatDbml(pulled), 'mysql');
    expect(problems).toEqual([]);
    expect(design).toEqual(pulled);
    await applyAll(empty, design!);
    expect(await pullDesign(empty.session, null)).toEqual(pulled);
    expect((await diffTo(empty.session, design!)).sql).toBe('No changes.');

    // a column losing ON UPDATE is a change, and applying it leaves the default alone
    const { diff } = await migrate(empty.session, (wanted) => {
      delete table(wanted, 'me_actor').columns.find((c) => c.name === 'last_update')!.onUpdate;
    });
    expect(diff.changes.map((c) => c.description)).toEqual(['ON UPDATE dropped']);
    const after = table(await pullDesign(empty.session, null), 'me_actor').columns;
    expect(after.find((c) => c.name === 'last_update')).toMatchObject({ default: 'CURRENT_TIMESTAMP' });
    expect(after.find((c) => c.name === 'last_update')!.onUpdate).toBeUndefined();
    // and adding it back is one too
    const { diff: back } = await migrate(empty.session, (wanted) => {
      table(wanted, 'me_actor').columns.find((c) => c.name === 'last_update')!.onUpdate = 'CURRENT_TIMESTAMP';
    });
    expect(back.changes.map((c) => c.description)).toEqual(['ON UPDATE CURRENT_TIMESTAMP']);
    expect(await pullDesign(empty.session, null)).toEqual(pulled);
  });

  it('a SQL import of the same CREATE TABLE diffs clean against the table (ON UPDATE and all)', async () => {
    const db = await freshDatabase('mysql');
    open.push(db);
    await exec(db.session, SAKILA_LIKE);
    const imported = await importText(`${SAKILA_LIKE.join(';\n')};`, 'sql', 'mysql');
    expect(table(imported, 'me_actor').columns.find((c) => c.name === 'last_update')!.onUpdate).toBe(
      'CURRENT_TIMESTAMP',
    );
    expect((await diffTo(db.session, imported)).sql).toBe('No changes.');
  });
});
