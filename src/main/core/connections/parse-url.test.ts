import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { parseConnectionUrl } from './parse-url';

function fails(url: string): AppError {
  try {
    parseConnectionUrl(url);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to fail`);
}

describe('parseConnectionUrl', () => {
  it('parses a full PostgreSQL URL', () => {
    expect(parseConnectionUrl('postgres://ann:s3cret@db.example.com:6543/shop?sslmode=require')).toEqual({
      params: {
        engine: 'postgres',
        host: 'db.example.com',
        port: 6543,
        user: 'ann',
        database: 'shop',
        sslMode: 'require',
      },
      password: 's3cret',
    });
  });

  it('applies defaults: ports, SSL mode, no password', () => {
    expect(parseConnectionUrl('postgresql://postgres@127.0.0.1/test')).toEqual({
      params: {
        engine: 'postgres',
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        database: 'test',
        sslMode: 'prefer',
      },
      password: null,
    });
    expect(parseConnectionUrl('mysql://root@localhost/test').params).toMatchObject({
      engine: 'mysql',
      port: 3306,
      sslMode: 'disable',
    });
    expect(parseConnectionUrl('mariadb://root@localhost').params).toMatchObject({ engine: 'mysql', database: '' });
  });

  it('keeps a port equal to 80 and reads IPv6 hosts', () => {
    expect(parseConnectionUrl('mysql://u@h:80/d').params).toMatchObject({ port: 80 });
    expect(parseConnectionUrl('postgres://u@[::1]:5433/d').params).toMatchObject({ host: '::1', port: 5433 });
    expect(parseConnectionUrl('postgres://u@[::1]/d').params).toMatchObject({ host: '::1', port: 5432 });
  });

  it('percent-decodes user, password and database', () => {
    const parsed = parseConnectionUrl('postgres://us%40er:p%40ss%3Aw%2Fd@h/my%20db');
    expect(parsed.password).toBe('p@ss:w/d');
    expect(parsed.params).toMatchObject({ user: 'us@er', database: 'my db' });
  });

  it('reads ssl=true, ssl-mode and connect_timeout', () => {
    expect(parseConnectionUrl('mysql://u@h/d?ssl=true').params).toMatchObject({ sslMode: 'require' });
    expect(parseConnectionUrl('mysql://u@h/d?ssl-mode=VERIFY_IDENTITY').params).toMatchObject({
      sslMode: 'verify-full',
    });
    expect(parseConnectionUrl('postgres://u@h/d?sslmode=disable&connect_timeout=5').params).toMatchObject({
      sslMode: 'disable',
      connectTimeoutMs: 5000,
    });
  });

  it('rejects malformed URLs with INVALID_INPUT naming the problem', () => {
    expect(fails('localhost:5432').message).toMatch(/must start with/);
    expect(fails('redis://h').message).toMatch(/Unsupported URL scheme "redis:"/);
    expect(fails('postgres://u@h:99999/d').message).toMatch(/port "99999"/);
    expect(fails('postgres://u@h:abc/d').message).toMatch(/port "abc"/);
    expect(fails('postgres://u@h:/d').message).toMatch(/port ""/);
    expect(fails('postgres://u@h/d?sslmode=sometimes').message).toMatch(/sslmode "sometimes"/);
    expect(fails('postgres://u@h/a/b').message).toMatch(/contains "\/"/);
    expect(fails('postgres://u:%E0%A4%A@h/d').message).toMatch(/password/);
    expect(fails('postgres://').code).toBe('INVALID_INPUT');
  });

  it('never quotes a piece of the password when a "/", "?", "#" or "@" in it is not encoded', () => {
    for (const url of [
      'postgres://app:abc/def+ghi@db.example.com:5432/prod',
      'postgres://app:pa?ss@h/db',
      'mysql://app:pa#ss@h:3306/db',
      'postgres://app:p@ss/w0rd@h/db',
    ]) {
      const error = fails(url);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/percent-encode/);
      for (const piece of ['abc', 'def', 'pa', 'ss', 'w0rd']) expect(error.message).not.toContain(`"${piece}`);
      expect(JSON.stringify(error.details ?? {})).toBe('{}');
    }
    // encoded, the same password parses
    expect(parseConnectionUrl('postgres://app:abc%2Fdef+ghi@db.example.com/prod').password).toBe('abc/def+ghi');
  });
});
