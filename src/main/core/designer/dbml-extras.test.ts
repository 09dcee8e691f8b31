import { describe, expect, it } from 'vitest';
import { Design } from '../../../shared/design';
import { formatDbml, parseDbml } from './dbml';
import { dbmlRefusals } from './dbml-check';
import { generatedDesign, withGeneratedExtras } from './dbml-fixtures';
import { createScript } from './ddl';
import { diffDesigns } from './diff';

/** A file as dbdiagram.io users write it: aliases, inline refs, groups, colours, sticky notes, records, `<>`. */
const DBDIAGRAM = `// Shop — exported from dbdiagram.io
Project ecommerce {
  database_type: 'Postgres'
  Note: '''
    # E-commerce
    Orders, products and the people who buy them.
  '''
}

Enum order_status {
  created [note: 'Waiting for payment']
  running
  done [note: 'Shipped and paid']
  failure
}

Table users as U [headercolor: #3498DB, note: 'Customers and staff'] {
  id integer [pk, increment]
  full_name varchar
  email varchar [unique, not null]
  created_at timestamp [default: \`now()\`]
  country_code int
}

Table countries [headercolor: #27AE60] {
  code int [pk]
  name varchar
  continent_name varchar
}

Table orders {
  id int [pk]
  user_id int [not null, ref: > U.id]
  status order_status
  created_at varchar [note: 'When the order was placed']
}

Table order_items {
  order_id int [ref: > orders.id]
  product_id int
  quantity int [default: 1]
}

Table products {
  id int [pk]
  name varchar
  merchant_id int [not null]
  price int
  status product_status
  created_at datetime [default: \`now()\`]

  Indexes {
    (merchant_id, status) [name:'product_status']
    id [unique]
  }
}

Enum product_status {
  out_of_stock
  in_stock
  running_low [note: 'less than 20']
}

Table merchants {
  id int [pk]
  merchant_name varchar
  country_code int
  admin_id int [ref: > U.id]
}

Table tags {
  id int [pk]
  label varchar
}

Ref: U.country_code > countries.code
Ref: merchants.country_code > countries.code
Ref: order_items.product_id > products.id
Ref: products.merchant_id > merchants.id [delete: cascade]
Ref product_tags: products.id <> tags.id

TableGroup sales [color: #E67E22] {
  orders
  order_items
  Note: 'Everything an order touches'
}

TableGroup "people & places" {
  U
  countries
}

Note onboarding {
  'Start at users, then follow the orders.'
}

Note todo [color: #FFCC00] {
  '''
  - split products by merchant
  - archive old orders
  '''
}

Records countries(code, name, continent_name) {
  1, 'Vietnam', 'Asia'
  2, "France", 'Europe'
  3, 'Kenya', null
}

Records U(id, full_name, email) {
  1, 'Ann Lee', 'ann@example.com' // the first customer
  2, 'Bo', 'bo@example.com'
}
`;

function read(text: string): Design {
  const { design, problems } = parseDbml(text, 'postgres');
  expect(problems, text).toEqual([]);
  return design!;
}

describe('DBML beyond the schema (dbml-extras)', () => {
  it('reads groups, colours, sticky notes, records, enum value notes, <> and the project of a dbdiagram.io file', () => {
    const design = read(DBDIAGRAM);
    expect(design.dialect).toBe('postgres');
    expect(design.projectName).toBe('ecommerce');
    expect(design.databaseType).toBe('Postgres');
    expect(design.tables.map((t) => t.headerColor ?? null)).toEqual([
      '#3498db',
      '#27ae60',
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(design.enums[0]!.valueNotes).toEqual({ created: 'Waiting for payment', done: 'Shipped and paid' });
    expect(design.enums[1]!.valueNotes).toEqual({ running_low: 'less than 20' });
    expect(design.groups).toEqual([
      { name: 'sales', tables: ['orders', 'order_items'], note: 'Everything an order touches', color: '#e67e22' },
      { name: 'people & places', tables: ['users', 'countries'], note: null, color: null },
    ]);
    expect(design.stickyNotes).toEqual([
      { name: 'onboarding', content: 'Start at users, then follow the orders.', color: null },
      { name: 'todo', content: '- split products by merchant\n- archive old orders\n', color: '#ffcc00' },
    ]);
    expect(design.manyToMany).toEqual([
      {
        name: 'product_tags',
        schema: null,
        table: 'products',
        columns: ['id'],
        refSchema: null,
        refTable: 'tags',
        refColumns: ['id'],
      },
    ]);
    // not a foreign key: DDL and diffs see only the real ones
    expect(design.tables.flatMap((t) => t.foreignKeys.map((fk) => `${t.name}.${fk.columns[0]}`))).toEqual([
      'users.country_code',
      'orders.user_id',
      'order_items.order_id',
      'order_items.product_id',
      'products.merchant_id',
      'merchants.admin_id',
      'merchants.country_code',
    ]);
    expect(design.records).toEqual([
      {
        table: 'countries',
        text: "Records countries(code, name, continent_name) {\n  1, 'Vietnam', 'Asia'\n  2, \"France\", 'Europe'\n  3, 'Kenya', null\n}",
      },
      {
        table: 'users',
        // the alias is written as the table's name; the rows, comment included, stay as they were
        text: "Records users(id, full_name, email) {\n  1, 'Ann Lee', 'ann@example.com' // the first customer\n  2, 'Bo', 'bo@example.com'\n}",
      },
    ]);
  });

  it('parse → format → parse gives the same design, and a second format is byte-identical', () => {
    const first = read(DBDIAGRAM);
    const text = formatDbml(first);
    const again = read(text);
    expect(again, text).toEqual(first);
    expect(formatDbml(again)).toBe(text);
    expect(text).toContain("Project ecommerce {\n  database_type: 'Postgres'\n");
    expect(text).toContain('Table users [headercolor: #3498db] {\n');
    expect(text).toContain('  "created" [note: \'Waiting for payment\']\n');
    expect(text).toContain('Ref product_tags: products.id <> tags.id\n');
    expect(text).toContain(
      "TableGroup sales [color: #e67e22] {\n  orders\n  order_items\n  Note: 'Everything an order touches'\n}",
    );
    expect(text).toContain('TableGroup "people & places" {\n  users\n  countries\n}');
    expect(text).toContain(
      "Note todo [color: #ffcc00] {\n  '- split products by merchant\\n- archive old orders\\n'\n}",
    );
  });

  it('keeps a records block written inside its table, and records in the order of the file', () => {
    const design = read(
      `Table a {\n  id int [pk]\n  name text\n  records { 1, 'x' }\n}\nTable b {\n  id int\n}\nRecords b(id) {\n  7\n}\n`,
    );
    expect(design.records).toEqual([
      { table: 'a', text: "Records a(id, name) { 1, 'x' }" },
      { table: 'b', text: 'Records b(id) {\n  7\n}' },
    ]);
    const text = formatDbml(design);
    expect(read(text)).toEqual(design);
  });

  it('writes what refers to a table or column gone from the design so that the file still opens', () => {
    const design = read(DBDIAGRAM);
    design.tables = design.tables.filter((t) => t.name !== 'tags' && t.name !== 'countries');
    for (const table of design.tables)
      table.foreignKeys = table.foreignKeys.filter((fk) => fk.refTable !== 'countries');
    const text = formatDbml(design);
    expect(text).toContain('// no longer in this design: Ref product_tags: products.id <> tags.id\n');
    expect(text).toContain('TableGroup "people & places" {\n  users\n}');
    expect(text).toContain('// no longer in this design: Records countries(code, name, continent_name) {\n');
    const back = read(text);
    expect(back.manyToMany).toBeUndefined();
    expect(back.groups![1]!.tables).toEqual(['users']);
    expect(back.records!.map((r) => r.table)).toEqual(['users']);
  });

  it('writes records under their table’s current name, and as a comment once they name a column it lost', () => {
    const design = read(
      `Table "my table" {\n  id int [pk]\n  "the name" text\n}\nRecords "my table"(id, "the name") {\n  1, 'x'\n}\n`,
    );
    // the table renamed on the canvas: the records follow by key (design-edits.ts), the head is written anew
    design.tables[0]!.name = 'items';
    design.records![0]!.table = 'items';
    const renamed = formatDbml(design);
    expect(renamed).toContain(`Records items(id, "the name") {\n  1, 'x'\n}`);
    expect(read(renamed).records).toEqual([{ table: 'items', text: `Records items(id, "the name") {\n  1, 'x'\n}` }]);
    // a column gone: the rows could not be read back, so they stay visible as a comment and the file opens
    design.tables[0]!.columns = design.tables[0]!.columns.filter((c) => c.name !== 'the name');
    const lost = formatDbml(design);
    expect(lost).toContain(`// no longer in this design: Records "my table"(id, "the name") {`);
    expect(read(lost).records).toBeUndefined();
  });

  it('writes a database_type it does not know back as it was only where the design is in DBML’s default dialect', () => {
    const design = read(`Project { database_type: 'SQL Server' }\nTable a {\n  id int\n}\n`);
    expect(design.databaseType).toBe('SQL Server');
    expect(formatDbml(design)).toContain("database_type: 'SQL Server'");
    expect(formatDbml({ ...design, dialect: 'mysql' })).toContain("database_type: 'MySQL'");
    expect(formatDbml({ ...design, databaseType: 'mariadb', dialect: 'mysql' })).toContain("database_type: 'mariadb'");
  });

  it('reads back 60 generated designs with groups, colours, sticky notes, value notes and <> (hostile names)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const dialect = (['postgres', 'mysql', 'sqlite'] as const)[seed % 3]!;
      const design = withGeneratedExtras(generatedDesign(seed, dialect), seed);
      expect(Design.safeParse(design).success).toBe(true);
      expect(dbmlRefusals(design)).toEqual([]);
      const text = formatDbml(design);
      const { design: back, problems } = parseDbml(text, dialect);
      expect(problems, text).toEqual([]);
      expect(back, text).toEqual(design);
      expect(formatDbml(back!)).toBe(text);
    }
  });

  it('is not schema: the DDL and a diff against the same design without it see no difference', () => {
    const design = read(DBDIAGRAM);
    const bare: Design = {
      dialect: design.dialect,
      tables: design.tables.map(({ headerColor: _colour, ...table }) => table),
      enums: design.enums.map(({ valueNotes: _notes, ...e }) => e),
      note: design.note,
    };
    expect(createScript(design)).toBe(createScript(bare));
    expect(diffDesigns(design, bare, []).changes).toEqual([]);
    expect(diffDesigns(bare, design, []).changes).toEqual([]);
  });
});
