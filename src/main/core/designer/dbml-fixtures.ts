/**
 * Designs for the DBML and design-file tests: a rich hand-written one per dialect, and generated ones (seeded)
 * full of hostile names, every default kind, composite keys and expression indexes. Every design here keeps the
 * normalisation rules of src/shared/design.ts, so a reader that follows them gives back an equal value.
 */
import type { Engine } from '../../../shared/domain';
import type { Design, DesignColumn, DesignForeignKey, DesignTable } from '../../../shared/design';
import { tableKey } from '../../../shared/design';
import { BACKTICK_STAND_IN, pgIdent } from './dbml-syntax';
import { mysqlEnumType } from './dbml-to-design';

const col = (name: string, type: string, extra: Partial<DesignColumn> = {}): DesignColumn => ({
  name,
  type,
  nullable: true,
  default: null,
  unique: false,
  autoIncrement: false,
  note: null,
  ...extra,
});

const table = (name: string, extra: Partial<DesignTable> & Pick<DesignTable, 'columns'>): DesignTable => ({
  schema: null,
  name,
  primaryKey: [],
  indexes: [],
  foreignKeys: [],
  checks: [],
  note: null,
  ...extra,
});

const fk = (extra: Partial<DesignForeignKey> & Pick<DesignForeignKey, 'columns' | 'refTable' | 'refColumns'>) => ({
  name: null,
  refSchema: null,
  onDelete: null,
  onUpdate: null,
  ...extra,
});

/** A shop schema written the way each engine spells it. */
export function richDesign(dialect: Engine): Design {
  const types = {
    postgres: { id: 'bigint', text: 'text', when: 'timestamp with time zone', money: 'numeric(10,2)', flag: 'boolean' },
    mysql: {
      id: 'bigint unsigned',
      text: 'varchar(255)',
      when: 'datetime(3)',
      money: 'decimal(10,2)',
      flag: 'tinyint(1)',
    },
    sqlite: { id: 'integer', text: 'text', when: 'text', money: 'real', flag: 'integer' },
  }[dialect];
  const now = dialect === 'postgres' ? 'now()' : 'CURRENT_TIMESTAMP';
  const status = { postgres: 'order_status', mysql: "enum('new','paid','Shipped')", sqlite: 'text' }[dialect];
  return {
    dialect,
    note: 'The shop.\nOrders, customers and what they bought.',
    enums:
      dialect === 'postgres' ? [{ schema: null, name: 'order_status', values: ['new', 'paid', "it's shipped"] }] : [],
    tables: [
      table('customers', {
        columns: [
          col('id', types.id, { nullable: false, autoIncrement: true }),
          col('email', types.text, { nullable: false, unique: true, note: 'Lower case; the login.' }),
          col('name', types.text, { default: "'Anonymous'" }),
          col('created_at', types.when, { nullable: false, default: now }),
          col('vip', types.flag, { nullable: false, default: dialect === 'postgres' ? 'false' : '0' }),
        ],
        primaryKey: ['id'],
        indexes: [
          { name: 'customers_email_lower', columns: ['`lower(email)`'], unique: true, type: null, note: null },
          {
            name: null,
            columns: ['name', 'created_at'],
            unique: false,
            type: dialect === 'sqlite' ? null : 'btree',
            note: 'For the list.',
          },
        ],
        checks: [{ name: 'email_has_at', expression: "email LIKE '%@%'" }],
        note: 'People who buy.',
      }),
      table('orders', {
        columns: [
          col('id', types.id, { nullable: false, autoIncrement: true }),
          col('customer_id', types.id, { nullable: false }),
          col('status', status, { nullable: false, default: "'new'" }),
          col('total', types.money, { nullable: false, default: '0' }),
          col('discount', types.money, { default: '1.50' }),
          col('note', types.text, { default: 'NULL' }),
        ],
        primaryKey: ['id'],
        foreignKeys: [
          fk({
            name: 'orders_customer_fk',
            columns: ['customer_id'],
            refTable: 'customers',
            refColumns: ['id'],
            onDelete: 'cascade',
          }),
        ],
        checks: [{ name: null, expression: 'total >= 0' }],
      }),
      table('order_lines', {
        columns: [
          col('order_id', types.id, { nullable: false }),
          col('line_no', 'integer', { nullable: false }),
          col('sku', types.text, { nullable: false }),
          col('quantity', 'integer', { nullable: false, default: '1' }),
        ],
        primaryKey: ['order_id', 'line_no'],
        foreignKeys: [
          fk({
            columns: ['order_id'],
            refTable: 'orders',
            refColumns: ['id'],
            onDelete: 'cascade',
            onUpdate: 'no action',
          }),
        ],
      }),
      table('shipments', {
        columns: [
          col('id', types.id, { nullable: false, autoIncrement: true }),
          col('order_id', types.id, { nullable: false }),
          col('line_no', 'integer', { nullable: false }),
          col('shipped_at', types.when),
        ],
        primaryKey: ['id'],
        foreignKeys: [
          fk({
            name: 'shipments_line_fk',
            columns: ['order_id', 'line_no'],
            refTable: 'order_lines',
            refColumns: ['order_id', 'line_no'],
            onDelete: 'restrict',
            onUpdate: 'set null',
          }),
        ],
        indexes: [{ name: 'shipments_line', columns: ['order_id', 'line_no'], unique: true, type: null, note: null }],
      }),
    ],
  };
}

/** Mulberry32: a small seeded generator, so a failing case can be run again by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOSTILE_NAMES = [
  'order',
  'select',
  'Table',
  'note',
  'indexes',
  'pk',
  'a b',
  'a.b',
  'a"b',
  "a'b",
  'a`b',
  'a\\b',
  'é表',
  'ünï cødé',
  'x\ny\tz',
  '1abc',
  '-x',
  '[x]',
  '{x}',
  'a:b, c',
  'a > b',
  '// not a comment',
  '/* nor this */',
  '🙂',
  ' padded ',
  'ˋgraveˋ',
  'MixedCase',
];

const DEFAULTS = [
  null,
  "'plain'",
  "'it''s'",
  '\'line\nbreak \\ backslash "quote" `tick`\'',
  "''",
  '0',
  '-3',
  '1.5',
  '1.50',
  '12345678901234567890',
  'true',
  'false',
  'TRUE',
  'NULL',
  'null',
  'now()',
  'CURRENT_TIMESTAMP',
  "(`price` * 2) || 'x'",
  "nextval('s'::regclass)",
];

const TYPES = [
  'integer',
  'bigint',
  'varchar(255)',
  'numeric(10,2)',
  'timestamp with time zone',
  "enum('a','B','it''s')",
  'int[]',
  'double precision',
  'text',
  '"MyDomain"',
  'character varying(20)',
];

/** A random design that keeps the model's rules; `seed` makes it again. */
export function generatedDesign(seed: number, dialect: Engine): Design {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const unique = (taken: Set<string>): string => {
    for (;;) {
      const name = chance(0.6) ? pick(HOSTILE_NAMES) : `${pick(HOSTILE_NAMES)}_${Math.floor(rnd() * 1000)}`;
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
  };
  const maybeNote = () => (chance(0.3) ? `${pick(HOSTILE_NAMES)}\n'note' "x" \\ ${pick(HOSTILE_NAMES)}` : null);
  const schemas = [null, null, pick(HOSTILE_NAMES.filter((n) => n !== 'public'))];

  const enumNames = new Set<string>();
  const enums = Array.from({ length: Math.floor(rnd() * 3) }, () => ({
    schema: pick(schemas),
    name: unique(enumNames),
    values: [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(HOSTILE_NAMES)))],
  }));
  // MySQL has no named enums: its columns spell the values, and the DBML Enum blocks are only kept for the file
  const enumTypes = enums.map((e) =>
    dialect === 'mysql'
      ? mysqlEnumType(e.values)
      : e.schema === null
        ? e.name
        : `${pgIdent(e.schema)}.${pgIdent(e.name)}`,
  );

  const tableNames = new Set<string>();
  const tables: DesignTable[] = Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => {
    const names = new Set<string>();
    const columns = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () =>
      col(unique(names), chance(0.15) && enumTypes.length > 0 ? pick(enumTypes) : pick(TYPES), {
        nullable: chance(0.5),
        default: pick(DEFAULTS),
        unique: chance(0.2),
        autoIncrement: chance(0.1),
        note: maybeNote(),
      }),
    );
    const colNames = columns.map((c) => c.name);
    // the backtick stand-in inside an expression reads back as a backtick (docs/designs.md)
    const exprNames = colNames.map((c) => c.replaceAll(BACKTICK_STAND_IN, '_'));
    const pkSize = Math.min(colNames.length, Math.floor(rnd() * 3));
    const primaryKey = colNames.slice(0, pkSize);
    const indexes = Array.from({ length: Math.floor(rnd() * 3) }, () => ({
      name: chance(0.5) ? `${pick(HOSTILE_NAMES)}_ix` : null,
      columns: chance(0.3) ? [`\`lower(${pick(exprNames)})\``, pick(colNames)] : [pick(colNames)],
      unique: chance(0.3),
      type: chance(0.3) ? pick(['btree', 'hash', 'gin']) : null,
      note: maybeNote(),
    }));
    const checks = Array.from({ length: Math.floor(rnd() * 2) }, () => ({
      name: chance(0.5) ? pick(HOSTILE_NAMES) : null,
      expression: chance(0.5) ? `"${pick(exprNames)}" <> ''` : `\`${pick(exprNames)}\` > 0`,
    }));
    return {
      schema: pick(schemas),
      name: unique(tableNames),
      columns,
      primaryKey,
      indexes,
      foreignKeys: [],
      checks,
      note: maybeNote(),
    };
  });

  // DBML refuses two references between the same columns, in either direction
  const ends = new Set<string>();
  for (const from of tables) {
    for (let i = Math.floor(rnd() * 3); i > 0; i--) {
      const to = pick(tables);
      const width = Math.min(to.columns.length, from.columns.length, 1 + Math.floor(rnd() * 2));
      const columns = from.columns.slice(from.columns.length - width).map((c) => c.name);
      const refColumns = to.columns.slice(0, width).map((c) => c.name);
      const a = JSON.stringify([from.schema, from.name, columns]);
      const b = JSON.stringify([to.schema, to.name, refColumns]);
      if (a === b || ends.has(`${a}|${b}`) || ends.has(`${b}|${a}`)) continue;
      ends.add(`${a}|${b}`);
      from.foreignKeys.push({
        name: chance(0.5) ? `${pick(HOSTILE_NAMES)}_fk` : null,
        columns,
        refSchema: to.schema === from.schema ? null : (to.schema ?? 'public'),
        refTable: to.name,
        refColumns,
        onDelete: chance(0.5) ? pick(['no action', 'restrict', 'cascade', 'set null', 'set default'] as const) : null,
        onUpdate: chance(0.3) ? pick(['cascade', 'set null'] as const) : null,
      });
    }
  }
  const note = maybeNote();
  if (dialect !== 'mysql') return { dialect, tables, enums, note };
  return { dialect, tables, enums: [], note, ...(enums.length > 0 ? { enumBlocks: enums } : {}) };
}

/**
 * `design` with what DBML holds beyond the schema (dbml-extras.ts), from `seed`: header colours, enum value notes,
 * table groups, sticky notes and many-to-many references, hostile names and texts included. Records are left to
 * the hand-written file of dbml-extras.test.ts (their rows must suit the column types).
 */
export function withGeneratedExtras(design: Design, seed: number): Design {
  const rnd = random(seed * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const color = () =>
    `#${Math.floor(rnd() * 0xffffff)
      .toString(16)
      .padStart(6, '0')}`;
  const text = () => `${pick(HOSTILE_NAMES)}\n'sticky' "x" \\ ${pick(HOSTILE_NAMES)}`;
  const tables = design.tables.map((t) => (chance(0.4) ? { ...t, headerColor: color() } : t));
  const noted = (list: Design['enums']) =>
    list.map((e) => (chance(0.6) ? { ...e, valueNotes: { [e.values[0]!]: text() } } : e));
  const enums = noted(design.enums);
  const enumBlocks = design.enumBlocks && noted(design.enumBlocks);
  // a table is in one group at most
  const keys = tables.map((t) => tableKey(t));
  const groups: NonNullable<Design['groups']> = [];
  const groupNames = [...new Set(HOSTILE_NAMES)].slice(Math.floor(rnd() * 4));
  for (let start = 0; start < keys.length && groups.length < 2; start += 2) {
    groups.push({
      name: groupNames[groups.length]!,
      tables: keys.slice(start, start + 2),
      note: chance(0.5) ? text() : null,
      color: chance(0.5) ? color() : null,
    });
  }
  const stickyNotes = Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => ({
    name: `${pick(HOSTILE_NAMES)}_${i}`,
    content: text(),
    color: chance(0.5) ? color() : null,
  }));
  // DBML holds one reference per pair of column lists, foreign keys included
  const joined = new Set(
    design.tables.flatMap((t) =>
      t.foreignKeys.flatMap((fk) => {
        const a = JSON.stringify([t.schema ?? 'public', t.name, fk.columns]);
        const b = JSON.stringify([fk.refSchema ?? t.schema ?? 'public', fk.refTable, fk.refColumns]);
        return [`${a}|${b}`, `${b}|${a}`];
      }),
    ),
  );
  const manyToMany: NonNullable<Design['manyToMany']> = [];
  for (let i = 0; i < 3; i++) {
    const [from, to] = [pick(tables), pick(tables)];
    const width = Math.min(from.columns.length, to.columns.length, 1 + Math.floor(rnd() * 2));
    const columns = from.columns.slice(0, width).map((c) => c.name);
    const refColumns = to.columns.slice(to.columns.length - width).map((c) => c.name);
    const a = JSON.stringify([from.schema ?? 'public', from.name, columns]);
    const b = JSON.stringify([to.schema ?? 'public', to.name, refColumns]);
    if (a === b || joined.has(`${a}|${b}`)) continue;
    joined.add(`${a}|${b}`).add(`${b}|${a}`);
    manyToMany.push({
      name: chance(0.5) ? `${pick(HOSTILE_NAMES)}_m2m_${i}` : null,
      schema: from.schema,
      table: from.name,
      columns,
      refSchema: to.schema,
      refTable: to.name,
      refColumns,
    });
  }
  return {
    ...design,
    tables,
    enums,
    ...(enumBlocks ? { enumBlocks } : {}),
    projectName: pick(HOSTILE_NAMES),
    ...(groups.length > 0 ? { groups } : {}),
    ...(stickyNotes.length > 0 ? { stickyNotes } : {}),
    ...(manyToMany.length > 0 ? { manyToMany } : {}),
  };
}
