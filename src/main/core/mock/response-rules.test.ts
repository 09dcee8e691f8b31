import { describe, expect, it } from 'vitest';
import type { MockRequest } from './mock-http';
import type { MockRule } from '../../../shared/mock-definition';
import {
  compileRule,
  pickResponse,
  rulesHold,
  splitBodyPath,
  type RuleSet,
  type SequenceState,
} from './response-rules';

function request(parts: Partial<MockRequest> = {}): MockRequest {
  return {
    method: 'GET',
    path: '/',
    params: {},
    query: {},
    headers: {},
    cookies: {},
    bodyText: '',
    body: undefined,
    ...parts,
  };
}

const holds = (rule: MockRule, req: MockRequest) =>
  rulesHold({ rules: [compileRule(rule)], operator: 'AND', isDefault: false }, req);

describe('rules', () => {
  it('reads each target: header (any case), query, param, cookie and a body path', () => {
    const req = request({
      headers: { 'x-token': 'abc' },
      query: { page: '2', tag: ['a', 'b'] },
      params: { id: '42' },
      cookies: { session: 's1' },
      body: { user: { name: 'ada', tags: ['x', 'y'], age: 36, admin: false } },
    });
    expect(holds({ target: 'header', name: 'X-Token', op: 'equals', value: 'abc' }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'page', op: 'equals', value: 2 }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'tag', op: 'equals', value: 'b' }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'tag', op: 'equals', value: 'c' }, req)).toBe(false);
    expect(holds({ target: 'param', name: 'id', op: 'regex', value: '^\\d+$' }, req)).toBe(true);
    expect(holds({ target: 'cookie', name: 'session', op: 'equals', value: 's1' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'user.tags[1]', op: 'equals', value: 'y' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'user.tags.0', op: 'equals', value: 'x' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'user.age', op: 'equals', value: 36 }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'user.admin', op: 'equals', value: false }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'user.tags', op: 'equals', value: ['x', 'y'] }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'user.tags', op: 'equals', value: ['y', 'x'] }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'user.name', op: 'regex', value: '^ad' }, req)).toBe(true);
  });

  it('equals on a list holds when one item equals a plain value (as Mockoon), and JSON null equals empty text', () => {
    const req = request({ body: { tags: ['a', 2, null], nested: [{ a: 1 }], none: null } });
    expect(holds({ target: 'body', path: 'tags', op: 'equals', value: 'a' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'tags', op: 'equals', value: '2' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'tags', op: 'equals', value: 'c' }, req)).toBe(false);
    // a list value still compares the whole list
    expect(holds({ target: 'body', path: 'tags', op: 'equals', value: ['a', 2, null] }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'tags', op: 'equals', value: ['a'] }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'nested', op: 'equals', value: '[object Object]' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'none', op: 'equals', value: '' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'none', op: 'equals', value: null }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'missing', op: 'equals', value: '' }, req)).toBe(false);
  });

  it('blank holds for an absent, null or empty value; emptyArray for a list without items', () => {
    const req = request({ query: { empty: '', tag: ['a'] }, body: { a: null, b: 0, list: [], full: [1], text: '' } });
    expect(holds({ target: 'query', name: 'empty', op: 'blank' }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'other', op: 'blank' }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'tag', op: 'blank' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'a', op: 'blank' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'b', op: 'blank' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'list', op: 'emptyArray' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'full', op: 'emptyArray' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'text', op: 'emptyArray' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'missing', op: 'emptyArray' }, req)).toBe(false);
  });

  it('includes holds for a list with an item equal to the value, as text', () => {
    const req = request({ query: { tag: ['a', 'b'], one: 'a' }, body: { ids: [1, 2], id: 1 } });
    expect(holds({ target: 'query', name: 'tag', op: 'includes', value: 'b' }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'tag', op: 'includes', value: 'c' }, req)).toBe(false);
    expect(holds({ target: 'query', name: 'one', op: 'includes', value: 'a' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'ids', op: 'includes', value: '2' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'ids', op: 'includes', value: 2 }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'id', op: 'includes', value: 1 }, req)).toBe(false);
  });

  it('not turns any rule over, an absent value included', () => {
    const req = request({ headers: { 'x-kind': 'b' }, query: { tag: ['a', 'b'] }, body: { list: [] } });
    expect(holds({ target: 'header', name: 'x-kind', op: 'equals', value: 'a', not: true }, req)).toBe(true);
    expect(holds({ target: 'header', name: 'x-kind', op: 'equals', value: 'b', not: true }, req)).toBe(false);
    expect(holds({ target: 'header', name: 'x-other', op: 'equals', value: 'b', not: true }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'tag', op: 'equals', value: 'b', not: true }, req)).toBe(false);
    expect(holds({ target: 'query', name: 'tag', op: 'regex', value: '^c', not: true }, req)).toBe(true);
    expect(holds({ target: 'header', name: 'x-kind', op: 'blank', not: true }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'list', op: 'emptyArray', not: true }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'list', op: 'exists', not: false }, req)).toBe(true);
  });

  it('exists holds for a present value, even empty, and not for a missing one', () => {
    const req = request({ query: { empty: '' }, body: { a: null } });
    expect(holds({ target: 'query', name: 'empty', op: 'exists' }, req)).toBe(true);
    expect(holds({ target: 'query', name: 'other', op: 'exists' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'a', op: 'exists' }, req)).toBe(true);
    expect(holds({ target: 'body', path: 'a.b', op: 'exists' }, req)).toBe(false);
    expect(holds({ target: 'header', name: 'x-missing', op: 'exists' }, req)).toBe(false);
    // inherited properties are not request data
    expect(holds({ target: 'query', name: 'toString', op: 'exists' }, req)).toBe(false);
    expect(holds({ target: 'body', path: 'a.constructor', op: 'exists' }, req)).toBe(false);
  });

  it('a missing value equals nothing and matches no regex', () => {
    const req = request();
    expect(holds({ target: 'header', name: 'x', op: 'equals', value: 'undefined' }, req)).toBe(false);
    expect(holds({ target: 'header', name: 'x', op: 'regex', value: '.*' }, req)).toBe(false);
  });

  it('checks a JSON schema against the whole body or a part of it', () => {
    const schema = { type: 'object', required: ['qty'], properties: { qty: { type: 'integer', minimum: 1 } } };
    const rule: MockRule = { target: 'body', op: 'schema', value: schema };
    expect(holds(rule, request({ body: { qty: 3 } }))).toBe(true);
    expect(holds(rule, request({ body: { qty: 0 } }))).toBe(false);
    expect(holds(rule, request({ body: { qty: 'x' } }))).toBe(false);
    expect(holds(rule, request({ body: undefined }))).toBe(false);
    expect(
      holds(
        { target: 'body', path: 'items.0', op: 'schema', value: schema },
        request({ body: { items: [{ qty: 1 }] } }),
      ),
    ).toBe(true);
  });

  it('combines with AND (all) and OR (any); no rules hold nothing', () => {
    const rules = [
      compileRule({ target: 'query', name: 'a', op: 'exists' }),
      compileRule({ target: 'query', name: 'b', op: 'exists' }),
    ];
    const onlyA = request({ query: { a: '1' } });
    const both = request({ query: { a: '1', b: '2' } });
    expect(rulesHold({ rules, operator: 'AND', isDefault: false }, onlyA)).toBe(false);
    expect(rulesHold({ rules, operator: 'AND', isDefault: false }, both)).toBe(true);
    expect(rulesHold({ rules, operator: 'OR', isDefault: false }, onlyA)).toBe(true);
    expect(rulesHold({ rules, operator: 'OR', isDefault: false }, request())).toBe(false);
    expect(rulesHold({ rules: [], operator: 'AND', isDefault: false }, both)).toBe(false);
  });

  it('splits body paths', () => {
    expect(splitBodyPath('a.b[0].c')).toEqual(['a', 'b', '0', 'c']);
    expect(splitBodyPath('')).toEqual([]);
  });
});

describe('picking a response', () => {
  const role = (value: string) => [compileRule({ target: 'query', name: 'role', op: 'equals', value })];
  const sets: RuleSet[] = [
    { rules: [], operator: 'AND', isDefault: false },
    { rules: role('admin'), operator: 'AND', isDefault: false },
    { rules: role('guest'), operator: 'AND', isDefault: true },
    { rules: role('admin'), operator: 'AND', isDefault: false },
  ];
  const options = (sequence: SequenceState = new Map(), random = () => 0) => ({ routeKey: 'GET /r', sequence, random });

  it('first: the first response whose rules hold, else the default, else the first', () => {
    expect(pickResponse(sets, 'first', request({ query: { role: 'admin' } }), options())).toBe(1);
    expect(pickResponse(sets, 'first', request({ query: { role: 'guest' } }), options())).toBe(2);
    expect(pickResponse(sets, 'first', request(), options())).toBe(2);
    const noDefault = sets.map((set) => ({ ...set, isDefault: false }));
    expect(pickResponse(noDefault, 'first', request(), options())).toBe(0);
  });

  it('sequential: each request the next, wrapping, counted per route key', () => {
    const sequence: SequenceState = new Map();
    const picks = [0, 1, 2, 3, 4].map(() => pickResponse(sets, 'sequential', request(), options(sequence)));
    expect(picks).toEqual([0, 1, 2, 3, 0]);
    expect(pickResponse(sets, 'sequential', request(), { ...options(sequence), routeKey: 'GET /other' })).toBe(0);
    // a route that lost responses on reload continues within its new length
    sequence.set('GET /r', 3);
    expect(pickResponse(sets.slice(0, 2), 'sequential', request(), options(sequence))).toBe(1);
  });

  it('random: the index the random number falls on, never past the end', () => {
    expect(
      pickResponse(
        sets,
        'random',
        request(),
        options(new Map(), () => 0.5),
      ),
    ).toBe(2);
    expect(
      pickResponse(
        sets,
        'random',
        request(),
        options(new Map(), () => 0.999999),
      ),
    ).toBe(3);
    expect(
      pickResponse(
        sets,
        'random',
        request(),
        options(new Map(), () => 0),
      ),
    ).toBe(0);
  });
});
