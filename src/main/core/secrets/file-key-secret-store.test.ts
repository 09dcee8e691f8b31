import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { FileKeySecretStore } from './file-key-secret-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bb-secret-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('FileKeySecretStore', () => {
  it('round-trips text, with a fresh IV each time', () => {
    const store = FileKeySecretStore.inDataDir(tempDir());
    for (const plain of ['', 'hunter2', 'pässwörd ✓ 🔑', 'x'.repeat(5000)]) {
      const a = store.encrypt(plain);
      expect(a.startsWith('v1:')).toBe(true);
      expect(a).not.toContain(plain || '\u0000');
      expect(store.decrypt(a)).toBe(plain);
      expect(store.encrypt(plain)).not.toBe(a);
    }
  });

  it('creates the key file with mode 0600 and reuses it', () => {
    const dir = tempDir();
    const first = FileKeySecretStore.inDataDir(dir);
    const cipher = first.encrypt('secret');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(FileKeySecretStore.inDataDir(dir).decrypt(cipher)).toBe('secret');
  });

  it.runIf(process.platform !== 'win32')('tightens an existing key file with wider permissions', () => {
    const dir = tempDir();
    FileKeySecretStore.inDataDir(dir);
    chmodSync(join(dir, 'secret.key'), 0o644);
    FileKeySecretStore.inDataDir(dir);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('detects tampering and a changed key with a clear error', () => {
    const dir = tempDir();
    const store = FileKeySecretStore.inDataDir(dir);
    const cipher = store.encrypt('secret');
    const raw = Buffer.from(cipher.slice(3), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 0xff, raw.length - 1);
    const tampered = thrown(() => store.decrypt('v1:' + raw.toString('base64')));
    expect(tampered).toBeInstanceOf(AppError);
    expect((tampered as AppError).code).toBe('INTERNAL');
    expect((tampered as AppError).message).toMatch(/key file .* changed.*enter the password again/);

    const other = tempDir();
    writeFileSync(join(other, 'secret.key'), Buffer.alloc(32, 7).toString('base64'), { mode: 0o600 });
    const otherStore = FileKeySecretStore.inDataDir(other);
    expect((thrown(() => otherStore.decrypt(cipher)) as AppError).details).toMatchObject({
      reason: 'secret-key-changed',
    });
    expect((thrown(() => store.decrypt('garbage')) as AppError).code).toBe('INTERNAL');
    expect((thrown(() => store.decrypt('v1:AAAA')) as AppError).code).toBe('INTERNAL');
  });
});
