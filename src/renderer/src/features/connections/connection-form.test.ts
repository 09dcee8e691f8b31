import { describe, expect, it } from 'vitest';
import {
  applyParsedUrl,
  changeEngine,
  emptyForm,
  formatServerVersion,
  formFromSaved,
  looksLikeConnectionUrl,
  offersCleartextChoice,
  paramsFromForm,
  passwordFromForm,
  passwordMustBeReentered,
  resolveSqlitePath,
  sqliteFileHint,
  suggestName,
  urlEngineConflict,
  validateForm,
} from './connection-form';
import type { SavedConnection } from '../../../../shared/domain';

describe('connection form', () => {
  it('swaps the default port when the engine changes but keeps a custom one', () => {
    expect(changeEngine(emptyForm('postgres'), 'mysql').port).toBe('3306');
    expect(changeEngine({ ...emptyForm('postgres'), port: '6543' }, 'mysql').port).toBe('6543');
  });

  it('validates the fields it can check locally', () => {
    expect(validateForm({ ...emptyForm('postgres'), host: '', port: '70000' })).toEqual({
      host: 'Enter a host name or IP address.',
      port: 'Use a number from 1 to 65535.',
    });
    expect(validateForm(emptyForm('sqlite')).file).toBeDefined();
    expect(validateForm(emptyForm('mysql'))).toEqual({});
  });

  it('fills the form from a parsed URL', () => {
    const form = applyParsedUrl(emptyForm('postgres'), {
      params: { engine: 'mysql', host: 'db', port: 3307, user: 'u', database: 'shop', sslMode: 'require' },
      password: 'pw',
    });
    expect(form).toMatchObject({
      engine: 'mysql',
      host: 'db',
      port: '3307',
      user: 'u',
      database: 'shop',
      sslMode: 'require',
      password: 'pw',
    });
  });

  it("keeps a URL's connect timeout, and a saved one, through to the params it saves", () => {
    const parsed = applyParsedUrl(emptyForm('postgres'), {
      params: {
        engine: 'postgres',
        host: 'db',
        port: 5432,
        user: 'u',
        database: 'd',
        sslMode: 'prefer',
        connectTimeoutMs: 5000,
      },
      password: null,
    });
    expect(paramsFromForm(parsed)).toMatchObject({ host: 'db', connectTimeoutMs: 5000 });
    const saved: SavedConnection = {
      id: 'c1',
      name: 'slow',
      params: {
        engine: 'mysql',
        host: 'db',
        port: 3306,
        user: 'u',
        database: 'd',
        sslMode: 'disable',
        connectTimeoutMs: 9000,
      },
      hasPassword: false,
      isSample: false,
      createdAt: '',
      updatedAt: '',
    };
    expect(paramsFromForm(formFromSaved(saved))).toMatchObject({ connectTimeoutMs: 9000 });
    expect(paramsFromForm(emptyForm('postgres'))).not.toHaveProperty('connectTimeoutMs');
  });

  it('refuses a URL for another engine when editing, never when creating', () => {
    const mysqlUrl = {
      params: {
        engine: 'mysql' as const,
        host: 'h',
        port: 3306,
        user: 'u',
        database: 'd',
        sslMode: 'disable' as const,
      },
      password: null,
    };
    const saved: SavedConnection = {
      id: 'c1',
      name: 'pg',
      params: { engine: 'postgres', host: 'h', port: 5432, user: 'u', database: 'd', sslMode: 'prefer' },
      hasPassword: false,
      isSample: false,
      createdAt: '',
      updatedAt: '',
    };
    expect(urlEngineConflict(undefined, mysqlUrl)).toBeNull();
    expect(urlEngineConflict(saved, mysqlUrl)).toBe(
      'This connection is PostgreSQL, and this URL is for MySQL / MariaDB: create a new connection for it.',
    );
    expect(urlEngineConflict(saved, { ...mysqlUrl, params: { ...mysqlUrl.params, engine: 'postgres' } })).toBeNull();
  });

  it('keeps, sets or clears the stored password', () => {
    expect(passwordFromForm(emptyForm('postgres'))).toBeUndefined();
    expect(passwordFromForm({ ...emptyForm('postgres'), password: 'x' })).toBe('x');
    expect(passwordFromForm({ ...emptyForm('postgres'), clearPassword: true })).toBeNull();
  });

  it('names the server version', () => {
    expect(formatServerVersion('postgres', '15.19 (Debian 15.19-1.pgdg120+1)')).toBe('PostgreSQL 15.19');
    expect(formatServerVersion('postgres', 'PostgreSQL 15.19 on x86_64-pc-linux-gnu, compiled by gcc')).toBe(
      'PostgreSQL 15.19',
    );
    expect(formatServerVersion('mysql', '10.11.6-MariaDB-0+deb12u1')).toBe('MariaDB 10.11.6');
    expect(formatServerVersion('sqlite', '3.45.1')).toBe('SQLite 3.45.1');
  });

  it('asks for the password again when the connection moves to another host, port, user or engine', () => {
    const saved: SavedConnection = {
      id: 'c1',
      name: 'prod',
      params: {
        engine: 'postgres',
        host: 'db.example.com',
        port: 5432,
        user: 'app',
        database: 'shop',
        sslMode: 'require',
      },
      hasPassword: true,
      isSample: false,
      createdAt: '',
      updatedAt: '',
    };
    const form = formFromSaved(saved);
    expect(passwordMustBeReentered(saved, form)).toBe(false);
    expect(passwordMustBeReentered(saved, { ...form, database: 'other', name: 'x' })).toBe(false);
    for (const moved of [{ host: 'evil.example' }, { port: '6432' }, { user: 'admin' }]) {
      expect(passwordMustBeReentered(saved, { ...form, ...moved }), JSON.stringify(moved)).toBe(true);
      expect(passwordMustBeReentered(saved, { ...form, ...moved, password: 'typed' })).toBe(false);
    }
    expect(passwordMustBeReentered({ ...saved, hasPassword: false }, { ...form, host: 'x' })).toBe(false);
  });

  it('offers plain-text passwords only for another machine, and keeps the choice in the params', () => {
    expect(offersCleartextChoice({ ...emptyForm('postgres'), host: 'localhost' })).toBe(false);
    expect(offersCleartextChoice({ ...emptyForm('postgres'), host: '127.0.0.1' })).toBe(false);
    expect(offersCleartextChoice({ ...emptyForm('mysql'), host: 'db.example.com' })).toBe(true);
    expect(offersCleartextChoice(emptyForm('sqlite'))).toBe(false);
    const allowed = { ...emptyForm('mysql'), host: 'db.example.com', allowCleartextPassword: true };
    expect(paramsFromForm(allowed)).toMatchObject({ allowCleartextPassword: true });
    expect(paramsFromForm({ ...allowed, allowCleartextPassword: false })).not.toHaveProperty('allowCleartextPassword');
  });

  it('suggests a name no other connection has', () => {
    const form = { ...emptyForm('postgres'), host: 'db', database: 'shop' };
    expect(suggestName(form)).toBe('PG shop @ db');
    expect(suggestName(form, ['pg SHOP @ db'])).toBe('PG shop @ db 2');
    expect(suggestName(form, ['PG shop @ db', 'PG shop @ db 2'])).toBe('PG shop @ db 3');
    expect(suggestName({ ...emptyForm('sqlite'), file: '/data/chinook.db' }, ['Other'])).toBe('chinook');
  });

  it('recognises a pasted connection URL', () => {
    expect(looksLikeConnectionUrl('postgres://u:p@h:5432/db')).toBe(true);
    expect(looksLikeConnectionUrl(' mysql://root@127.0.0.1:3306/test\n')).toBe(true);
    expect(looksLikeConnectionUrl('localhost')).toBe(false);
    expect(looksLikeConnectionUrl('postgres://a b')).toBe(false);
    expect(looksLikeConnectionUrl('sqlite:///tmp/shop.db')).toBe(false);
  });

  it('never sends a relative SQLite path: it means a file in the workspace folder, and says so', () => {
    expect(resolveSqlitePath('/srv/a.db', '/home/u/ws')).toBe('/srv/a.db');
    expect(resolveSqlitePath('C:\\data\\a.db', '/home/u/ws')).toBe('C:\\data\\a.db');
    expect(resolveSqlitePath('./a.db', '/home/u/ws/')).toBe('/home/u/ws/a.db');
    expect(resolveSqlitePath('sub/a.db', 'C:\\Users\\u\\ws')).toBe('C:\\Users\\u\\ws\\sub/a.db');
    const form = { ...emptyForm('sqlite'), file: 'shop.db' };
    expect(paramsFromForm(form, '/home/u/ws')).toMatchObject({ engine: 'sqlite', file: '/home/u/ws/shop.db' });
    expect(sqliteFileHint(form, '/home/u/ws')).toBe(
      'Opens /home/u/ws/shop.db (in the workspace folder); it must exist.',
    );
    expect(sqliteFileHint({ ...form, file: '/tmp/x.db', create: true }, '/home/u/ws')).toBe(
      'Opens /tmp/x.db, or creates it if it does not exist.',
    );
  });
});

describe('connection safety in the form', () => {
  const saved = (params: SavedConnection['params']): SavedConnection => ({
    id: 'c',
    name: 'c',
    params,
    hasPassword: false,
    isSample: false,
    createdAt: '',
    updatedAt: '',
  });
  it('reads and writes the safety for every engine, SQLite read-only opening the file so', () => {
    const server = { engine: 'postgres', host: 'h', port: 5432, user: 'u', database: 'd', sslMode: 'prefer' } as const;
    expect(formFromSaved(saved({ ...server, safety: 'production' })).safety).toBe('production');
    expect(paramsFromForm({ ...formFromSaved(saved(server)), safety: 'production' })).toMatchObject({
      safety: 'production',
    });
    expect(paramsFromForm(formFromSaved(saved(server)))).not.toHaveProperty('safety');
    const lite = saved({ engine: 'sqlite', file: '/tmp/a.db', readOnly: true });
    expect(formFromSaved(lite).safety).toBe('readOnly');
    expect(paramsFromForm({ ...formFromSaved(lite), safety: 'normal' })).toMatchObject({ readOnly: false });
    expect(paramsFromForm({ ...formFromSaved(lite), safety: 'readOnly' })).toMatchObject({
      readOnly: true,
      safety: 'readOnly',
    });
  });
});
