import { describe, expect, it } from 'vitest';
import { devServerUrl, devToolsAllowed } from './dev-mode';

const DEV_URL = 'http://localhost:5173/';

describe('desktop development mode', () => {
  it('loads the dev server only when unpackaged and BACKBENCH_DEV=1', () => {
    const env = { ELECTRON_RENDERER_URL: DEV_URL, BACKBENCH_DEV: '1' };
    expect(devServerUrl({ isPackaged: false, env })).toBe(DEV_URL);
    // `npm start` runs the unpackaged app without the flag: the variable alone must not be enough
    expect(devServerUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: DEV_URL } })).toBeNull();
    expect(devServerUrl({ isPackaged: false, env: { ...env, BACKBENCH_DEV: 'true' } })).toBeNull();
    expect(devServerUrl({ isPackaged: true, env })).toBeNull();
    expect(devServerUrl({ isPackaged: false, env: { BACKBENCH_DEV: '1' } })).toBeNull();
  });

  it('accepts only an http URL on this machine', () => {
    const at = (url: string) =>
      devServerUrl({ isPackaged: false, env: { BACKBENCH_DEV: '1', ELECTRON_RENDERER_URL: url } });
    expect(at('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/');
    expect(at('http://[::1]:5173/')).toBe('http://[::1]:5173/');
    for (const url of [
      'https://evil.example/',
      'http://evil.example:5173/',
      'http://localhost.evil.example/',
      'http://user:pw@localhost:5173/',
      'file:///tmp/page.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(at(url), url).toBeNull();
    }
  });

  it('allows DevTools only in dev mode', () => {
    expect(devToolsAllowed({ isPackaged: false, env: { BACKBENCH_DEV: '1' } })).toBe(true);
    expect(devToolsAllowed({ isPackaged: false, env: {} })).toBe(false);
    expect(devToolsAllowed({ isPackaged: true, env: { BACKBENCH_DEV: '1' } })).toBe(false);
  });
});
