import { describe, expect, it } from 'vitest';
import { idTemplateOf, runCrud } from './data-crud';
import type { MockRequest } from './mock-http';

function request(overrides: Partial<MockRequest> = {}): MockRequest {
  return {
    method: 'GET',
    path: '/',
    params: {},
    query: {},
    headers: {},
    cookies: {},
    bodyText: '',
    body: undefined,
    ...overrides,
  };
}

const PEOPLE = [
  { id: 1, name: 'Ann', team: { code: 'A-1' } },
  { id: 2, name: 'Bob', team: { code: 'B-2' } },
  { id: 3, name: 'cy', team: { code: 'A-3' } },
];

const names = (query: Record<string, string>) =>
  (runCrud('get', PEOPLE, request({ query }), 'id').body as { name: string }[]).map((item) => item.name);

describe('CRUD list filters', () => {
  it('like, start and end read their value as a regex, letter case aside', () => {
    expect(names({ name_like: '^(ann|cy)$' })).toEqual(['Ann', 'cy']);
    expect(names({ name_start: '[ab]' })).toEqual(['Ann', 'Bob']);
    expect(names({ name_end: 'n|b' })).toEqual(['Ann', 'Bob']);
    expect(names({ 'team.code_like': '^a-\\d$' })).toEqual(['Ann', 'cy']);
  });

  it('a pattern that could hang the mock is matched as text', () => {
    expect(names({ name_like: '(a+)+' })).toEqual([]);
    expect(names({ name_like: 'a(' })).toEqual([]);
  });

  it('the other operators compare as before; the filtered count is sent', () => {
    const result = runCrud('get', PEOPLE, request({ query: { id_gte: '2', name_ne: 'Bob' } }), 'id');
    expect(result.body).toEqual([PEOPLE[2]]);
    expect(result.headers).toEqual({ 'x-total-count': '3', 'x-filtered-count': '1' });
  });
});

describe('the key of new CRUD items', () => {
  it('is found in the bucket text where its value is made by a template', () => {
    expect(idTemplateOf('[{"id": "{{faker \'string.uuid\'}}", "name": "a"}]', 'id')).toBe("{{faker 'string.uuid'}}");
    expect(idTemplateOf('[{"id": {{add 100 @index}}, "name": "{{x}}"}]', 'id')).toBe('{{add 100 @index}}');
    expect(idTemplateOf('[{"meta": {"ref": "R-{{int 1 9}}"}, "ref": 1}]', 'meta.ref')).toBe(null);
    expect(idTemplateOf('[{"meta": {"ref": "{{int 1 9}}{{int 1 9}}"}, "ref": 1}]', 'meta.ref')).toBe(
      '{{int 1 9}}{{int 1 9}}',
    );
    expect(idTemplateOf('[{"id": 1, "x": "{{int 1 9}}"}]', 'id')).toBe(null);
    expect(idTemplateOf('{{#repeat 2}}{"uid": "{{guid}}"}{{/repeat}}', 'uid')).toBe('{{guid}}');
  });

  it('is made by that template: a number when it reads as one, else text; empty text falls back', () => {
    const create = (made: string | undefined, items: unknown[] = PEOPLE, key = 'id') =>
      runCrud('create', items, request({ method: 'POST', body: { name: 'Dee' } }), key, () => made).body;
    expect(create(' 42 ')).toEqual({ name: 'Dee', id: 42 });
    expect(create('007')).toEqual({ name: 'Dee', id: '007' });
    expect(create('a-b')).toEqual({ name: 'Dee', id: 'a-b' });
    expect(create('  ')).toEqual({ name: 'Dee', id: 4 });
    expect(create(undefined)).toEqual({ name: 'Dee', id: 4 });
    expect(create('9', [], 'meta.id')).toEqual({ name: 'Dee', meta: { id: 9 } });
  });

  it('a body that names its key keeps it', () => {
    const result = runCrud('create', PEOPLE, request({ method: 'POST', body: { id: 'mine' } }), 'id', () => '1');
    expect(result.body).toEqual({ id: 'mine' });
    expect((result.next?.value as unknown[]).length).toBe(4);
  });
});
