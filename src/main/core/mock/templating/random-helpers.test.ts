import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('random helpers', () => {
  it('faker calls a module method, with positional, JSON and named arguments', () => {
    expect(renderOnce("{{faker 'person.firstName'}}")).toMatch(/^[A-Z][a-z]+/);
    expect(renderOnce("{{faker 'string.alpha' 12}}")).toMatch(/^[a-zA-Z]{12}$/);
    expect(renderOnce('{{faker \'number.int\' \'{"min":5,"max":5}\'}}')).toBe('5');
    expect(renderOnce("{{faker 'number.int' min=3 max=3}}")).toBe('3');
    expect(renderOnce("{{faker 'string.numeric' length=4}}")).toMatch(/^\d{4}$/);
  });

  it('faker dates come out as ISO 8601', () => {
    expect(renderOnce("{{faker 'date.past'}}")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('faker names what is wrong with a bad method name', () => {
    expect(() => renderOnce("{{faker 'firstName'}}")).toThrowError(/"firstName" is not a Faker method name/);
    expect(() => renderOnce("{{faker 'person.nope'}}")).toThrowError(/"person.nope" is not a Faker method/);
    expect(() => renderOnce("{{faker 'number.int' '{min:1}'}}")).toThrowError(/is not valid JSON/);
    expect(() => renderOnce("{{faker 'number.int' min=9 max=1}}")).toThrowError(
      /^template: faker: number\.int: .*Max 1/,
    );
  });

  it('uuid and guid give v4 UUIDs, different each call', () => {
    const [a, b] = renderOnce('{{uuid}} {{guid}}').split(' ');
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it('int and float stay in their range', () => {
    const ints = renderOnce('{{#repeat 50 comma=false}}{{int 3 5}} {{/repeat}}').trim().split(' ').map(Number);
    expect(ints).toHaveLength(50);
    expect(ints.every((n) => Number.isInteger(n) && n >= 3 && n <= 5)).toBe(true);
    expect(new Set(ints).size).toBeGreaterThan(1);
    const floats = renderOnce('{{#repeat 20 comma=false}}{{float 1.5 2.5}} {{/repeat}}').trim().split(' ').map(Number);
    expect(floats.every((n) => n >= 1.5 && n <= 2.5)).toBe(true);
    expect(renderOnce('{{int (queryParam "min") (queryParam "min")}}', mockRequest({ query: { min: '8' } }))).toBe('8');
  });

  it('boolean gives true or false', () => {
    expect(renderOnce('{{boolean}}')).toMatch(/^(true|false)$/);
  });

  it('oneOf picks one item of an array or of its arguments, as JSON when asked', () => {
    expect(['a', 'b']).toContain(renderOnce("{{oneOf (array 'a' 'b')}}"));
    expect(['x', 'y']).toContain(renderOnce("{{oneOf 'x' 'y'}}"));
    expect(['"a"', '"b"']).toContain(renderOnce("{{oneOf (array 'a' 'b') true}}"));
    expect(renderOnce("{{oneOf (array 'only')}}")).toBe('only');
  });

  it('someOf picks between min and max distinct items', () => {
    const picked = JSON.parse(renderOnce("{{someOf (array 'a' 'b' 'c' 'd') 2 3 true}}")) as string[];
    expect(picked.length).toBeGreaterThanOrEqual(2);
    expect(picked.length).toBeLessThanOrEqual(3);
    expect(new Set(picked).size).toBe(picked.length);
    expect(picked.every((item) => ['a', 'b', 'c', 'd'].includes(item))).toBe(true);
    expect(renderOnce("{{join (someOf (array 'a' 'b') 2 2) '+'}}")).toMatch(/^(a\+b|b\+a)$/);
    expect(() => renderOnce("{{someOf 'a' 1 2}}")).toThrowError(/first argument must be an array/);
  });
});
