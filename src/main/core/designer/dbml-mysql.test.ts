import { describe, expect, it } from 'vitest';
import { formatDbml, parseDbml } from './dbml';
import { createScript } from './ddl';
import { importText } from './import-text';

const DBML = `Project {
  database_type: 'MySQL'
}

Enum user_status {
  active
  "it's off" [note: 'paused']
}

Enum unused {
  x
}

Table users {
  id int [pk, increment]
  status user_status [not null, default: 'active']
  last_update timestamp [not null, default: \`CURRENT_TIMESTAMP\`, on update: 'current_timestamp()']
}
`;

describe('a DBML file read as a MySQL design', () => {
  it('reads a column typed with an Enum block as the inline enum MySQL spells, keeping the blocks for the file', () => {
    const { design, problems } = parseDbml(DBML, 'postgres');
    expect(problems).toEqual([]);
    expect(design!.dialect).toBe('mysql');
    expect(design!.enums).toEqual([]);
    expect(design!.enumBlocks!.map((e) => e.name)).toEqual(['user_status', 'unused']);
    const [, status, lastUpdate] = design!.tables[0]!.columns;
    expect(status!.type).toBe("enum('active','it''s off')");
    expect(lastUpdate).toMatchObject({ default: 'CURRENT_TIMESTAMP', onUpdate: 'CURRENT_TIMESTAMP' });
    expect(status!.onUpdate).toBeUndefined();
  });

  it('writes the blocks and the enum names back: parse → format → parse is stable', () => {
    const first = parseDbml(DBML, 'mysql').design!;
    const text = formatDbml(first);
    expect(text).toContain('Enum user_status {');
    expect(text).toContain('  status user_status [not null');
    expect(text).toContain("on update: 'CURRENT_TIMESTAMP'");
    const second = parseDbml(text, 'mysql').design!;
    expect(second).toEqual(first);
    expect(formatDbml(second)).toBe(text);
  });

  it('writes the inline enum and ON UPDATE in the MySQL DDL', () => {
    const sql = createScript(parseDbml(DBML, 'mysql').design!);
    expect(sql).toContain("`status` enum('active','it''s off') not null default 'active'");
    expect(sql).toContain('`last_update` timestamp on update CURRENT_TIMESTAMP not null default CURRENT_TIMESTAMP');
    expect(sql).not.toContain('user_status');
  });

  it('keeps PostgreSQL enums named and ignores ON UPDATE in its DDL', () => {
    const pg = DBML.replace("'MySQL'", "'PostgreSQL'");
    const design = parseDbml(pg, 'postgres').design!;
    expect(design.enums.map((e) => e.name)).toEqual(['user_status', 'unused']);
    expect(design.enumBlocks).toBeUndefined();
    expect(design.tables[0]!.columns[1]!.type).toBe('user_status');
    expect(createScript(design)).not.toMatch(/on update/i);
  });

  it('a MySQL script import keeps no Enum blocks', async () => {
    const design = await importText("CREATE TABLE t (id int PRIMARY KEY, s enum('a','b') NOT NULL);", 'sql', 'mysql');
    expect(design.enumBlocks).toBeUndefined();
    expect(design.tables[0]!.columns[1]!.type).toBe("enum('a','b')");
  });

  it('a MySQL script import keeps ON UPDATE, not the ON UPDATE CASCADE of a foreign key', async () => {
    const design = await importText(
      `CREATE TABLE p (id int PRIMARY KEY);
       CREATE TABLE actor (
         id smallint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
         last_update timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
         touched datetime(3) NULL on update current_timestamp(3),
         p_id int REFERENCES p (id) ON UPDATE CASCADE
       );`,
      'sql',
      'mysql',
    );
    const columns = design.tables.find((t) => t.name === 'actor')!.columns;
    expect(columns.map((c) => c.onUpdate)).toEqual([undefined, 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP(3)', undefined]);
    expect(columns[0]!.type).toBe('smallint unsigned');
  });
});
