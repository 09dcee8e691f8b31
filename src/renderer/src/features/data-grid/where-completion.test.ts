import { describe, expect, it } from 'vitest';
import { whereCompletions, validWhile, type WhereColumn } from './where-completion';

const columns: WhereColumn[] = [
  { name: 'id', dataType: 'INTEGER' },
  { name: 'price', dataType: 'REAL' },
  { name: 'Unit Price', dataType: 'REAL' },
  { name: 'name', dataType: 'TEXT' },
];

const labels = (text: string, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite', explicit = false) =>
  whereCompletions(text, columns, dialect, explicit)?.options.map((o) => o.label) ?? null;
const option = (text: string, label: string, dialect: 'sqlite' | 'postgres' | 'mysql' = 'sqlite') =>
  whereCompletions(text, columns, dialect, false)?.options.find((o) => o.label === label);

describe('whereCompletions', () => {
  it('offers the columns for a typed word, replacing from the start of that word', () => {
    const found = whereCompletions('id > 3 AND pr', columns, 'sqlite', false)!;
    expect(found.from).toBe('id > 3 AND '.length);
    expect(found.options.map((o) => o.label)).toEqual(expect.arrayContaining(['price', 'Unit Price', 'name']));
    expect(option('pr', 'price')).toMatchObject({ type: 'property', detail: 'REAL', apply: 'price' });
  });

  it('quotes a column name per dialect where it needs quotes', () => {
    expect(option('un', 'Unit Price', 'sqlite')?.apply).toBe('"Unit Price"');
    expect(option('un', 'Unit Price', 'postgres')?.apply).toBe('"Unit Price"');
    expect(option('un', 'Unit Price', 'mysql')?.apply).toBe('`Unit Price`');
    // PostgreSQL folds unquoted names to lower case: a capital needs quotes there only
    const mixed = [{ name: 'userId', dataType: 'int' }];
    expect(whereCompletions('us', mixed, 'postgres', false)?.options[0]?.apply).toBe('"userId"');
    expect(whereCompletions('us', mixed, 'mysql', false)?.options[0]?.apply).toBe('userId');
  });

  it('offers condition words, ranking them above columns right after an operand', () => {
    const afterColumn = whereCompletions('price i', columns, 'sqlite', false)!;
    const isNull = afterColumn.options.find((o) => o.label === 'IS NULL')!;
    const isNotNull = afterColumn.options.find((o) => o.label === 'IS NOT NULL')!;
    const idColumn = afterColumn.options.find((o) => o.label === 'id')!;
    expect(isNull.boost!).toBeGreaterThan(idColumn.boost!);
    expect(isNotNull).toBeDefined();
    const atStart = whereCompletions('i', columns, 'sqlite', false)!;
    expect(atStart.options.find((o) => o.label === 'id')!.boost!).toBeGreaterThan(
      atStart.options.find((o) => o.label === 'IN')!.boost!,
    );
    for (const w of ['AND', 'OR', 'NOT', 'LIKE', 'IN', 'BETWEEN', 'NOT IN', 'NOT LIKE'])
      expect(labels('x', 'sqlite', true)).toContain(w);
  });

  it('offers the engine own operators and scalar functions, never aggregates', () => {
    expect(labels('il', 'postgres')).toContain('ILIKE');
    expect(labels('il', 'sqlite')).not.toContain('ILIKE');
    expect(labels('re', 'mysql')).toContain('REGEXP');
    expect(labels('gl', 'sqlite')).toContain('GLOB');
    expect(option('lo', 'LOWER')).toMatchObject({ type: 'function', apply: 'LOWER(' });
    expect(labels('co', 'sqlite')).toContain('COALESCE');
    expect(labels('co', 'sqlite')).not.toContain('COUNT');
    expect(labels('ma', 'sqlite')).not.toContain('MAX');
  });

  it('offers only columns after a qualifier', () => {
    const found = whereCompletions('t.p', columns, 'sqlite', false)!;
    expect(found.from).toBe(2);
    expect(found.options.every((o) => o.type === 'property')).toBe(true);
  });

  it('stays quiet inside strings, quoted names and comments, and before anything is typed', () => {
    expect(labels("name = 'pr")).toBeNull();
    expect(labels('"Unit P')).toBeNull();
    expect(labels('id = 1 -- pr')).toBeNull();
    expect(labels('id = 1 /* pr')).toBeNull();
    expect(labels('id = 1 # pr', 'mysql')).toBeNull();
    expect(labels('id = 1 AND ')).toBeNull();
    // Ctrl+Space asks explicitly: everything
    expect(labels('id = 1 AND ', 'sqlite', true)).toEqual(expect.arrayContaining(['id', 'AND', 'LOWER']));
  });

  it('leaves out an option that only repeats the typed word, so Enter runs the condition', () => {
    expect(labels('price')).not.toContain('price');
    expect(labels('price')).toContain('Unit Price');
    expect(labels('AND')).not.toContain('AND');
  });

  it('keeps the list while the same word grows, until it equals an option', () => {
    const valid = validWhile(whereCompletions('pr', columns, 'sqlite', false)!.options);
    expect(valid('pri')).toBe(true);
    // the word now equals an option: ask again, so that option (which would only repeat it) drops out
    expect(valid('price')).toBe(false);
    expect(valid('pr ice')).toBe(false);
  });
});
