import { describe, expect, it } from 'vitest';
import { formatRowCount, quoteIdentifier, selectStarSql } from './sql-identifiers';

describe('sql identifiers', () => {
  it('quotes per dialect and escapes embedded quotes', () => {
    expect(quoteIdentifier('sqlite', 'order items')).toBe('"order items"');
    expect(quoteIdentifier('postgres', 'we"ird')).toBe('"we""ird"');
    expect(quoteIdentifier('mysql', 'we`ird')).toBe('`we``ird`');
  });

  it('qualifies only non-default schemas', () => {
    const pg = { engine: 'postgres' as const, defaultSchema: 'public' };
    expect(selectStarSql(pg, 'public', 'users')).toBe('SELECT * FROM "users" LIMIT 100;');
    expect(selectStarSql(pg, 'audit', 'log')).toBe('SELECT * FROM "audit"."log" LIMIT 100;');
    expect(selectStarSql({ engine: 'sqlite', defaultSchema: null }, 'main', 'customers')).toBe(
      'SELECT * FROM "customers" LIMIT 100;',
    );
    expect(selectStarSql({ engine: 'mysql', defaultSchema: 'shop' }, 'shop', 'orders')).toBe(
      'SELECT * FROM `orders` LIMIT 100;',
    );
  });

  it('formats exact and estimated counts', () => {
    expect(formatRowCount(12345, true)).toBe('12,345');
    expect(formatRowCount(12345, false)).toBe('~12k');
    expect(formatRowCount(1500, false)).toBe('~1.5k');
    expect(formatRowCount(999, false)).toBe('~999');
    expect(formatRowCount(2_400_000, false)).toBe('~2.4M');
  });
});
