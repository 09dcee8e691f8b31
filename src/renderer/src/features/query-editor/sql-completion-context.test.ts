import { describe, expect, it } from 'vitest';
import { columnsForQualifier, columnsInScope, type TableColumnsLookup } from './sql-completion-columns';
import { analyzeStatement, completionTarget } from './sql-completion-context';

const schema: Record<string, string[]> = {
  customers: ['id', 'name', 'email'],
  orders: ['id', 'customer_id', 'total'],
  'sales.invoices': ['invoice_no', 'amount'],
};
const lookup: TableColumnsLookup = (s, name) => schema[s ? `${s}.${name}`.toLowerCase() : name.toLowerCase()];

function qualified(sql: string): string[] | undefined {
  const target = completionTarget(sql, 'sqlite');
  return columnsForQualifier(analyzeStatement(sql, 'sqlite'), target.qualifier, lookup);
}

describe('completionTarget', () => {
  it('finds the qualifier and partial word before the cursor', () => {
    expect(completionTarget('SELECT c.na', 'sqlite')).toMatchObject({ word: 'na', wordFrom: 9, qualifier: ['c'] });
    expect(completionTarget('SELECT sales.invoices.', 'sqlite')).toMatchObject({
      word: '',
      qualifier: ['sales', 'invoices'],
    });
    expect(completionTarget('SELECT "Odd Name".x', 'sqlite')).toMatchObject({ word: 'x', qualifier: ['Odd Name'] });
    expect(completionTarget('SELECT nam', 'sqlite')).toMatchObject({
      word: 'nam',
      qualifier: [],
      afterTableKeyword: false,
    });
  });

  it('knows when only tables make sense', () => {
    expect(completionTarget('SELECT * FROM cu', 'sqlite').afterTableKeyword).toBe(true);
    expect(completionTarget('SELECT * FROM a JOIN ', 'sqlite').afterTableKeyword).toBe(true);
    expect(completionTarget('SELECT * FROM a, ', 'sqlite').afterTableKeyword).toBe(true);
    expect(completionTarget('SELECT a, ', 'sqlite').afterTableKeyword).toBe(false);
  });
});

describe('aliases', () => {
  it('offers the columns of an aliased table after alias.', () => {
    expect(qualified('SELECT nope.')).toBeUndefined();
    const sql = 'SELECT * FROM customers c WHERE c.';
    expect(qualified(sql)).toEqual(['id', 'name', 'email']);
  });

  it('handles AS, JOINs, comma lists and quoted names', () => {
    const base = 'SELECT * FROM customers AS c JOIN orders o ON o.customer_id = c.id, "orders" o2 WHERE ';
    expect(qualified(`${base}o.`)).toEqual(['id', 'customer_id', 'total']);
    expect(qualified(`${base}c.`)).toEqual(['id', 'name', 'email']);
    expect(qualified(`${base}o2.`)).toEqual(['id', 'customer_id', 'total']);
  });

  it('resolves the alias when the cursor is before the FROM clause', () => {
    const full = 'SELECT c.n FROM customers c';
    const analysis = analyzeStatement(full, 'sqlite');
    const target = completionTarget('SELECT c.n', 'sqlite');
    expect(columnsForQualifier(analysis, target.qualifier, lookup)).toEqual(['id', 'name', 'email']);
  });

  it('offers columns after a plain table name and a schema-qualified table', () => {
    expect(qualified('SELECT orders.')).toEqual(['id', 'customer_id', 'total']);
    expect(qualified('SELECT * FROM sales.invoices i WHERE i.')).toEqual(['invoice_no', 'amount']);
    expect(qualified('SELECT sales.invoices.')).toEqual(['invoice_no', 'amount']);
  });

  it('does not take keywords as aliases', () => {
    const a = analyzeStatement('SELECT * FROM customers WHERE id = 1', 'sqlite');
    expect(a.sources).toEqual([{ kind: 'table', schema: null, name: 'customers', alias: null }]);
    const b = analyzeStatement('SELECT * FROM customers LEFT JOIN orders ON 1=1', 'sqlite');
    expect(b.sources.map((s) => (s.kind === 'table' ? s.alias : s.alias))).toEqual([null, null]);
  });

  it('lists the columns of every table in scope for a bare word', () => {
    const analysis = analyzeStatement('SELECT  FROM customers c JOIN orders o ON 1=1', 'sqlite');
    expect(columnsInScope(analysis, lookup)).toEqual(['id', 'name', 'email', 'customer_id', 'total']);
  });
});

describe('CTEs and derived tables', () => {
  it('offers a CTE select list after cte.', () => {
    expect(qualified('WITH x AS (SELECT id, name FROM customers) SELECT x.')).toEqual(['id', 'name']);
  });

  it('uses explicit CTE column lists, RECURSIVE and several CTEs', () => {
    const sql =
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 10), ' +
      'big AS MATERIALIZED (SELECT o.total AS amount, count(*) n, o.customer_id FROM orders o) ' +
      'SELECT * FROM c JOIN big b ON 1=1 WHERE ';
    expect(qualified(`${sql}c.`)).toEqual(['x']);
    expect(qualified(`${sql}b.`)).toEqual(['amount', 'n', 'customer_id']);
    expect(analyzeStatement(sql, 'sqlite').ctes.map((c) => c.name)).toEqual(['c', 'big']);
  });

  it('expands * in a CTE through the table it selects from', () => {
    expect(qualified('WITH y AS (SELECT * FROM customers) SELECT y.')).toEqual(['id', 'name', 'email']);
    expect(qualified('WITH y AS (SELECT o.*, c.name FROM orders o JOIN customers c ON 1=1) SELECT y.')).toEqual([
      'id',
      'customer_id',
      'total',
      'name',
    ]);
  });

  it('offers a derived table select list after its alias', () => {
    expect(qualified('SELECT * FROM (SELECT id AS cid, total FROM orders) t WHERE t.')).toEqual(['cid', 'total']);
  });

  it('prefers a CTE over a table of the same name', () => {
    expect(qualified('WITH orders AS (SELECT 1 AS one) SELECT * FROM orders o WHERE o.')).toEqual(['one']);
  });

  it('ignores strings and comments', () => {
    const analysis = analyzeStatement("SELECT 'FROM nope n' -- FROM nope2\n FROM customers /* JOIN x */ c", 'sqlite');
    expect(analysis.sources).toEqual([{ kind: 'table', schema: null, name: 'customers', alias: 'c' }]);
  });
});
