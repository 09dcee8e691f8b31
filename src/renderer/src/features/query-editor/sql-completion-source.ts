import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { ColumnInfo, SchemaTree, TableInfo } from '../../../../shared/domain';
import { splitStatements, statementAt, type SqlDialect } from '../../../../shared/sql/split-statements';
import { columnsForQualifier, columnsInScope, type TableColumnsLookup } from './sql-completion-columns';
import { analyzeStatement, completionTarget } from './sql-completion-context';

/** What the completion source needs at the moment it runs (read through a getter so schema updates apply live). */
export interface CompletionEnv {
  schema: SchemaTree | undefined;
  dialect: SqlDialect;
}

interface SchemaIndex {
  lookup: TableColumnsLookup;
  /** Column type by lower-case "table.column" and by lower-case column name (first seen). */
  typeOf(table: string | null, column: string): string | undefined;
  defaultTables: TableInfo[];
  /** Tables of the other schemas, which SQL must name qualified (`sales.invoices`). */
  otherTables: { schema: string; table: TableInfo }[];
  schemaNames: string[];
  tablesOf(schema: string): TableInfo[] | undefined;
}

const indexCache = new WeakMap<SchemaTree, SchemaIndex>();

function indexSchema(tree: SchemaTree): SchemaIndex {
  const cached = indexCache.get(tree);
  if (cached) return cached;
  const bySchemaTable = new Map<string, TableInfo>();
  const byTable = new Map<string, TableInfo>();
  const columnTypes = new Map<string, string>();
  const defaultSchema = tree.defaultSchema?.toLowerCase() ?? null;
  // the default schema first so unqualified names resolve there, like the database does
  const ordered = [...tree.schemas].sort(
    (a, b) => Number(b.name?.toLowerCase() === defaultSchema) - Number(a.name?.toLowerCase() === defaultSchema),
  );
  for (const schema of ordered) {
    for (const table of schema.tables) {
      const key = table.name.toLowerCase();
      bySchemaTable.set(`${schema.name?.toLowerCase() ?? ''}.${key}`, table);
      if (!byTable.has(key)) byTable.set(key, table);
      for (const column of table.columns) {
        columnTypes.set(`${key}.${column.name.toLowerCase()}`, column.dataType);
        if (!columnTypes.has(column.name.toLowerCase())) columnTypes.set(column.name.toLowerCase(), column.dataType);
      }
    }
  }
  const find = (schema: string | null, name: string): TableInfo | undefined =>
    schema === null
      ? byTable.get(name.toLowerCase())
      : bySchemaTable.get(`${schema.toLowerCase()}.${name.toLowerCase()}`);
  const index: SchemaIndex = {
    lookup: (schema, name) => find(schema, name)?.columns.map((c: ColumnInfo) => c.name),
    typeOf: (table, column) =>
      (table && columnTypes.get(`${table.toLowerCase()}.${column.toLowerCase()}`)) ??
      columnTypes.get(column.toLowerCase()),
    defaultTables: ordered[0]?.tables ?? [],
    otherTables: ordered
      .slice(1)
      .flatMap((schema) => (schema.name ? schema.tables.map((table) => ({ schema: schema.name!, table })) : []))
      .slice(0, MAX_QUALIFIED_TABLES),
    schemaNames: tree.schemas.map((s) => s.name).filter((n): n is string => !!n),
    tablesOf: (schema) => tree.schemas.find((s) => s.name?.toLowerCase() === schema.toLowerCase())?.tables,
  };
  indexCache.set(tree, index);
  return index;
}

/** Quotes an identifier when the dialect would otherwise fold or reject it. */
export function quoteIdent(name: string, dialect: SqlDialect): string {
  const plain = dialect === 'postgres' ? /^[a-z_][a-z0-9_$]*$/ : /^[A-Za-z_][A-Za-z0-9_$]*$/;
  if (plain.test(name)) return name;
  const q = dialect === 'mysql' ? '`' : '"';
  return `${q}${name.split(q).join(q + q)}${q}`;
}

/** Enough for any real database; a schema-per-tenant server with thousands would flood the popup. */
const MAX_QUALIFIED_TABLES = 2000;
const SKIP_NODES = new Set(['String', 'LineComment', 'BlockComment', 'QuotedIdentifier']);
const MAX_SCAN = 200_000;

/**
 * Schema-aware completion: tables, columns after `alias.`/`table.`/`cte.`, columns of the statement's tables
 * for bare words, and CTE names. Keywords come from @codemirror/lang-sql's own source.
 */
export function schemaCompletionSource(getEnv: () => CompletionEnv): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const { schema, dialect } = getEnv();
    const node = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (SKIP_NODES.has(node.name)) return null;
    const doc = context.state.doc;
    const windowFrom = Math.max(0, context.pos - MAX_SCAN);
    const text = doc.sliceString(windowFrom, Math.min(doc.length, context.pos + MAX_SCAN));
    const cursor = context.pos - windowFrom;
    const statement = statementAt(splitStatements(text, dialect), cursor);
    // between statements (e.g. right after `;`) the cursor starts a new, empty statement
    const from = statement && cursor >= statement.from ? statement.from : cursor;
    const statementText = text.slice(
      from,
      statement && cursor >= statement.from ? Math.max(cursor, statement.to) : cursor,
    );
    const target = completionTarget(text.slice(from, cursor));
    if (!context.explicit && target.word === '' && target.qualifier.length === 0) return null;
    const analysis = analyzeStatement(statementText);
    const index = schema ? indexSchema(schema) : null;
    const lookup: TableColumnsLookup = index?.lookup ?? (() => undefined);
    const wordFrom = windowFrom + from + target.wordFrom;
    const column = (name: string, table: string | null, boost = 0): Completion => ({
      label: name,
      apply: quoteIdent(name, dialect),
      type: 'property',
      detail: index?.typeOf(table, name),
      boost,
    });
    const table = (t: TableInfo): Completion => ({
      label: t.name,
      apply: quoteIdent(t.name, dialect),
      type: t.kind === 'view' ? 'class' : 'type',
      detail: t.kind === 'view' ? 'view' : 'table',
      // after FROM/JOIN a table is what comes next: rank it above look-alike keywords (TYPE for "typ")
      boost: target.afterTableKeyword ? 2 : 0,
    });

    if (target.qualifier.length > 0) {
      const qualifier = target.qualifier;
      const source = analysis.sources.find(
        (s) =>
          s.kind === 'table' && (s.alias ?? s.name).toLowerCase() === qualifier[qualifier.length - 1]!.toLowerCase(),
      );
      const tableName = source?.kind === 'table' ? source.name : qualifier[qualifier.length - 1]!;
      const columns = columnsForQualifier(analysis, qualifier, lookup);
      if (columns) {
        return { from: wordFrom, options: columns.map((c) => column(c, tableName, 1)), validFor: /^[\w$]*$/ };
      }
      const tables = qualifier.length === 1 ? index?.tablesOf(qualifier[0]!) : undefined;
      if (tables) return { from: wordFrom, options: tables.map(table), validFor: /^[\w$]*$/ };
      return null;
    }

    const options: Completion[] = [];
    for (const cte of analysis.ctes) options.push({ label: cte.name, type: 'type', detail: 'CTE', boost: 2 });
    for (const t of index?.defaultTables ?? []) options.push(table(t));
    for (const { schema: owner, table: t } of index?.otherTables ?? []) {
      // labelled by the table name (what the user types), inserted qualified (what the database needs)
      options.push({
        ...table(t),
        detail: `${owner} · ${t.kind === 'view' ? 'view' : 'table'}`,
        apply: `${quoteIdent(owner, dialect)}.${quoteIdent(t.name, dialect)}`,
      });
    }
    for (const name of index?.schemaNames ?? []) {
      if (name.toLowerCase() !== schema?.defaultSchema?.toLowerCase())
        options.push({ label: name, type: 'namespace', detail: 'schema' });
    }
    if (!target.afterTableKeyword) {
      for (const s of analysis.sources) {
        const alias = s.kind === 'derived' ? s.alias : s.alias;
        if (alias)
          options.push({
            label: alias,
            type: 'variable',
            detail: s.kind === 'table' ? `alias of ${s.name}` : 'subquery',
            boost: 1,
          });
      }
      for (const name of columnsInScope(analysis, lookup)) options.push(column(name, null, 3));
    }
    return { from: wordFrom, options, validFor: /^[\w$]*$/ };
  };
}
