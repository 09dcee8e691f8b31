import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The browser host's access token, kept in `<dataDir>/web-token` (mode 0600) so a restart keeps the open tab
 * and the bookmarked start URL working. Delete the file to issue a new one.
 */
export function loadOrCreateWebToken(dataDir: string): string {
  const file = join(dataDir, 'web-token');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(existing)) {
      // only the user may read it: it grants full access to their databases
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return token;
}
