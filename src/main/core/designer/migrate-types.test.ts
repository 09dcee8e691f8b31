import { describe, expect, it } from 'vitest';
import { narrowingReason, normalizeDefault, normalizeType } from './migrate-types';

const narrows = (from: string, to: string, engine: 'sqlite' | 'postgres' | 'mysql' = 'postgres') =>
  narrowingReason(normalizeType(from, engine), normalizeType(to, engine), engine);

describe('type changes', () => {
  it('treats spellings of one type as the same type', () => {
    expect(normalizeType('INT4', 'postgres')).toBe(normalizeType('integer', 'postgres'));
    expect(normalizeType('character varying(20)', 'postgres')).toBe('varchar(20)');
    expect(normalizeType('int(11)', 'mysql')).toBe('int');
    expect(normalizeType('bigint(20) unsigned', 'mysql')).toBe('bigint unsigned');
    expect(normalizeType('tinyint(1)', 'mysql')).toBe('tinyint(1)');
    expect(normalizeType('DECIMAL(10, 2)', 'sqlite')).toBe('decimal(10,2)');
    // SQLite: INTEGER and INT differ (only INTEGER PRIMARY KEY is the rowid)
    expect(normalizeType('int', 'sqlite')).not.toBe(normalizeType('integer', 'sqlite'));
  });

  it('lets widenings through', () => {
    expect(narrows('varchar(50)', 'varchar(255)')).toBeNull();
    expect(narrows('varchar(50)', 'text')).toBeNull();
    expect(narrows('char(2)', 'varchar(10)')).toBeNull();
    expect(narrows('smallint', 'integer')).toBeNull();
    expect(narrows('integer', 'bigint')).toBeNull();
    expect(narrows('integer', 'numeric(12,2)')).toBeNull();
    expect(narrows('numeric(10,2)', 'numeric(12,3)')).toBeNull();
    expect(narrows('real', 'double precision')).toBeNull();
    expect(narrows('date', 'text')).toBeNull();
    expect(narrows('text', 'mediumtext', 'mysql')).toBeNull();
  });

  it('flags narrowings and conversions that may fail', () => {
    expect(narrows('varchar(255)', 'varchar(50)')).toMatch(/narrows .*shorter length/);
    expect(narrows('char(10)', 'char(2)')).toMatch(/narrows/);
    expect(narrows('varchar', 'varchar(10)')).toMatch(/narrows/);
    expect(narrows('numeric(10,2)', 'numeric(8,2)')).toMatch(/precision or scale/);
    expect(narrows('numeric(10,2)', 'numeric(10,1)')).toMatch(/precision or scale/);
    expect(narrows('bigint', 'integer')).toMatch(/narrows integer/);
    expect(narrows('int', 'tinyint', 'mysql')).toMatch(/narrows integer/);
    expect(narrows('int', 'int unsigned', 'mysql')).toMatch(/signedness/);
    expect(narrows('text', 'varchar(100)')).toMatch(/text to a limited length/);
    expect(narrows('longtext', 'text', 'mysql')).toMatch(/narrows/);
    expect(narrows('double precision', 'real')).toMatch(/narrows/);
    expect(narrows('varchar(20)', 'integer')).toMatch(/may not convert/);
    expect(narrows('integer', 'varchar(5)')).toMatch(/narrows/);
    expect(narrows('timestamp', 'date')).toMatch(/may not convert/);
  });
});

describe('defaults', () => {
  it('compares casts, case and parentheses away', () => {
    expect(normalizeDefault("'x'::character varying")).toBe("'x'");
    expect(normalizeDefault('(0)')).toBe('0');
    expect(normalizeDefault('CURRENT_TIMESTAMP')).toBe(normalizeDefault('now()'));
    expect(normalizeDefault('NULL')).toBeNull();
    expect(normalizeDefault("'Abc'")).not.toBe(normalizeDefault("'abc'"));
  });
});
