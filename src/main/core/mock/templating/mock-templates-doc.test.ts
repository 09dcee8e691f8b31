import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from './compile-template';
import { mockRequest } from './mock-request.fixture';

const doc = readFileSync(resolve(__dirname, '../../../../../docs/mock-templates.md'), 'utf8');

/** Code spans of the user doc that are fragments on purpose, not templates. */
const FRAGMENTS = new Set(['{{@index}}}', '{{#if (…)}}']);

const request = mockRequest({
  method: 'POST',
  params: { id: '42', type: 'a', code: 'x' },
  query: { page: '2', n: '3', tag: ['a', 'b'], limit: '2', name: 'A "quoted" name' },
  headers: { host: '127.0.0.1:3000', accept: 'application/json', authorization: 'Bearer t' },
  cookies: { session: 's' },
  bodyText: '{"user":{"name":"Ann"},"items":[{"id":1}],"createdAt":"2024-01-02","qty":2,"price":3}',
  body: { user: { name: 'Ann' }, items: [{ id: 1 }], createdAt: '2024-01-02', qty: 2, price: 3 },
});

describe('docs/mock-templates.md', () => {
  const examples = [...doc.matchAll(/`([^`]*\{\{[^`]*)`/g)]
    .map((match) => match[1] ?? '')
    .filter((example) => !FRAGMENTS.has(example));

  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(50);
  });

  it.each(examples)('renders %s', (example) => {
    const template = compileTemplate(example, { root: '/srv/mock' });
    expect(typeof template.render(request, { globals: new Map() })).toBe('string');
  });

  it('renders the opening example to valid JSON', () => {
    const source = doc.split('```handlebars\n')[1]?.split('```')[0] ?? '';
    const parsed = JSON.parse(compileTemplate(source, { root: '/srv/mock' }).render(request)) as {
      users: unknown[];
    };
    expect(parsed.users).toHaveLength(2);
  });
});
