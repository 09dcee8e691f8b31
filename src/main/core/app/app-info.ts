import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's version from the nearest package.json named backbench (works from src and from the bundle). */
export function appVersion(): string {
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6; i++) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'backbench' && pkg.version) return pkg.version;
      }
      dir = dirname(dir);
    }
  } catch {
    // fall through: the version is informational
  }
  return '0.0.0';
}
