import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/client';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { createServices } from '../services';
import { destinationChanged, isLocalHost, passwordTransport } from '../../../shared/connection-security';
import type { ConnectionParams } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { decideTransport } from './transport-policy';

const remote: ConnectionParams = {
  engine: 'postgres',
  host: 'db.example.com',
  port: 5432,
  user: 'app',
  database: 'shop',
  sslMode: 'prefer',
};

describe('where a password may go', () => {
  it('knows this machine from another one', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'api.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '/var/run/postgresql',
    ]) {
      expect(isLocalHost(host), host).toBe(true);
    }
    for (const host of [
      'db.example.com',
      '10.0.0.5',
      '192.168.1.2',
      '::2',
      'localhost.example.com',
      '128.0.0.1',
      '0.0.0.0',
    ]) {
      expect(isLocalHost(host), host).toBe(false);
    }
  });

  it('needs TLS only for a password to another machine, unless plain text is allowed', () => {
    expect(passwordTransport({ ...remote, sslMode: 'disable' }, true)).toBe('refuse');
    expect(passwordTransport({ ...remote, sslMode: 'prefer' }, true)).toBe('tls-only');
    expect(passwordTransport({ ...remote, sslMode: 'require' }, true)).toBe('tls');
    expect(passwordTransport({ ...remote, sslMode: 'verify-full' }, true)).toBe('tls');
    expect(passwordTransport({ ...remote, sslMode: 'disable' }, false)).toBe('plain-ok');
    expect(passwordTransport({ ...remote, sslMode: 'disable', host: '127.0.0.1' }, true)).toBe('plain-ok');
    expect(passwordTransport({ ...remote, sslMode: 'disable', allowCleartextPassword: true }, true)).toBe('plain-ok');
    expect(passwordTransport({ engine: 'sqlite', file: '/tmp/x.db' }, true)).toBe('plain-ok');
  });

  it('refuses "disable" with SSL_REQUIRED saying what to do, and tightens "prefer" to "require"', () => {
    let error: unknown;
    try {
      decideTransport({ ...remote, sslMode: 'disable' }, true);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SSL_REQUIRED');
    expect((error as AppError).message).toContain('db.example.com is not this machine');
    expect((error as AppError).message).toContain('Allow the password without TLS');
    expect(decideTransport(remote, true)).toEqual({ params: { ...remote, sslMode: 'require' }, tlsEnforced: true });
    expect(decideTransport(remote, false)).toEqual({ params: remote, tlsEnforced: false });
  });

  it('says which changes move a password to another destination', () => {
    expect(destinationChanged(remote, { ...remote, database: 'other', sslMode: 'require' })).toBe(false);
    expect(destinationChanged(remote, { ...remote, host: 'DB.EXAMPLE.COM' })).toBe(false);
    expect(destinationChanged(remote, { ...remote, host: 'db2.example.com' })).toBe(true);
    expect(destinationChanged(remote, { ...remote, port: 5433 })).toBe(true);
    expect(destinationChanged(remote, { ...remote, user: 'admin' })).toBe(true);
    expect(destinationChanged(remote, { ...remote, engine: 'mysql' })).toBe(true);
    expect(destinationChanged(remote, { engine: 'sqlite', file: '/tmp/x.db' })).toBe(true);
  });
});

describe('saving a connection (connections.create / update)', () => {
  it('refuses a password to another machine with SSL mode "disable" unless allowed, and drops it when the host moves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-transport-'));
    const services = await createServices({ host: 'test', dataDir: dir, createSample: false });
    const client = createClient(createMemoryTransport(services.dispatch));
    try {
      const plain = { ...remote, sslMode: 'disable' as const };
      await expect(client.connections.create({ name: 'a', params: plain, password: 'pw' })).rejects.toMatchObject({
        code: 'SSL_REQUIRED',
      });
      // no password, or explicitly allowed: saved
      await client.connections.create({ name: 'b', params: plain });
      const allowed = await client.connections.create({
        name: 'c',
        params: { ...plain, allowCleartextPassword: true },
        password: 'pw',
      });
      expect(allowed).toMatchObject({ hasPassword: true, params: { allowCleartextPassword: true } });

      const secure = await client.connections.create({
        name: 'd',
        params: { ...remote, sslMode: 'require' },
        password: 'pw',
      });
      // switching a saved password's connection to "disable" is refused too
      await expect(client.connections.update({ id: secure.id, params: plain })).rejects.toMatchObject({
        code: 'SSL_REQUIRED',
      });
      // moving it to another host drops the password: then "disable" carries nothing to refuse
      const moved = await client.connections.update({ id: secure.id, params: { ...plain, host: 'db2.example.com' } });
      expect(moved.hasPassword).toBe(false);
      const renamed = await client.connections.update({ id: allowed.id, name: 'renamed' });
      expect(renamed.hasPassword).toBe(true);
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
