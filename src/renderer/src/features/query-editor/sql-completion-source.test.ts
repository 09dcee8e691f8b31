import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { LanguageSupport } from '@codemirror/language';
import { MySQL, PostgreSQL, SQLite } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { SchemaTree, TableInfo } from '../../../../shared/domain';
import type { SqlDialect } from '../../../../shared/sql/sql-lexer';
import { BOOST, schemaCompletionSource } from './sql-completion-source';

const LANGUAGES = { sqlite: SQLite, postgres: PostgreSQL, mysql: MySQL };

function table(name: string, columns: string[]): TableInfo {
  return {
    name,
    kind: 'table',
    columns: columns.map((c) => ({
      name: c,
      dataType: 'text',
      nullable: true,
      primaryKey: false,
      defaultValue: null,
    })),
    indexes: [],
    foreignKeys: [],
    rowCount: 0,
    rowCountExact: true,
  } as unknown as TableInfo;
}

const tree = {
  connectionId: 'c1',
  engine: 'sqlite',
  defaultSchema: 'main',
  schemas: [
    {
      name: 'main',
      tables: [
        table('customers', ['id', 'first_name', 'country', 'country_code']),
        table('artist', ['artist_id', 'name']),
      ],
    },
  ],
} as unknown as SchemaTree;

/** Runs the source at the end of `doc` (or at `|`), as typing would (not an explicit Ctrl+Space). */
function complete(doc: string, dialect: SqlDialect = 'sqlite', explicit = false): CompletionResult | null {
  const pos = doc.includes('|') ? doc.indexOf('|') : doc.length;
  const text = doc.replace('|', '');
  const state = EditorState.create({ doc: text, extensions: [new LanguageSupport(LANGUAGES[dialect].language)] });
  const source = schemaCompletionSource(() => ({ schema: tree, dialect }));
  return source(new CompletionContext(state, pos, explicit)) as CompletionResult | null;
}

const labels = (r: CompletionResult | null) => r?.options.map((o) => o.label) ?? [];

describe('schemaCompletionSource', () => {
  it('never offers an option that only repeats the word typed', () => {
    expect(labels(complete('SELECT first_name, country FROM customers'))).not.toContain('customers');
    const result = complete('SELECT first_name, country| FROM customers');
    expect(labels(result)).not.toContain('country');
    expect(labels(result)).toContain('country_code');
    // the popup filters the rest by what was typed: nothing else starts with first_name, so nothing shows
    const rest = labels(complete('SELECT first_name FROM customers WHERE first_name'));
    expect(rest.filter((l) => l.toLowerCase().startsWith('first_name'))).toEqual([]);
  });

  it('asks again once the typed word equals an option, so a cached list drops it', () => {
    const result = complete('SELECT * FROM cust')!;
    const validFor = result.validFor as (word: string) => boolean;
    expect(validFor('custo')).toBe(true);
    expect(validFor('customers')).toBe(false);
    expect(validFor('CUSTOMERS')).toBe(false);
  });

  it('does not offer an alias right after it was typed (FROM artist ar)', () => {
    expect(labels(complete('SELECT * FROM artist ar'))).not.toContain('ar');
  });

  it('ranks schema objects above keywords', () => {
    const options = complete('SELECT * FROM customers WHERE co')!.options;
    const boostOf = (label: string) => options.find((o) => o.label === label)?.boost ?? NaN;
    expect(boostOf('country')).toBe(BOOST.columnInScope);
    expect(boostOf('COUNT')).toBe(BOOST.function);
    expect(boostOf('country')).toBeGreaterThan(boostOf('COUNT'));
    const fromOptions = complete('SELECT * FROM c')!.options;
    const customers = fromOptions.find((o) => o.label === 'customers')!;
    const keywords = fromOptions.filter((o) => o.type === 'keyword');
    expect(keywords.length).toBeGreaterThan(0);
    for (const k of keywords) expect(customers.boost!).toBeGreaterThan(k.boost!);
  });

  it("offers only the engine's own keywords", () => {
    const sqlite = labels(complete('SH', 'sqlite'));
    expect(sqlite).not.toContain('SHOW');
    expect(sqlite).not.toContain('SHELL');
    expect(labels(complete('SH', 'mysql'))).toContain('SHOW');
    expect(labels(complete('PRAG', 'sqlite'))).toContain('PRAGMA');
    expect(labels(complete('PRAG', 'postgres'))).not.toContain('PRAGMA');
    expect(labels(complete('ILI', 'postgres'))).toContain('ILIKE');
  });

  it('stays quiet inside strings and comments', () => {
    expect(complete("SELECT 'cus")).toBeNull();
    expect(complete('SELECT 1 -- cus')).toBeNull();
  });
});
