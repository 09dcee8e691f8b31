import { describe, expect, it } from 'vitest';
import { changesSchema } from './statement-kind';

describe('changesSchema', () => {
  it('sees DDL behind whitespace and comments', () => {
    expect(changesSchema('CREATE TABLE t (id int)')).toBe(true);
    expect(changesSchema('  -- add a column\n  alter table t add c int')).toBe(true);
    expect(changesSchema('/* gone */ DROP VIEW v')).toBe(true);
    expect(changesSchema('rename table a to b')).toBe(true);
  });

  it('ignores queries, DML and words that only start like DDL', () => {
    expect(changesSchema('SELECT 1')).toBe(false);
    expect(changesSchema("INSERT INTO t VALUES ('CREATE TABLE')")).toBe(false);
    expect(changesSchema('created_at')).toBe(false);
    expect(changesSchema('-- CREATE TABLE t')).toBe(false);
    expect(changesSchema('/* unterminated CREATE')).toBe(false);
  });
});
