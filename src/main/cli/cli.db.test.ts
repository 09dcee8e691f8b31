import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../core/app-db/app-database';
import { ConnectionStore } from '../core/connections/connection-store';
import { FileKeySecretStore } from '../core/secrets/file-key-secret-store';
import { createServices } from '../core/services';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

const PG_URL = process.env.BACKBENCH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.BACKBENCH_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
  stop: () => void;
}

function capture(env: Record<string, string | undefined>, onStdout?: (text: string) => void): Captured {
  let out = '';
  let err = '';
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolveStop) => (stop = resolveStop));
  return {
    io: {
      stdout: (text) => {
        out += text;
        onStdout?.(text);
      },
      stderr: (text) => void (err += text),
      env,
      waitForStop: () => stopped,
      openUrl: () => {
        throw new Error('--no-open was given; the browser must not be opened');
      },
    },
    out: () => out,
    err: () => err,
    stop,
  };
}

describe('backbench query', () => {
  let root: string;
  let dataDir: string;
  let file: string;
  const run = async (...argv: string[]) => {
    const c = capture({ BACKBENCH_DATA_DIR: dataDir });
    const code = await runCli(argv, c.io);
    return { code, out: c.out(), err: c.err() };
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bb-cli-'));
    dataDir = join(root, 'data');
    file = join(root, 'people.db');
    const db = new Database(file);
    db.exec(`create table people (id integer primary key, name text, note text, photo blob);
      insert into people values (1, 'Ada', 'likes "quotes", and commas', x'00ff'), (2, 'Bob', null, null), (3, 'Zoë', 'line
break', null);`);
    db.close();
    // a saved connection in the data dir, by name
    const services = await createServices({ host: 'test', dataDir, createSample: false });
    await services.dispatch({
      method: 'connections.create',
      input: { name: 'People DB', params: { engine: 'sqlite', file } },
    });
    await services.dispose();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the rows of an SQLite file as JSON objects', async () => {
    const { code, out, err } = await run(
      'query',
      file,
      'select id, name, note from people order by id',
      '--format',
      'json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([
      { id: 1, name: 'Ada', note: 'likes "quotes", and commas' },
      { id: 2, name: 'Bob', note: null },
      { id: 3, name: 'Zoë', note: 'line\nbreak' },
    ]);
  });

  it('prints CSV with a header and proper quoting', async () => {
    const { code, out } = await run(
      'query',
      `sqlite:${file}`,
      'select id, name, note from people order by id',
      '--format',
      'csv',
    );
    expect(code).toBe(0);
    expect(out).toBe('id,name,note\n1,Ada,"likes ""quotes"", and commas"\n2,Bob,\n3,Zoë,"line\nbreak"\n');
  });

  it('prints whole BLOBs as base64 in CSV and as { $base64 } in JSON', async () => {
    const sql = 'select id, photo from people where id <= 2 order by id';
    const csv = await run('query', file, sql, '--format', 'csv');
    expect(csv.out).toBe('id,photo\n1,AP8=\n2,\n');
    const json = await run('query', file, sql, '--format', 'json');
    expect(JSON.parse(json.out)).toEqual([
      { id: 1, photo: { $base64: 'AP8=' } },
      { id: 2, photo: null },
    ]);
  });

  it('prints an aligned table with NULL and BLOBs marked and a row count', async () => {
    const { code, out } = await run('query', file, 'select id, name, note, photo from people order by id');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id \| name \| note\s+\| photo$/);
    expect(lines[1]).toMatch(/^-+-\+-/);
    expect(lines[2]).toContain('<blob 2 bytes>');
    expect(lines[3]).toMatch(/^2\s+\| Bob\s+\| NULL/);
    expect(lines[4]).toContain('line break');
    expect(lines.at(-1)).toBe('(3 rows)');
    // columns line up
    const bars = lines.slice(2, 5).map((l) => l.indexOf('|'));
    expect(new Set(bars).size).toBe(1);
  });

  it('runs every statement in order and prints the last', async () => {
    const { code, out } = await run(
      'query',
      file,
      "create table if not exists tags (name text); insert into tags values ('a;b'), ('c'); select count(*) as n from tags",
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([{ n: 2 }]);
    const affected = await run('query', file, "update tags set name = 'x' where name = 'c'");
    expect(affected.out).toBe('1 row affected\n');
  });

  it('finds a saved connection by name in the data dir', async () => {
    const { code, out } = await run('query', 'People DB', 'select name from people where id = 2', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([{ name: 'Bob' }]);
    const viaFlag = capture({});
    expect(
      await runCli(['query', 'people db', 'select 1 as one', '--format', 'json', '--data-dir', dataDir], viaFlag.io),
    ).toBe(0);
    expect(JSON.parse(viaFlag.out())).toEqual([{ one: 1 }]);
  });

  it('sends a saved password only as the app would: never in plain text to another machine', async () => {
    // saved before the rule existed (the app refuses to save it now): the command line must refuse it too
    const app = await openAppDatabase({ dataDir });
    try {
      new ConnectionStore(app.db, FileKeySecretStore.inDataDir(dataDir)).create({
        name: 'Remote plain',
        params: {
          engine: 'postgres',
          host: '192.0.2.10',
          port: 5432,
          user: 'app',
          database: 'shop',
          sslMode: 'disable',
        },
        password: 'secret',
      });
    } finally {
      app.close();
    }
    const { code, err } = await run('query', 'Remote plain', 'select 1');
    expect(code).toBe(1);
    expect(err).toMatch(/without encryption.*\(SSL_REQUIRED\)\n$/s);
  });

  it('queries PostgreSQL by URL', async () => {
    const { code, out, err } = await run('query', PG_URL, 'select 1 as a', '--format', 'json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([{ a: 1 }]);
  });

  it('queries MySQL/MariaDB by URL', async () => {
    const { code, out, err } = await run('query', MYSQL_URL, "select 1 as a, 'x' as b", '--format', 'json');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([{ a: 1, b: 'x' }]);
  });

  it('runs several PostgreSQL statements, including a dollar-quoted body', async () => {
    const schema = `bb_cli_${randomBytes(4).toString('hex')}`;
    const sql = `create schema ${schema}; create function ${schema}.f() returns int language plpgsql as $$ begin return 41; end; $$;
      select ${schema}.f() + 1 as answer; `;
    try {
      const { code, out, err } = await run('query', PG_URL, sql, '--format', 'csv');
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toBe('answer\n42\n');
    } finally {
      await run('query', PG_URL, `drop schema if exists ${schema} cascade`);
    }
  });

  it.each([
    ['an unreachable server', 'postgres://postgres@127.0.0.1:5999/test', /CONNECTION_REFUSED/],
    ['an unknown name', 'no-such-connection', /not a saved connection.*\(NOT_FOUND\)$/],
    ['a missing SQLite file', './missing/shop.db', /\(FILE_NOT_FOUND\)$/],
    ['a malformed URL', 'postgres://user@host:99999/db', /port.*\(INVALID_INPUT\)$/],
  ])('fails with exit 1 and one line on stderr for %s', async (_label, target, pattern) => {
    const { code, out, err } = await run('query', target, 'select 1');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.endsWith('\n')).toBe(true);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^backbench: /);
    expect(err.trimEnd()).toMatch(pattern);
  });

  it.each([
    ['a refused connection', 'postgres://bob:hunter2secret@127.0.0.1:5999/test'],
    ['a bad port', 'postgres://bob:hunter2secret@127.0.0.1:99999/test'],
    ['a database path with a slash', 'mysql://bob:hunter2secret@127.0.0.1/a/b'],
    ['a mistyped scheme', 'postgress://bob:hunter2secret@127.0.0.1/test'],
    ['a scheme without slashes', 'pgsql:bob:hunter2secret@127.0.0.1/test'],
    ['a password with an unencoded @ and /', 'postgres://bob:hunter2secret@x/y@127.0.0.1:5999/test'],
    ['a wrong MySQL password', MYSQL_URL.replace('://root@', '://root:hunter2secret@')],
  ])('never prints the password from a URL: %s', async (_label, target) => {
    const { code, out, err } = await run('query', target, 'select 1');
    expect(code).toBe(1);
    expect(err).toMatch(/^backbench: /);
    expect(out + err).not.toContain('hunter2secret');
    expect(out + err).not.toContain('hunter2');
  });

  it('reads sqlite:<relative> against the working directory and prefers a path to a same-named connection', async () => {
    // relative to the working directory, which this test leaves as it is
    const dir = mkdtempSync(join(tmpdir(), 'bb-cli-rel-'));
    try {
      const db = new Database(join(dir, 'rel.db'));
      db.exec("create table t (v text); insert into t values ('from-file')");
      db.close();
      const rel = relative(process.cwd(), join(dir, 'rel.db'));
      expect(rel.startsWith('/')).toBe(false);
      for (const target of [`sqlite:${rel}`, `sqlite://${rel}`, `sqlite://${join(dir, 'rel.db')}`, rel]) {
        const { code, out, err } = await run('query', target, 'select v from t', '--format', 'csv');
        expect(err, target).toBe('');
        expect(code, target).toBe(0);
        expect(out, target).toBe('v\nfrom-file\n');
      }
      // a saved connection named like the path does not shadow the file the user pointed at
      const services = await createServices({ host: 'test', dataDir, createSample: false });
      await services.dispatch({
        method: 'connections.create',
        input: { name: rel, params: { engine: 'sqlite', file } },
      });
      await services.dispose();
      const { out } = await run('query', rel, 'select v from t', '--format', 'csv');
      expect(out).toBe('v\nfrom-file\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains that a password kept in the desktop keychain cannot be used, without printing it', async () => {
    // what the desktop app stores with safeStorage; the CLI has no keychain
    const keychain = {
      kind: 'fake-keychain',
      encrypt: (p: string) => `safe1:${Buffer.from(p).toString('base64')}`,
      decrypt: () => '',
    };
    const services = await createServices({ host: 'test', dataDir, createSample: false, secretStore: keychain });
    await services.dispatch({
      method: 'connections.create',
      input: {
        name: 'Desktop PG',
        params: { engine: 'postgres', host: '127.0.0.1', port: 5999, user: 'bob', database: 'x', sslMode: 'disable' },
        password: 'hunter2secret',
      },
    });
    await services.dispose();
    const { code, err } = await run('query', 'Desktop PG', 'select 1');
    expect(code).toBe(1);
    expect(err).toMatch(
      /saved by the desktop app in the system keychain.*pass a URL with the password.*\(PERMISSION_DENIED\)\n$/,
    );
    expect(err).not.toContain('hunter2');
  });

  it('fails with exit 1 and the database message on an SQL error', async () => {
    const { code, out, err } = await run('query', file, 'select * from no_such_table');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toContain('no_such_table');
    expect(err.trimEnd()).toMatch(/\(SQL_ERROR\)$/);
    const second = await run('query', file, 'select 1; selec 2');
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/statement 2 of 2/);
  });

  it('exits 2 on usage errors and prints help per command', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('query', file)).code).toBe(2);
    expect((await run('query', file, 'select 1', '--format', 'xml')).code).toBe(2);
    const unknownOption = await run('query', file, 'select 1', '--bogus');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain('--help');
    const help = await run('query', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: backbench query <target> <sql>');
    const webHelp = await run('web', '--help');
    expect(webHelp.out).toContain('--no-open');
    expect((await run('--help')).out).toContain('Commands:');
  });
});
