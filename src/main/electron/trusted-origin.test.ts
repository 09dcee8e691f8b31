import { describe, expect, it } from 'vitest';
import { sameOriginAs, urlOrigin } from './trusted-origin';

describe('trusted origin (Electron)', () => {
  it('gives the app scheme a real origin, where URL.origin says "null"', () => {
    expect(new URL('app://backbench/index.html').origin).toBe('null');
    expect(urlOrigin('app://backbench/index.html')).toBe('app://backbench');
    expect(urlOrigin('APP://Backbench/assets/x.js')).toBe('app://backbench');
    expect(urlOrigin('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
  });

  it('has no origin for opaque URLs', () => {
    for (const url of [
      'data:text/html,<p>x',
      'about:blank',
      'blob:app://backbench/1234',
      'javascript:alert(1)',
      '',
      'not a url',
    ]) {
      expect(urlOrigin(url), url).toBeNull();
    }
  });

  it('trusts only the page we loaded, never an opaque or look-alike frame', () => {
    const trusted = sameOriginAs('app://backbench/index.html');
    expect(trusted('app://backbench/index.html')).toBe(true);
    expect(trusted('app://backbench/')).toBe(true);
    for (const url of [
      'data:text/html,<script>backbench.call()</script>',
      'about:blank',
      'app://evil/index.html',
      'app://backbench.evil/index.html',
      'file:///etc/passwd',
      'https://backbench/',
      'other://backbench/',
    ]) {
      expect(trusted(url), url).toBe(false);
    }
    const dev = sameOriginAs('http://localhost:5173/');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(() => sameOriginAs('about:blank')).toThrow();
  });
});
