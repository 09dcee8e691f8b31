import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceCookies } from './cookie-jar';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-henv-cookies-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('adding and editing cookies by hand', () => {
  it('adds host-only and domain cookies that requests then carry, and keeps them across a reopen', async () => {
    const jar = await WorkspaceCookies.open(dir, join(dir, 'ws'));
    const host = await jar.set({ name: 'sid', value: 'abc', domain: '127.0.0.1', httpOnly: true });
    expect(host).toMatchObject({ name: 'sid', value: 'abc', domain: '127.0.0.1', path: '/', hostOnly: true });
    expect(host.httpOnly).toBe(true);
    expect(host.expires).toBeNull();
    const wide = await jar.set({
      name: 'theme',
      value: 'dark',
      domain: '.example.com',
      path: '/app',
      expires: '2099-01-02T03:04:05Z',
      secure: true,
    });
    expect(wide).toMatchObject({ domain: 'example.com', path: '/app', hostOnly: false, secure: true });
    expect(wide.expires).toBe('2099-01-02T03:04:05.000Z');

    expect(await jar.cookieHeader('http://127.0.0.1:8080/x')).toBe('sid=abc');
    expect(await jar.cookieHeader('https://api.example.com/app/1')).toBe('theme=dark');
    expect(await jar.cookieHeader('http://api.example.com/app/1')).toBe('');

    // an edit of the same domain, path and name replaces the cookie
    await jar.set({ name: 'sid', value: 'changed', domain: '127.0.0.1' });
    expect((await jar.list()).filter((c) => c.name === 'sid').map((c) => c.value)).toEqual(['changed']);

    await jar.flush();
    const reopened = await WorkspaceCookies.open(dir, join(dir, 'ws'));
    expect((await reopened.list()).map((c) => `${c.domain} ${c.name}=${c.value}`)).toEqual([
      '127.0.0.1 sid=changed',
      'example.com theme=dark',
    ]);
  });

  it('refuses a bad name, value, domain or path, and a public suffix, naming the field', async () => {
    const jar = await WorkspaceCookies.open(dir, join(dir, 'ws'));
    const field = (input: Parameters<WorkspaceCookies['set']>[0]) =>
      jar.set(input).then(
        () => 'accepted',
        (error: { code: string; details?: { field?: string } }) => `${error.code} ${error.details?.field}`,
      );
    expect(await field({ name: 'a b', value: '1', domain: 'x.test' })).toBe('INVALID_INPUT name');
    expect(await field({ name: 'a', value: '1; evil=2', domain: 'x.test' })).toBe('INVALID_INPUT value');
    expect(await field({ name: 'a', value: '1', domain: 'http://x.test/' })).toBe('INVALID_INPUT domain');
    expect(await field({ name: 'a', value: '1', domain: 'x.test', path: 'no-slash' })).toBe('INVALID_INPUT path');
    expect(await field({ name: 'a', value: '1', domain: '.com' })).toBe('INVALID_INPUT domain');
    expect(await jar.list()).toEqual([]);
  });
});
