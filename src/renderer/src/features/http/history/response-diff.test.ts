import { describe, expect, it } from 'vitest';
import type { HttpHistoryEntry } from '../../../../../shared/http-history';
import { diffResponses, responseText } from './response-diff';

const entry = (status: number, body: string, headers = [{ name: 'content-type', value: 'application/json' }]) =>
  ({
    id: status,
    sentAt: '2026-01-01T00:00:00.000Z',
    method: 'GET',
    url: 'http://127.0.0.1/hhist',
    path: null,
    status,
    durationMs: 1,
    size: body.length,
    errorCode: null,
    errorMessage: null,
    sent: { method: 'GET', url: 'http://127.0.0.1/hhist', headers: [], body: null },
    request: { name: 'r', method: 'GET', url: '/' },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Not Found',
      httpVersion: '1.1',
      headers,
      url: '/',
      totalMs: 1,
      body: { encoding: 'utf8', data: body, size: body.length, truncated: false },
    },
  }) satisfies HttpHistoryEntry;

describe('comparing two responses', () => {
  it('pretty-prints JSON bodies and pairs changed lines side by side', () => {
    const left = entry(200, JSON.stringify({ id: 1, name: 'Ann', tags: ['a'] }));
    const right = entry(404, JSON.stringify({ id: 1, name: 'Bob', tags: ['a'] }));
    expect(responseText(left)).toContain('  "name": "Ann",');
    const diff = diffResponses(left, right);
    expect(diff).toMatchObject({ added: 2, removed: 2, tooBig: false });
    const changed = diff.rows.filter((row) => row.kind === 'changed');
    expect(changed).toEqual([
      { kind: 'changed', left: 'HTTP/1.1 200 OK', right: 'HTTP/1.1 404 Not Found' },
      { kind: 'changed', left: '  "name": "Ann",', right: '  "name": "Bob",' },
    ]);
  });

  it('folds long unchanged runs and shows a line only one side has', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const left = entry(200, lines.join('\n'), []);
    const right = entry(200, [...lines.slice(0, 20), 'inserted', ...lines.slice(20)].join('\n'), []);
    const diff = diffResponses(left, right);
    expect(diff).toMatchObject({ added: 1, removed: 0 });
    expect(diff.rows.filter((row) => row.kind === 'folded').length).toBe(2);
    expect(diff.rows).toContainEqual({ kind: 'changed', left: null, right: 'inserted' });
    expect(diff.rows.length).toBeLessThan(15);
  });

  it('folds everything but the start of two equal responses', () => {
    const diff = diffResponses(entry(200, '{"a":1}'), entry(200, '{"a":1}'));
    expect(diff).toMatchObject({ added: 0, removed: 0 });
    expect(diff.rows.some((row) => row.kind === 'changed')).toBe(false);
  });
});
