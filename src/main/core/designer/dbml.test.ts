import { describe, expect, it } from 'vitest';
import { Design } from '../../../shared/design';
import { AppError } from '../../../shared/errors';
import { formatDbml, parseDbml, readDbml } from './dbml';
import { generatedDesign, richDesign } from './dbml-fixtures';

function roundTrip(design: Design): void {
  expect(Design.safeParse(design).success).toBe(true);
  const text = formatDbml(design);
  const { design: back, problems } = parseDbml(text, design.dialect === 'sqlite' ? 'mysql' : 'sqlite');
  expect(problems, text).toEqual([]);
  expect(back, text).toEqual(design);
  expect(formatDbml(back!)).toBe(text);
}

describe('DBML round trip', () => {
  for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
    it(`reads back a rich ${dialect} design equal, and writes it again identically`, () => {
      roundTrip(richDesign(dialect));
    });
  }

  it('reads back 60 generated designs (hostile names, every default kind, composite keys, expression indexes)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const dialect = (['postgres', 'mysql', 'sqlite'] as const)[seed % 3]!;
      roundTrip(generatedDesign(seed, dialect));
    }
  });

  it('writes the mapping the docs describe', () => {
    const text = formatDbml(richDesign('postgres'));
    expect(text).toContain(
      "Project {\n  database_type: 'PostgreSQL'\n  Note: 'The shop.\\nOrders, customers and what they bought.'\n}",
    );
    expect(text).toContain('Enum order_status {\n  "new"\n  "paid"\n  "it\'s shipped"\n}');
    expect(text).toContain('  id bigint [pk, increment]\n');
    expect(text).toContain("  email text [not null, unique, note: 'Lower case; the login.']\n");
    expect(text).toContain('  created_at "timestamp with time zone" [not null, default: `now()`]\n');
    expect(text).toContain("  status order_status [not null, default: 'new']\n");
    expect(text).toContain('  discount numeric(10,2) [default: `1.50`]\n');
    expect(text).toContain('  "note" text [default: null]\n');
    expect(text).toContain('    (order_id, line_no) [pk]\n');
    expect(text).toContain("    (`lower(email)`) [unique, name: 'customers_email_lower']\n");
    expect(text).toContain("    `email LIKE '%@%'` [name: 'email_has_at']\n");
    expect(text).toContain('Ref orders_customer_fk: orders.customer_id > customers.id [delete: cascade]\n');
    expect(text).toContain(
      'Ref shipments_line_fk: shipments.(order_id, line_no) > order_lines.(order_id, line_no) [delete: restrict, update: set null]\n',
    );
  });

  it('writes a backtick of a MySQL expression as the stand-in and reads it back', () => {
    const design = richDesign('mysql');
    design.tables[0]!.checks = [{ name: 'c', expression: "`email` LIKE '%@%'" }];
    design.tables[0]!.indexes = [{ name: null, columns: ['`lower(`email`)`'], unique: false, type: null, note: null }];
    const text = formatDbml(design);
    expect(text).toContain("ˋemailˋ LIKE '%@%'");
    expect(text).toContain('(`lower(ˋemailˋ)`)');
    roundTrip(design);
  });

  it('writes a table without columns as DBML says it, and the parser names the place', () => {
    const design = richDesign('sqlite');
    design.tables.push({
      ...design.tables[0]!,
      name: 'empty',
      columns: [],
      primaryKey: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
    });
    const text = formatDbml(design);
    const line = text.split('\n').indexOf('Table empty {') + 1;
    expect(parseDbml(text, 'sqlite').problems).toEqual([
      { line, column: 1, message: 'A Table must have at least one column' },
    ]);
  });
});

describe('DBML problems', () => {
  it('names the line and column of a broken file', () => {
    const text = 'Table users {\n  id int [pk]\n  name varchar [not null\n}\n';
    const { design, problems } = parseDbml(text, 'postgres');
    expect(design).toBeNull();
    // the bracket left open on line 3 is found where the next token is not a setting
    expect(problems[0]).toEqual({ line: 4, column: 1, message: 'Expect an identifier' });
  });

  it('names the line and column of a setting DBML does not know', () => {
    const { problems } = parseDbml('Table users {\n  id int [pk]\n  name varchar [nullable]\n}\n', 'postgres');
    expect(problems).toEqual([{ line: 3, column: 17, message: expect.stringMatching(/nullable/) }]);
  });

  it('names the place of a reference to a column that does not exist', () => {
    const text = 'Table a {\n  id int\n}\nTable b {\n  a_id int\n}\nRef: b.a_id > a.nope\n';
    const { problems } = parseDbml(text, 'postgres');
    expect(problems).toEqual([{ line: 7, column: 17, message: expect.stringMatching(/nope/) }]);
  });

  it('readDbml throws INVALID_INPUT naming line and column', () => {
    try {
      readDbml('Table {\n}', 'sqlite', 'designs/x.dbml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_INPUT');
      expect((error as AppError).message).toMatch(/^designs\/x\.dbml does not parse: line 1, column \d+: /);
    }
  });
});

describe('DBML written by users', () => {
  const dbdiagram = `
// dbdiagram.io style
Project shop {
  database_type: 'MySQL'
}

Table users as U {
  id integer [primary key]
  username VARCHAR(50) [not null, unique]
  role varchar [default: "member"]
  created_at timestamp [default: \`now()\`]
}

Table posts {
  id integer [pk, increment]
  title varchar
  body text [note: 'Content of the post']
  user_id integer [ref: > U.id]
  status post_status
}

Table follows {
  following_user_id integer
  followed_user_id integer
  indexes {
    (following_user_id, followed_user_id) [pk]
  }
}

Table profiles {
  id integer [pk]
  bio text
}

Enum post_status {
  draft
  published [note: 'visible']
}

Ref: users.id < follows.following_user_id
Ref: users.id < follows.followed_user_id [delete: CASCADE]
Ref: users.id - profiles.id
Ref: posts.id <> users.id
`;

  it('reads inline refs, aliases, Ref blocks in both directions and one-to-one', () => {
    const { design, problems } = parseDbml(dbdiagram, 'postgres');
    expect(problems).toEqual([]);
    expect(design!.dialect).toBe('mysql');
    const [users, posts, follows, profiles] = design!.tables;
    expect(users).toMatchObject({ name: 'users', primaryKey: ['id'] });
    expect(users!.columns[0]).toMatchObject({ name: 'id', type: 'integer', nullable: false });
    expect(users!.columns[1]).toMatchObject({ type: 'varchar(50)', nullable: false, unique: true });
    expect(users!.columns[2]).toMatchObject({ default: "'member'", nullable: true });
    expect(users!.columns[3]).toMatchObject({ default: 'now()' });
    // MySQL has no named enums: the column spells the values, the block is kept for writing the file back
    expect(posts!.columns.find((c) => c.name === 'status')!.type).toBe("enum('draft','published')");

    expect(posts!.foreignKeys).toEqual([
      {
        name: null,
        columns: ['user_id'],
        refSchema: null,
        refTable: 'users',
        refColumns: ['id'],
        onDelete: null,
        onUpdate: null,
      },
    ]);
    expect(follows!.primaryKey).toEqual(['following_user_id', 'followed_user_id']);
    expect(follows!.foreignKeys.map((f) => [f.columns[0], f.refTable, f.onDelete])).toEqual([
      ['following_user_id', 'users', null],
      ['followed_user_id', 'users', 'cascade'],
    ]);
    // one-to-one: both ends are keys, so the second end holds the foreign key, as @dbml/core's SQL export has it
    expect(profiles!.foreignKeys).toEqual([
      {
        name: null,
        columns: ['id'],
        refSchema: null,
        refTable: 'users',
        refColumns: ['id'],
        onDelete: null,
        onUpdate: null,
      },
    ]);
    // many-to-many makes no foreign key; it is kept apart (dbml-extras.test.ts)
    expect(users!.foreignKeys).toEqual([]);
    expect(design!.manyToMany).toEqual([
      {
        name: null,
        schema: null,
        table: 'posts',
        columns: ['id'],
        refSchema: null,
        refTable: 'users',
        refColumns: ['id'],
      },
    ]);
    expect(design!.enums).toEqual([]);
    expect(design!.enumBlocks).toEqual([
      { schema: null, name: 'post_status', values: ['draft', 'published'], valueNotes: { published: 'visible' } },
    ]);
  });

  it('puts a one-to-one foreign key on the end that is not a key, whichever way it is written', () => {
    const text =
      'Table users {\n  id int [pk]\n  profile_id int\n}\nTable profiles {\n  id int [pk]\n}\nRef: profiles.id - users.profile_id\n';
    const users = parseDbml(text, 'sqlite').design!.tables[0]!;
    expect(users.foreignKeys.map((f) => [f.columns, f.refTable])).toEqual([[['profile_id'], 'profiles']]);
    const swapped = text.replace('profiles.id - users.profile_id', 'users.profile_id - profiles.id');
    expect(parseDbml(swapped, 'sqlite').design!.tables[0]!.foreignKeys).toEqual(users.foreignKeys);
  });

  it('takes the dialect from database_type, else the one asked for; public is the default schema', () => {
    const text = 'Table public.a {\n  id int\n}\nTable app.b {\n  a_id int [ref: > a.id]\n}\n';
    const { design } = parseDbml(text, 'postgres');
    expect(design!.dialect).toBe('postgres');
    expect(design!.tables.map((t) => t.schema)).toEqual([null, 'app']);
    expect(design!.tables[1]!.foreignKeys[0]).toMatchObject({ refSchema: 'public', refTable: 'a' });
    expect(parseDbml(`Project { database_type: 'Oracle' }\n${text}`, 'sqlite').design!.dialect).toBe('sqlite');
    expect(parseDbml(`Project { database_type: 'postgres' }\n${text}`, 'sqlite').design!.dialect).toBe('postgres');
  });

  it('lower-cases built-in types and keeps the case of type names', () => {
    const text =
      'Table t {\n  a INT\n  b VARCHAR(10)\n  c "ENUM(\'A\',\'b\')"\n  d "My S.Mood"\n  e MyDomain\n  f "\\"Odd\\""\n}\n';
    const columns = parseDbml(text, 'postgres').design!.tables[0]!.columns;
    expect(columns.map((c) => c.type)).toEqual([
      'int',
      'varchar(10)',
      "enum('A','b')",
      'My S.Mood',
      'MyDomain',
      '"Odd"',
    ]);
    const design = parseDbml(text, 'postgres').design!;
    expect(parseDbml(formatDbml(design), 'postgres').design).toEqual(design);
  });

  it('injects table partials', () => {
    const text =
      'TablePartial stamps {\n  created_at timestamp [not null]\n}\nTable a {\n  id int [pk]\n  ~stamps\n}\n';
    const a = parseDbml(text, 'postgres').design!.tables[0]!;
    expect(a.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['id', 'int', false],
      ['created_at', 'timestamp', false],
    ]);
  });

  it('reads column checks into the table checks, and schema-qualified enum types', () => {
    const text =
      'Enum "s x"."My Enum" {\n  a\n}\nTable "s x".t {\n  v "s x"."My Enum"\n  n int [check: `n > 0`]\n  checks {\n    `n < 10` [name: \'lt\']\n  }\n}\n';
    const t = parseDbml(text, 'postgres').design!.tables[0]!;
    expect(t.columns[0]!.type).toBe('"s x"."My Enum"');
    expect(t.checks).toEqual([
      { name: 'lt', expression: 'n < 10' },
      { name: null, expression: 'n > 0' },
    ]);
  });
});
