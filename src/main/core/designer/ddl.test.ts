import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Design } from '../../../shared/design';
import { openSession } from '../connections/open-session';
import { createScript, createTableStatements } from './ddl';
import { pullDesign, pullSqliteDatabase } from './pull';
import { col, fk, handDesign, idx, runScript, table } from './pull-fixtures';

describe('createScript', () => {
  it('SQLite: runs on a real database and pulls back as the hand-written design', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-ddl-'));
    const session = await openSession({
      params: { engine: 'sqlite', file: join(dir, 'hand.db'), create: true },
      password: null,
    });
    try {
      await runScript(session, createScript(handDesign('sqlite')));
      expect(await pullDesign(session, null)).toEqual({
        ...handDesign('sqlite'),
        // pulled in name order
        tables: [...handDesign('sqlite').tables].sort((a, b) => (a.name < b.name ? -1 : 1)),
      });
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts referenced tables first and adds a key into a cycle by ALTER TABLE at the end (PostgreSQL)', () => {
    const statements = createScript(handDesign('postgres')).split(';\n');
    const at = (pattern: RegExp): number => statements.findIndex((s) => pattern.test(s));
    expect(at(/^CREATE TYPE "st\.atus" AS ENUM \('on', 'off\?'\)$/)).toBe(0);
    expect(at(/create table "c"/)).toBeLessThan(at(/create table "a\.b"/));
    // a.b → c goes with a.b (c exists by then); c → a.b waits for a.b
    expect(at(/alter table "a\.b" add constraint "ab_to_c"/)).toBeGreaterThan(at(/create table "a\.b"/));
    expect(at(/alter table "c" add constraint "c_to_ab"/)).toBe(statements.filter((s) => s.trim()).length - 1);
  });

  it('SQLite: a unique column and an unnamed composite unique index become UNIQUE constraints inside CREATE TABLE', () => {
    const design: Design = {
      dialect: 'sqlite',
      tables: [
        table('t', {
          columns: [col('a', 'int', { unique: true }), col('b', 'int'), col('c', 'int')],
          indexes: [idx(null, ['b', 'c'], { unique: true }), idx('t_c', ['c'], { unique: true })],
        }),
      ],
      enums: [],
      note: null,
    };
    expect(createTableStatements(design, design.tables[0]!, { inlineForeignKeys: true })).toEqual([
      'create table `t` (`a` int, `b` int, `c` int, unique (`a`), unique (`b`, `c`))',
      'create unique index `t_c` on `t` (`c`)',
    ]);
    const db = new Database(':memory:');
    try {
      db.exec(createScript(design));
      expect(pullSqliteDatabase(db)).toEqual(design);
    } finally {
      db.close();
    }
  });

  it('createTableStatements leaves the foreign keys out unless asked', () => {
    const design = handDesign('mysql');
    const c = design.tables.find((t) => t.name === 'c')!;
    const without = createTableStatements(design, c, { inlineForeignKeys: false }).join('\n');
    const withKeys = createTableStatements(design, c, { inlineForeignKeys: true }).join('\n');
    expect(without).not.toMatch(/foreign key/);
    expect(withKeys).toMatch(
      /add constraint `c_to_ab` foreign key \(`ab_id`\) references `a\.b` \(`id`\) on delete CASCADE/,
    );
    expect(withKeys).toMatch(/add constraint `c_parent` foreign key/);
  });

  it('names what the design leaves unnamed as PostgreSQL would, and quotes names knex would split', () => {
    const design: Design = {
      dialect: 'postgres',
      tables: [
        table('p', { columns: [col('id', 'integer', { nullable: false })], primaryKey: ['id'] }),
        table('t.x', {
          schema: 'my schema',
          columns: [col('p_id', 'integer')],
          indexes: [idx(null, ['p_id'])],
          foreignKeys: [fk(null, ['p_id'], 'p', ['id'], { refSchema: 'public' })],
          checks: [{ name: null, expression: 'p_id > 0' }],
        }),
      ],
      enums: [],
      note: null,
    };
    expect(createScript(design)).toContain(
      'alter table "my schema"."t.x" add constraint "t.x_p_id_fkey" foreign key ("p_id") references "public"."p" ("id")',
    );
    expect(createScript(design)).toContain('create index "t.x_p_id_idx" on "my schema"."t.x" ("p_id")');
    expect(createScript(design)).toContain('check (p_id > 0)');
  });
});
