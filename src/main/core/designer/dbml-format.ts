/**
 * Design → DBML text, written from the model rather than through @dbml/core's ModelExporter, whose output does not
 * escape quotes in names or notes and so does not read back. The order is the design's own (tables, columns,
 * indexes, checks and foreign keys as they are in the file), one item a line, so a change shows as a small diff.
 * What each design field becomes is in docs/designs.md.
 */
import type { Design, DesignColumn, DesignEnum, DesignForeignKey, DesignTable } from '../../../shared/design';
import { databaseTypeOf, extraBlocks, manyToManyLines } from './dbml-extras';
import { dbmlExpression, dbmlName, dbmlQuoted, dbmlString, sqlStringValue } from './dbml-syntax';
import { enumReference, mysqlEnumType } from './dbml-to-design';
import { refersInside, tablesByName } from './external-refs';

/** Design → DBML text, stable order, diff-friendly; `parseDbml` reads it back to an equal design. */
export function formatDbml(design: Design): string {
  const blocks: string[] = [projectBlock(design)];
  for (const e of design.enums) blocks.push(enumBlock(e));
  for (const e of design.enumBlocks ?? []) blocks.push(enumBlock(e));
  for (const table of design.tables) blocks.push(tableBlock(design, table));
  // a reference to a table the design does not define would not parse: it shows as a comment (external-refs.ts)
  const byName = tablesByName(design);
  const refs = design.tables.flatMap((table) =>
    table.foreignKeys.map((fk) =>
      refersInside(design, table, fk, byName)
        ? refLine(table, fk)
        : `// outside this design, kept in the layout file: ${refLine(table, fk).replace(/[\r\n]/g, ' ')}`,
    ),
  );
  refs.push(...manyToManyLines(design));
  if (refs.length > 0) blocks.push(refs.join('\n'));
  blocks.push(...extraBlocks(design));
  return `${blocks.join('\n\n')}\n`;
}

function projectBlock(design: Design): string {
  const lines = [`  database_type: ${dbmlString(databaseTypeOf(design))}`];
  if (design.note !== null) lines.push(`  Note: ${dbmlString(design.note)}`);
  const name = design.projectName === undefined ? '' : ` ${dbmlName(design.projectName)}`;
  return `Project${name} {\n${lines.join('\n')}\n}`;
}

function qualified(schema: string | null, name: string): string {
  return schema === null ? dbmlName(name) : `${dbmlName(schema)}.${dbmlName(name)}`;
}

function enumBlock(e: DesignEnum): string {
  const values = e.values.map((v) => {
    const note = e.valueNotes?.[v];
    return note === undefined ? `  ${dbmlQuoted(v)}` : `  ${dbmlQuoted(v)} [note: ${dbmlString(note)}]`;
  });
  return `Enum ${qualified(e.schema, e.name)} {\n${values.join('\n')}\n}`;
}

function tableBlock(design: Design, table: DesignTable): string {
  const lines = table.columns.map((column) => `  ${columnLine(design, table, column)}`);
  const indexLines: string[] = [];
  if (table.primaryKey.length > 1) indexLines.push(`    (${table.primaryKey.map(dbmlName).join(', ')}) [pk]`);
  for (const index of table.indexes) {
    const settings: string[] = [];
    if (index.unique) settings.push('unique');
    if (index.name !== null) settings.push(`name: ${dbmlString(index.name)}`);
    if (index.type !== null) settings.push(`type: ${dbmlName(index.type)}`);
    if (index.note !== null) settings.push(`note: ${dbmlString(index.note)}`);
    const columns = index.columns.map(indexColumn).join(', ');
    indexLines.push(`    (${columns})${settings.length > 0 ? ` [${settings.join(', ')}]` : ''}`);
  }
  if (indexLines.length > 0) lines.push('', '  indexes {', ...indexLines, '  }');
  if (table.checks.length > 0) {
    lines.push('', '  checks {');
    for (const check of table.checks) {
      const name = check.name === null ? '' : ` [name: ${dbmlString(check.name)}]`;
      lines.push(`    ${dbmlExpression(check.expression)}${name}`);
    }
    lines.push('  }');
  }
  if (table.note !== null) lines.push('', `  Note: ${dbmlString(table.note)}`);
  const settings = table.headerColor === undefined ? '' : ` [headercolor: ${table.headerColor}]`;
  return `Table ${qualified(table.schema, table.name)}${settings} {\n${lines.join('\n')}\n}`;
}

/** An index entry: a column name, or an expression the design keeps in backticks. */
function indexColumn(column: string): string {
  if (column.length >= 2 && column.startsWith('`') && column.endsWith('`')) return dbmlExpression(column.slice(1, -1));
  return dbmlName(column);
}

function columnLine(design: Design, table: DesignTable, column: DesignColumn): string {
  const settings: string[] = [];
  const inPk = table.primaryKey.includes(column.name);
  if (inPk && table.primaryKey.length === 1) settings.push('pk');
  if (column.autoIncrement) settings.push('increment');
  // a primary key column is NOT NULL unless it says otherwise (DBML's reading and SQL's)
  if (inPk && column.nullable) settings.push('null');
  if (!inPk && !column.nullable) settings.push('not null');
  if (column.unique) settings.push('unique');
  if (column.default !== null) settings.push(`default: ${defaultValue(column.default)}`);
  if (column.onUpdate !== undefined) settings.push(`on update: ${dbmlString(column.onUpdate)}`);
  if (column.note !== null) settings.push(`note: ${dbmlString(column.note)}`);
  const head = `${dbmlName(column.name)} ${typeName(design, column.type)}`;
  return settings.length > 0 ? `${head} [${settings.join(', ')}]` : head;
}

/**
 * A column type: bare when DBML reads it back unchanged (`integer`, `varchar(255)`, `numeric(10,2)`), an enum of
 * the design (or, MySQL, an inline enum with the values of one of its `enumBlocks`) by its DBML name, anything else in double quotes (`"timestamp with time zone"`).
 */
function typeName(design: Design, type: string): string {
  for (const e of design.enums) {
    if (type === enumReference(e)) return qualified(e.schema, e.name);
  }
  // MySQL: an inline enum spelling the values of one of the file's Enum blocks is written with the block's name
  for (const e of design.enumBlocks ?? []) {
    if (type === mysqlEnumType(e.values)) return qualified(e.schema, e.name);
  }
  const bare = /^([a-z_][a-z0-9_]*)(\(\d+(,\d+)*\))?$/.exec(type);
  if (bare && dbmlName(bare[1]!) === bare[1]) return type;
  return dbmlQuoted(type);
}

/**
 * A default in DBML's own kinds when it reads back to the same SQL text (`'x'`, `1.5`, `true`, `null`), else as an
 * expression in backticks (`now()`, `1.50`, `TRUE`).
 */
function defaultValue(sql: string): string {
  if (sql === 'NULL') return 'null';
  if (sql === 'true' || sql === 'false') return sql;
  if (/^-?\d+(\.\d+)?$/.test(sql) && String(Number(sql)) === sql) return sql;
  const text = sqlStringValue(sql);
  if (text !== null) return dbmlString(text);
  return dbmlExpression(sql);
}

function endpoint(schema: string | null, table: string, columns: readonly string[]): string {
  const cols = columns.length === 1 ? dbmlName(columns[0]!) : `(${columns.map(dbmlName).join(', ')})`;
  return `${qualified(schema, table)}.${cols}`;
}

/** `Ref name: child.(a, b) > parent.(x, y) [delete: cascade]`: many rows of the referencing table to one. */
function refLine(table: DesignTable, fk: DesignForeignKey): string {
  const name = fk.name === null ? 'Ref' : `Ref ${dbmlName(fk.name)}`;
  const from = endpoint(table.schema, table.name, fk.columns);
  const to = endpoint(fk.refSchema ?? table.schema, fk.refTable, fk.refColumns);
  const settings: string[] = [];
  if (fk.onDelete !== null) settings.push(`delete: ${fk.onDelete}`);
  if (fk.onUpdate !== null) settings.push(`update: ${fk.onUpdate}`);
  return `${name}: ${from} > ${to}${settings.length > 0 ? ` [${settings.join(', ')}]` : ''}`;
}
