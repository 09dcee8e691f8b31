import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { ColumnInfo, SchemaTree, TableInfo } from '../../../../shared/domain';
import { splitStatements, statementAt, type SqlDialect } from '../../../../shared/sql/split-statements';
import { columnsForQualifier, columnsInScope, type TableColumnsLookup } from './sql-completion-columns';
import { analyzeStatement, completionTarget } from './sql-completion-context';
import { dialectWords } from './sql-keywords';

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
const WORD = /^[\w$]*$/;

/**
 * Ranking: what the schema offers comes before the language's words (a column of a table in the statement is
 * what a user most likely means), keywords last.
 */
export const BOOST = {
  columnInScope: 30,
  cte: 25,
  tableAfterFrom: 40,
  table: 20,
  qualifiedColumn: 30,
  alias: 15,
  schema: 10,
  function: -10,
  keyword: -20,
  type: -25,
} as const;

/**
 * Schema-aware completion: tables, columns after `alias.`/`table.`/`cte.`, columns of the statement's tables
 * for bare words, CTE names, then the engine's own keywords, types and functions. An option that only repeats
 * the word already typed is never offered, so finishing a word and pressing Enter always starts a new line.
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
    const target = completionTarget(text.slice(from, cursor), dialect);
    if (!context.explicit && target.word === '' && target.qualifier.length === 0) return null;
    const analysis = analyzeStatement(statementText, dialect);
    const index = schema ? indexSchema(schema) : null;
    const lookup: TableColumnsLookup = index?.lookup ?? (() => undefined);
    const wordFrom = windowFrom + from + target.wordFrom;
    const column = (name: string, table: string | null, boost: number): Completion => ({
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
      boost: target.afterTableKeyword ? BOOST.tableAfterFrom : BOOST.table,
    });
    const result = (options: Completion[]): CompletionResult | null => {
      const typed = target.word.toLowerCase();
      const offered = options.filter((o) => o.label.toLowerCase() !== typed);
      if (offered.length === 0) return null;
      const labels = new Set(options.map((o) => o.label.toLowerCase()));
      return {
        from: wordFrom,
        options: offered,
        // keep filtering this list while the user types a word, but ask again once the word equals an option,
        // so an option that would only repeat it drops out of the popup
        validFor: (word) => WORD.test(word) && !labels.has(word.toLowerCase()),
      };
    };

    if (target.qualifier.length > 0) {
      const qualifier = target.qualifier;
      const source = analysis.sources.find(
        (s) =>
          s.kind === 'table' && (s.alias ?? s.name).toLowerCase() === qualifier[qualifier.length - 1]!.toLowerCase(),
      );
      const tableName = source?.kind === 'table' ? source.name : qualifier[qualifier.length - 1]!;
      const columns = columnsForQualifier(analysis, qualifier, lookup);
      if (columns) return result(columns.map((c) => column(c, tableName, BOOST.qualifiedColumn)));
      const tables = qualifier.length === 1 ? index?.tablesOf(qualifier[0]!) : undefined;
      if (tables) return result(tables.map(table));
      return null;
    }

    const options: Completion[] = [];
    for (const cte of analysis.ctes) options.push({ label: cte.name, type: 'type', detail: 'CTE', boost: BOOST.cte });
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
        options.push({ label: name, type: 'namespace', detail: 'schema', boost: BOOST.schema });
    }
    if (!target.afterTableKeyword) {
      for (const s of analysis.sources) {
        if (s.alias)
          options.push({
            label: s.alias,
            type: 'variable',
            detail: s.kind === 'table' ? `alias of ${s.name}` : 'subquery',
            boost: BOOST.alias,
          });
      }
      for (const name of columnsInScope(analysis, lookup)) options.push(column(name, null, BOOST.columnInScope));
    }
    const words = dialectWords(dialect);
    for (const w of words.keywords) options.push({ label: w, type: 'keyword', boost: BOOST.keyword });
    if (!target.afterTableKeyword) {
      for (const w of words.functions) options.push({ label: w, type: 'function', boost: BOOST.function });
      for (const w of words.types) options.push({ label: w, type: 'keyword', detail: 'type', boost: BOOST.type });
    }
    return result(options);
  };
}
