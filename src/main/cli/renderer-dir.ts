import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built renderer. Built, this code is out/main/cli.js and the renderer out/renderer; run from source
 * (tests, tsx) it is src/main/cli/*.ts and the renderer is still the build output at the repo root.
 */
export function findRendererDir(explicit?: string): { dir: string; found: boolean } {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = explicit
    ? [resolve(explicit)]
    : [join(here, '..', 'renderer'), join(here, '..', '..', '..', 'out', 'renderer')];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'index.html'))) return { dir, found: true };
  }
  return { dir: candidates[0]!, found: false };
}
