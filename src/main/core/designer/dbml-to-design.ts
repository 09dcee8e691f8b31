/**
 * @dbml/core's parsed Database (what `Parser.parse` returns for DBML, and for a PostgreSQL or MySQL script) read
 * into a design, keeping the normalisation rules of src/shared/design.ts. It reads the normalized form, whose ids
 * follow the source order, so tables, columns, indexes and references keep their order.
 */
import type { Database } from '@dbml/core';
import type { Engine } from '../../../shared/domain';
import type {
  Design,
  DesignCheck,
  DesignColumn,
  DesignEnum,
  DesignForeignKey,
  DesignIndex,
  DesignManyToMany,
  DesignTable,
  ReferentialAction,
} from '../../../shared/design';
import { dbmlExtrasOf, type NExtras } from './dbml-extras';
import { ReferentialAction as ReferentialActions } from '../../../shared/design';
import { normalizeOnUpdate } from './pull-normalize';
import { dialectOf, expressionFromDbml, normalizeTypeCase, pgIdent, sqlString, unwrapParentheses } from './dbml-syntax';

// the parts of Database.normalize() read here (its declared type is loose)
interface NSchema {
  name: string;
}
interface NTable {
  id: number;
  name: string;
  note: string | null;
  schemaId: number;
  fieldIds: number[];
  indexIds: number[];
  checkIds: number[];
  headerColor?: string | null;
}
interface NField {
  id: number;
  name: string;
  type: { schemaName?: string | null; type_name: string; args?: unknown };
  pk?: boolean;
  unique?: boolean;
  not_null?: boolean;
  increment?: boolean;
  note: string | null;
  dbdefault?: { type: string; value: unknown } | null;
  checkIds: number[];
  /** Column settings DBML does not define, by name (`[on update: 'CURRENT_TIMESTAMP']`). */
  metadata?: Record<string, unknown> | null;
}
interface NIndex {
  name?: string | null;
  type?: string | null;
  unique?: boolean;
  pk?: boolean;
  note: string | null;
  columnIds: number[];
}
interface NCheck {
  name?: string | null;
  expression: string;
}
interface NRef {
  id: number;
  name: string | null;
  onDelete?: string | null;
  onUpdate?: string | null;
  endpointIds: number[];
}
interface NEndpoint {
  relation: string;
  fieldIds: number[];
}
interface NEnum {
  id: number;
  name: string;
  schemaId: number;
  valueIds: number[];
}
interface Normalized extends NExtras {
  schemas: Record<number, NSchema>;
  tables: Record<number, NTable>;
  fields: Record<number, NField & { tableId: number }>;
  indexes: Record<number, NIndex>;
  indexColumns: Record<number, { type: string; value: string }>;
  checks: Record<number, NCheck>;
  refs: Record<number, NRef>;
  endpoints: Record<number, NEndpoint>;
  enums: Record<number, NEnum>;
  enumValues: Record<number, { name: string; note?: string | null }>;
}

/** DBML's default schema; a design says null for it. */
const DEFAULT_SCHEMA = 'public';

function byId<T extends { id: number }>(map: Record<number, T>): T[] {
  return Object.values(map).sort((a, b) => a.id - b.id);
}

/**
 * A parsed @dbml/core Database → a design. The dialect is the one its `database_type` names, else `dialect`.
 * References that are many-to-many (`<>`) make no foreign key: they are kept in `manyToMany`. With `source` (the
 * DBML text parsed), what DBML holds beyond the schema is kept too (groups, sticky notes, records; dbml-extras.ts).
 */
export function databaseToDesign(database: Database, dialect: Engine, source?: string): Design {
  const n = database.normalize() as unknown as Normalized;
  const schemaOf = (schemaId: number): string | null => {
    const name = n.schemas[schemaId]?.name ?? DEFAULT_SCHEMA;
    return name === DEFAULT_SCHEMA ? null : name;
  };
  const enums: DesignEnum[] = byId(n.enums).map((e) => {
    const values = e.valueIds.map((id) => n.enumValues[id]!);
    const noted = values.filter((v) => typeof v.note === 'string');
    return {
      schema: schemaOf(e.schemaId),
      name: e.name,
      values: values.map((v) => v.name),
      ...(noted.length > 0 ? { valueNotes: Object.fromEntries(noted.map((v) => [v.name, v.note!])) } : {}),
    };
  });
  const typeOf = (field: NField): string => {
    const { schemaName, type_name: name, args } = field.type;
    // the MySQL importer names an enum column's type `<table>_<column>_enum` and keeps its values, quoted, here
    if (Array.isArray(args) && name.endsWith('_enum')) return `enum(${args.join(',')})`;
    // the SQL importers leave schemaName out where DBML says null
    const schema = !schemaName || schemaName === DEFAULT_SCHEMA ? null : schemaName;
    if (schema !== null) return `${pgIdent(schema)}.${pgIdent(name)}`;
    if (enums.some((e) => e.schema === null && e.name === name)) return name;
    return normalizeTypeCase(name);
  };

  const tables = new Map<number, DesignTable>();
  for (const t of byId(n.tables)) {
    const fields = t.fieldIds.map((id) => n.fields[id]!);
    const indexes = t.indexIds.map((id) => n.indexes[id]!);
    const pkIndex = indexes.find((index) => index.pk === true);
    const primaryKey = pkIndex
      ? pkIndex.columnIds.map((id) => n.indexColumns[id]!.value)
      : fields.filter((f) => f.pk === true).map((f) => f.name);
    const columns: DesignColumn[] = fields.map((f) => ({
      name: f.name,
      type: typeOf(f),
      nullable: f.not_null === undefined || f.not_null === null ? !primaryKey.includes(f.name) : !f.not_null,
      default: defaultOf(f.dbdefault),
      unique: f.unique === true,
      autoIncrement: f.increment === true,
      note: f.note ?? null,
      ...onUpdateOf(f),
    }));
    const checks: DesignCheck[] = [...t.checkIds, ...fields.flatMap((f) => f.checkIds)].map((id) => {
      const check = n.checks[id]!;
      return { name: check.name ?? null, expression: unwrapParentheses(expressionFromDbml(check.expression)) };
    });
    tables.set(t.id, {
      schema: schemaOf(t.schemaId),
      name: t.name,
      columns,
      primaryKey,
      indexes: indexes.filter((index) => index.pk !== true).map((index) => indexOf(n, index)),
      foreignKeys: [],
      checks,
      note: t.note ?? null,
      ...(t.headerColor ? { headerColor: t.headerColor.toLowerCase() } : {}),
    });
  }

  const manyToMany: DesignManyToMany[] = [];
  for (const ref of byId(n.refs)) {
    const fk = foreignKeyOf(n, ref, tables);
    if (fk === null) continue;
    if ('foreignKey' in fk) tables.get(fk.tableId)!.foreignKeys.push(fk.foreignKey);
    else manyToMany.push(fk.manyToMany);
  }

  const design: Design = {
    dialect: dialectOf(database.databaseType) ?? dialect,
    tables: [...tables.values()],
    enums,
    note: database.note || null,
  };
  if (design.dialect === 'mysql') inlineEnumBlocks(design);
  if (manyToMany.length > 0) design.manyToMany = manyToMany;
  if (source === undefined) return design;
  return { ...design, ...dbmlExtrasOf(database, n, tables, source, design.dialect) };
}

/** MySQL's inline enum type as its catalog prints it (COLUMN_TYPE) and the SQL import writes it: `enum('a','it''s')`. */
export function mysqlEnumType(values: readonly string[]): string {
  return `enum(${values.map(sqlString).join(',')})`;
}

/** How a column refers to a design's enum by name: `name` in the default schema, else `"schema"."name"`. */
export function enumReference(e: { schema: string | null; name: string }): string {
  return e.schema === null ? e.name : `${pgIdent(e.schema)}.${pgIdent(e.name)}`;
}

/**
 * MySQL has no named enum types: a column typed with a DBML `Enum` becomes the inline `enum('a','b')` the engine
 * and the pull spell, and the blocks move to `enumBlocks`, which only the DBML writer reads (so the file keeps them).
 */
function inlineEnumBlocks(design: Design): void {
  if (design.enums.length === 0) return;
  const byReference = new Map(design.enums.map((e) => [enumReference(e), e]));
  for (const table of design.tables) {
    for (const column of table.columns) {
      const e = byReference.get(column.type);
      if (e) column.type = mysqlEnumType(e.values);
    }
  }
  design.enumBlocks = design.enums;
  design.enums = [];
}

/** DBML's `[on update: '…']` (a custom column setting @dbml/core keeps as metadata), spelt like a default. */
function onUpdateOf(field: NField): Pick<DesignColumn, 'onUpdate'> {
  const value = field.metadata?.['on update'];
  if (typeof value !== 'string' || value.trim() === '') return {};
  return { onUpdate: normalizeOnUpdate(value) };
}

function indexOf(n: Normalized, index: NIndex): DesignIndex {
  return {
    name: index.name ?? null,
    columns: index.columnIds.map((id) => {
      const column = n.indexColumns[id]!;
      return column.type === 'expression' ? `\`${expressionFromDbml(column.value)}\`` : column.value;
    }),
    unique: index.unique === true,
    type: index.type ? index.type.toLowerCase() : null,
    note: index.note ?? null,
  };
}

/** A DBML default → the SQL text after DEFAULT (`'x'`, `1.5`, `true`, `NULL`, `now()`). */
function defaultOf(value: NField['dbdefault']): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value.value);
  switch (value.type) {
    case 'string':
      return sqlString(text);
    case 'boolean': {
      const word = text.toLowerCase();
      return word === 'null' ? 'NULL' : word;
    }
    case 'expression':
      return expressionFromDbml(text);
    default:
      return text;
  }
}

function action(value: string | null | undefined): ReferentialAction | null {
  if (!value) return null;
  const parsed = ReferentialActions.safeParse(value.toLowerCase().replace(/\s+/g, ' '));
  return parsed.success ? parsed.data : null;
}

/**
 * Which end of a reference holds the foreign key: the many side of `>` and `<`; for one-to-one (`-`), the end whose
 * columns are not the other end's primary key, else the second end, as @dbml/core's own SQL export reads it.
 */
function foreignKeyOf(
  n: Normalized,
  ref: NRef,
  tables: Map<number, DesignTable>,
): { tableId: number; foreignKey: DesignForeignKey } | { manyToMany: DesignManyToMany } | null {
  const ends = ref.endpointIds.map((id) => n.endpoints[id]!);
  if (ends.length !== 2) return null;
  const tableOf = (end: NEndpoint) => n.fields[end.fieldIds[0]!]!.tableId;
  const columnsOf = (end: NEndpoint) => end.fieldIds.map((id) => n.fields[id]!.name);
  // DBML writes `*`; the SQL importers `0..*`
  const many = ends.map((end) => end.relation.includes('*'));
  if (many[0] && many[1]) {
    const [a, b] = ends.map((end) => tables.get(tableOf(end))!);
    return {
      manyToMany: {
        name: ref.name || null,
        schema: a!.schema,
        table: a!.name,
        columns: columnsOf(ends[0]!),
        refSchema: b!.schema,
        refTable: b!.name,
        refColumns: columnsOf(ends[1]!),
      },
    };
  }
  const isKey = (end: NEndpoint) => {
    const table = tables.get(tableOf(end))!;
    const cols = columnsOf(end);
    return table.primaryKey.length === cols.length && cols.every((c, i) => table.primaryKey[i] === c);
  };
  let child = many[0] ? 0 : many[1] ? 1 : 1;
  if (!many[0] && !many[1] && isKey(ends[1]!) && !isKey(ends[0]!)) child = 0;
  const from = ends[child]!;
  const to = ends[1 - child]!;
  const fromTable = tables.get(tableOf(from))!;
  const toTable = tables.get(tableOf(to))!;
  return {
    tableId: tableOf(from),
    foreignKey: {
      name: ref.name || null,
      columns: columnsOf(from),
      refSchema: toTable.schema === fromTable.schema ? null : (toTable.schema ?? DEFAULT_SCHEMA),
      refTable: toTable.name,
      refColumns: columnsOf(to),
      onDelete: action(ref.onDelete),
      onUpdate: action(ref.onUpdate),
    },
  };
}
