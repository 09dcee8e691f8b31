import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionParams } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { openSession } from './open-session';
import { parseConnectionUrl } from './parse-url';
import { MYSQL_URL, PG_URL, randomName, tcpPeer } from './test-databases';

/**
 * Opening connections that fail in the less common ways, through the real drivers: each must come back with a
 * specific ErrorCode and a message that says what to do — never INTERNAL with the driver's raw text.
 */

const never = new AbortController().signal;
const pgBase = parseConnectionUrl(PG_URL);
const myBase = parseConnectionUrl(MYSQL_URL);
type PgParams = Extract<ConnectionParams, { engine: 'postgres' }>;
type MyParams = Extract<ConnectionParams, { engine: 'mysql' }>;
const pgParams = { ...(pgBase.params as PgParams), sslMode: 'disable' as const };
const myParams = { ...(myBase.params as MyParams), sslMode: 'disable' as const };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-connect-errors-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite paths that cannot be opened', () => {
  const open = (file: string, extra: { create?: boolean; readOnly?: boolean } = {}) =>
    openSession({ params: { engine: 'sqlite', file, ...extra }, password: null });

  it('a folder that does not exist is FILE_NOT_FOUND naming the folder (with and without create)', async () => {
    const folder = join(dir, 'no-such-folder');
    const file = join(folder, 'shop.db');
    for (const create of [true, false]) {
      const error = await failure(open(file, { create }));
      expect(error.code).toBe('FILE_NOT_FOUND');
      expect(error.message).toBe(
        `The folder ${folder} does not exist — create it first, or choose another location for ${file}.`,
      );
      expect(error.details).toMatchObject({ file, folder });
    }
  });

  it('a missing file says it does not exist and how to create one', async () => {
    const error = await failure(open(join(dir, 'missing.db')));
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toContain('does not exist');
    expect(error.message).toContain('Create a new file if it does not exist');
  });

  it('a folder given as the file is NOT_A_DATABASE, also read-only (where SQLite reports an I/O error)', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    for (const extra of [{}, { create: true }, { readOnly: true }]) {
      const error = await failure(open(folder, extra));
      expect(error.code, JSON.stringify(extra)).toBe('NOT_A_DATABASE');
      expect(error.message).toContain(`${folder} is a folder`);
    }
  });

  it('a path below a file is FILE_NOT_FOUND naming the file in the way', async () => {
    const notFolder = join(dir, 'plain.txt');
    writeFileSync(notFolder, 'text');
    const error = await failure(open(join(notFolder, 'x.db'), { create: true }));
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toContain(`${notFolder} is a file, not a folder`);
  });

  it('a statement naming a file in a missing folder (ATTACH) does not blame the open database', async () => {
    const main = join(dir, 'main.db');
    const session = await open(main, { create: true });
    try {
      const error = await failure(session.execute(`ATTACH '${join(dir, 'nowhere', 'x.db')}' AS x`, [], never));
      expect(error.code).toBe('FILE_NOT_FOUND');
      expect(error.message).not.toContain(main);
      expect(error.message).toContain('a file the statement names');
    } finally {
      await session.close();
    }
  });
});

describe('PostgreSQL sign-in failures', () => {
  it('an unknown role is AUTH_FAILED saying the role does not exist', async () => {
    const user = randomName('bb_nobody_');
    const error = await failure(openSession({ params: { ...pgParams, user }, password: null }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain(`The role "${user}" does not exist`);
    expect(error.details).toMatchObject({ driverCode: '28000' });
  });

  it('a role without LOGIN is AUTH_FAILED, and one without CONNECT on the database is PERMISSION_DENIED', async () => {
    const noLogin = randomName('bb_nologin_');
    const noConnect = randomName('bb_noconnect_');
    const database = randomName();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${noLogin} NOLOGIN`);
      await admin.query(`CREATE ROLE ${noConnect} LOGIN`);
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.query(`REVOKE CONNECT ON DATABASE ${database} FROM PUBLIC`);
      const login = await failure(openSession({ params: { ...pgParams, user: noLogin }, password: null }));
      expect(login.code).toBe('AUTH_FAILED');
      expect(login.message).toContain('may not log in');
      const connect = await failure(
        openSession({ params: { ...pgParams, user: noConnect, database }, password: null }),
      );
      expect(connect.code).toBe('PERMISSION_DENIED');
      expect(connect.message).toContain(`"${database}"`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${noLogin}`);
      await admin.query(`DROP ROLE IF EXISTS ${noConnect}`);
      await admin.end();
    }
  });

  it('a port where another kind of server listens (MariaDB) is CONNECTION_REFUSED: "not a PostgreSQL server"', async () => {
    const mysqlAt = myBase.params as MyParams;
    const error = await failure(
      openSession({
        params: { ...pgParams, host: mysqlAt.host, port: mysqlAt.port, connectTimeoutMs: 5000 },
        password: null,
      }),
    );
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain('not as a PostgreSQL server');
  });

  it('a peer that hangs up while signing in is CONNECTION_LOST naming the port', async () => {
    const peer = await tcpPeer('hangup');
    try {
      const error = await failure(
        openSession({ params: { ...pgParams, host: '127.0.0.1', port: peer.port }, password: null }),
      );
      expect(error.code).toBe('CONNECTION_LOST');
      expect(error.message).toContain(`127.0.0.1:${peer.port} closed the connection while signing in`);
    } finally {
      await peer.close();
    }
  });

  it('SSL against a peer that is not PostgreSQL fails at once with SSL_ERROR (it used to hang in end())', async () => {
    const peer = await tcpPeer('banner');
    try {
      const error = await failure(
        openSession({
          params: { ...pgParams, host: '127.0.0.1', port: peer.port, sslMode: 'require' },
          password: null,
        }),
      );
      expect(error.code).toBe('SSL_ERROR');
    } finally {
      await peer.close();
    }
  });

  it('COPY … TO STDOUT / FROM STDIN is NOT_SUPPORTED and leaves the session usable (it used to crash the host)', async () => {
    const session = await openSession({ params: pgParams, password: pgBase.password ?? null });
    try {
      await session.execute('CREATE TEMP TABLE copy_target (a int)', [], never);
      expect((await failure(session.execute('COPY (SELECT 1) TO STDOUT', [], never))).code).toBe('NOT_SUPPORTED');
      expect((await failure(session.execute('COPY copy_target FROM STDIN', [], never))).code).toBe('NOT_SUPPORTED');
      const outcome = await session.execute('SELECT count(*)::int AS n FROM copy_target', [], never);
      if (outcome.kind !== 'rows') throw new Error('expected rows');
      expect(await outcome.cursor.read(10)).toEqual([[0]]);
      await outcome.cursor.close();
    } finally {
      await session.close();
    }
  });
});

describe('MySQL/MariaDB sign-in failures', () => {
  it('an unknown user is AUTH_FAILED (the server words it like a wrong password), not SQL_ERROR', async () => {
    const user = randomName('bb_nobody_');
    const error = await failure(openSession({ params: { ...myParams, user }, password: null }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain(`"${user}"`);
    expect(error.message).toContain('may not exist');
  });

  it('an unknown host is HOST_NOT_FOUND and a closed port CONNECTION_REFUSED, both naming the target', async () => {
    const host = await failure(openSession({ params: { ...myParams, host: 'no-such-host.invalid' }, password: null }));
    expect(host.code).toBe('HOST_NOT_FOUND');
    expect(host.message).toContain('"no-such-host.invalid"');
    const port = await failure(openSession({ params: { ...myParams, host: '127.0.0.1', port: 1 }, password: null }));
    expect(port.code).toBe('CONNECTION_REFUSED');
    expect(port.message).toContain('127.0.0.1:1');
  });

  it('a peer that hangs up before greeting is CONNECTION_LOST naming the port', async () => {
    const peer = await tcpPeer('hangup');
    try {
      const error = await failure(
        openSession({ params: { ...myParams, host: '127.0.0.1', port: peer.port }, password: null }),
      );
      expect(error.code).toBe('CONNECTION_LOST');
      expect(error.message).toContain(`127.0.0.1:${peer.port} closed the connection while signing in`);
    } finally {
      await peer.close();
    }
  });
});
