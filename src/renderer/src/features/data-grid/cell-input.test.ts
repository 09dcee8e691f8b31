import { describe, expect, it } from 'vitest';
import { editorKind, filterOpsFor, parseFilterValue, parseInput } from './cell-input';

const kind = (dataType: string | null, enumValues: string[] | null = null) => editorKind({ dataType, enumValues });

describe('cell input', () => {
  it('picks the editor from the column type', () => {
    expect(kind('INTEGER')).toBe('number');
    expect(kind('numeric(10,2)')).toBe('number');
    expect(kind('boolean')).toBe('boolean');
    expect(kind('jsonb')).toBe('json');
    expect(kind('timestamp with time zone')).toBe('datetime');
    expect(kind('date')).toBe('date');
    expect(kind('TEXT')).toBe('text');
    expect(kind('mood', ['sad', 'ok'])).toBe('enum');
    expect(kind(null)).toBe('text');
  });

  it('numbers stay exact: safe integers as numbers, longer ones as text', () => {
    expect(parseInput('number', '42')).toEqual({ ok: true, value: 42 });
    expect(parseInput('number', '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseInput('number', '9007199254740993')).toEqual({ ok: true, value: '9007199254740993' });
    expect(parseInput('number', '12345678901234567890.0123')).toEqual({
      ok: true,
      value: '12345678901234567890.0123',
    });
    expect(parseInput('number', '12a')).toEqual({ ok: false, message: '"12a" is not a number.' });
  });

  it('checks dates, times and JSON, and says what was wrong', () => {
    expect(parseInput('date', '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseInput('date', '2023-02-29').ok).toBe(false);
    expect(parseInput('datetime', '2024-02-29T13:14:15.5+01:00').ok).toBe(true);
    expect(parseInput('datetime', '2024-02-29 13:14').ok).toBe(true);
    expect(parseInput('time', '25:00:00x').ok).toBe(false);
    expect(parseInput('json', '{"a": 12345678901234567890}')).toEqual({
      ok: true,
      value: '{"a": 12345678901234567890}',
    });
    const bad = parseInput('json', '{a:1}');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.message).toMatch(/^Not valid JSON/);
  });

  it('booleans and enums', () => {
    expect(parseInput('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(parseInput('boolean', 'maybe').ok).toBe(false);
    expect(parseInput('enum', 'ok', ['sad', 'ok'])).toEqual({ ok: true, value: 'ok' });
    expect(parseInput('enum', 'happy', ['sad', 'ok']).ok).toBe(false);
  });

  it('offers text operators only where they fit, and text search takes any text', () => {
    expect(filterOpsFor('number')).not.toContain('contains');
    expect(filterOpsFor('text')).toContain('startsWith');
    expect(filterOpsFor('binary')).toEqual(['isNull', 'isNotNull']);
    expect(parseFilterValue('number', 'contains', '12')).toEqual({ ok: true, value: '12' });
    expect(parseFilterValue('number', 'eq', "'; DROP TABLE x; --").ok).toBe(false);
    expect(parseFilterValue('text', 'eq', "'; DROP TABLE x; --")).toEqual({ ok: true, value: "'; DROP TABLE x; --" });
  });
});
