import { describe, expect, it } from 'vitest';
import type { Design } from '../../../shared/design';
import { formatDbml, parseDbml } from './dbml';
import { dbmlRefusals } from './dbml-check';
import { generatedDesign, richDesign } from './dbml-fixtures';

/** A change to the rich design that DBML refuses, and the refusal's words. */
const CASES: Array<[string, (d: Design) => void, RegExp]> = [
  [
    'a table without columns',
    (d) => Object.assign(d.tables[3]!, { columns: [], primaryKey: [], indexes: [], foreignKeys: [] }),
    /shipments has no columns/,
  ],
  ['two tables of one name', (d) => (d.tables[1]!.name = 'customers'), /Two tables are named public\.customers/],
  ['two columns of one name', (d) => (d.tables[0]!.columns[4]!.name = 'email'), /customers has two columns email/],
  [
    'a key column that is not there',
    (d) => (d.tables[2]!.primaryKey = ['order_id', 'nope']),
    /primary key of order_lines names nope/,
  ],
  [
    'an index column that is not there',
    (d) => (d.tables[0]!.indexes[1]!.columns = ['name', 'gone']),
    /names gone, which is not a column/,
  ],
  ['an index listing a column twice', (d) => (d.tables[0]!.indexes[1]!.columns = ['name', 'name']), /lists name twice/],
  [
    'a foreign key column that is not there',
    (d) => (d.tables[1]!.foreignKeys[0]!.columns = ['nope']),
    /names nope, which is not a column/,
  ],
  [
    'a referenced column that is not there',
    (d) => (d.tables[1]!.foreignKeys[0]!.refColumns = ['nope']),
    /refers to customers\.nope/,
  ],
  ['unequal column lists', (d) => (d.tables[3]!.foreignKeys[0]!.refColumns = ['order_id']), /unequal column lists/],
  [
    'a foreign key to its own columns',
    (d) =>
      Object.assign(d.tables[0]!, {
        foreignKeys: [
          {
            name: null,
            columns: ['id'],
            refSchema: null,
            refTable: 'customers',
            refColumns: ['id'],
            onDelete: null,
            onUpdate: null,
          },
        ],
      }),
    /refers to its own columns/,
  ],
  [
    'two foreign keys joining the same columns',
    (d) => d.tables[1]!.foreignKeys.push({ ...d.tables[1]!.foreignKeys[0]!, name: 'again' }),
    /joins the same columns as another/,
  ],
  [
    'the same pair the other way',
    (d) =>
      d.tables[0]!.foreignKeys.push({
        name: null,
        columns: ['id'],
        refSchema: null,
        refTable: 'orders',
        refColumns: ['customer_id'],
        onDelete: null,
        onUpdate: null,
      }),
    /joins the same columns as another/,
  ],
  ['two enums of one name', (d) => d.enums.push({ ...d.enums[0]! }), /Two enums are named public\.order_status/],
  ['an enum value twice', (d) => d.enums[0]!.values.push('new'), /has the value "new" twice/],
  ['an empty enum value', (d) => d.enums[0]!.values.push(''), /has an empty value/],
  [
    'a many-to-many reference on the columns of a foreign key',
    (d) =>
      (d.manyToMany = [
        {
          name: null,
          schema: null,
          table: 'customers',
          columns: ['id'],
          refSchema: null,
          refTable: 'orders',
          refColumns: ['customer_id'],
        },
      ]),
    /many-to-many reference customers <> orders joins the same columns/,
  ],
  [
    'two table groups of one name',
    (d) =>
      (d.groups = [
        { name: 'g', tables: ['customers'], note: null, color: null },
        { name: 'g', tables: ['orders'], note: null, color: null },
      ]),
    /Two table groups are named g/,
  ],
  [
    'a table in two groups',
    (d) =>
      (d.groups = [
        { name: 'g', tables: ['customers'], note: null, color: null },
        { name: 'h', tables: ['customers', 'orders'], note: null, color: null },
      ]),
    /customers is in two table groups/,
  ],
  [
    'two sticky notes of one name',
    (d) =>
      (d.stickyNotes = [
        { name: 'n', content: 'a', color: null },
        { name: 'n', content: 'b', color: null },
      ]),
    /Two sticky notes are named n/,
  ],
  [
    'two records blocks of one table',
    (d) =>
      (d.records = [
        { table: 'customers', text: 'Records customers(id) {\n  1\n}' },
        { table: 'customers', text: 'Records customers(id) {\n  2\n}' },
      ]),
    /customers has two Records blocks/,
  ],
];

describe('what DBML refuses, found before writing', () => {
  for (const [what, change, words] of CASES) {
    it(`finds ${what}, which the DBML compiler refuses too`, () => {
      const design = richDesign('postgres');
      change(design);
      expect(dbmlRefusals(design)).toEqual([expect.stringMatching(words)]);
      expect(parseDbml(formatDbml(design), 'postgres').problems).not.toEqual([]);
    });
  }

  it('finds nothing in designs DBML holds', () => {
    for (const dialect of ['postgres', 'mysql', 'sqlite'] as const)
      expect(dbmlRefusals(richDesign(dialect))).toEqual([]);
    for (let seed = 1; seed <= 60; seed++) expect(dbmlRefusals(generatedDesign(seed, 'postgres'))).toEqual([]);
  });
});
