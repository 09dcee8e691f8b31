import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { mapDriverError, mysqlErrorOffset, redactSecret } from './map-driver-error';

const pg = { engine: 'postgres' as const, host: 'db.local', port: 5432, user: 'ann', database: 'shop' };
const my = { engine: 'mysql' as const, host: 'db.local', port: 3306, user: 'ann', database: 'shop' };
const lite = { engine: 'sqlite' as const, file: '/tmp/x.db' };

function err(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'driver says no')), fields);
}

describe('mapDriverError', () => {
  it('maps PostgreSQL SQLSTATEs', () => {
    expect(mapDriverError(err({ code: '28P01' }), pg).code).toBe('AUTH_FAILED');
    expect(mapDriverError(err({ code: '3D000' }), pg).code).toBe('DATABASE_NOT_FOUND');
    expect(
      mapDriverError(err({ code: '57014', message: 'canceling statement due to statement timeout' }), pg).code,
    ).toBe('QUERY_CANCELLED');
    const sql = mapDriverError(err({ code: '42601', message: 'syntax error at or near "SELEC"', position: '8' }), pg);
    expect(sql.code).toBe('SQL_ERROR');
    expect(sql.details).toMatchObject({
      position: 7,
      driverCode: '42601',
      driverMessage: 'syntax error at or near "SELEC"',
    });
    expect(mapDriverError(err({ code: '23505' }), pg).code).toBe('SQL_ERROR');
    expect(mapDriverError(err({ code: '22012' }), pg).code).toBe('SQL_ERROR');
    const hba = 'no pg_hba.conf entry for host "1.2.3.4", user "ann", database "shop", no encryption';
    expect(mapDriverError(err({ code: '28000', message: hba }), pg).code).toBe('SSL_REQUIRED');
    expect(mapDriverError(err({ code: '28000', message: hba.replace('no encryption', 'SSL off') }), pg).code).toBe(
      'SSL_REQUIRED',
    );
    expect(mapDriverError(new Error('The server does not support SSL connections'), pg).code).toBe('SSL_ERROR');
  });

  it('names the host, database and user in messages', () => {
    expect(mapDriverError(err({ code: '3D000' }), pg).message).toContain('"shop"');
    expect(mapDriverError(err({ code: '28P01' }), pg).message).toContain('"ann"');
    const refused = mapDriverError(err({ code: 'ECONNREFUSED' }), { ...pg, host: '127.0.0.1', port: 5999 });
    expect(refused.code).toBe('CONNECTION_REFUSED');
    expect(refused.message).toBe(
      'Could not reach 127.0.0.1:5999 — is the PostgreSQL server running and listening on that port?',
    );
  });

  it('maps Node socket errors, including AggregateError from happy eyeballs', () => {
    expect(mapDriverError(err({ code: 'ENOTFOUND' }), pg).code).toBe('HOST_NOT_FOUND');
    expect(mapDriverError(err({ code: 'EAI_AGAIN' }), my).code).toBe('HOST_NOT_FOUND');
    expect(mapDriverError(err({ code: 'ETIMEDOUT' }), my).code).toBe('TIMEOUT');
    expect(mapDriverError(new Error('Connection terminated due to connection timeout'), pg).code).toBe('TIMEOUT');
    expect(mapDriverError(err({ code: 'ECONNRESET' }), pg).code).toBe('CONNECTION_LOST');
    expect(mapDriverError(err({ code: 'EPIPE' }), pg).code).toBe('CONNECTION_LOST');
    expect(mapDriverError(new Error('Connection terminated unexpectedly'), pg).code).toBe('CONNECTION_LOST');
    const aggregate = Object.assign(
      new AggregateError([err({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED ::1:5432' })], ''),
      {},
    );
    expect(mapDriverError(aggregate, pg).code).toBe('CONNECTION_REFUSED');
  });

  it('maps MySQL errors, with a position for parse errors', () => {
    expect(mapDriverError(err({ code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 }), my).code).toBe('AUTH_FAILED');
    expect(mapDriverError(err({ code: 'ER_BAD_DB_ERROR', errno: 1049 }), my).code).toBe('DATABASE_NOT_FOUND');
    expect(mapDriverError(err({ code: 'ER_QUERY_INTERRUPTED', errno: 1317 }), my).code).toBe('QUERY_CANCELLED');
    expect(mapDriverError(err({ errno: 1317, code: 'UNKNOWN_CODE_PLEASE_REPORT' }), my).code).toBe('QUERY_CANCELLED');
    const sql = 'SELECT 1;\nSELEC * FROM t';
    const parse = err({
      code: 'ER_PARSE_ERROR',
      errno: 1064,
      sqlMessage: "You have an error in your SQL syntax; check the manual near 'SELEC * FROM t' at line 2",
    });
    const mapped = mapDriverError(parse, { ...my, sql });
    expect(mapped.code).toBe('SQL_ERROR');
    expect(mapped.details?.position).toBe(10);
    expect(
      mapDriverError(
        err({ code: 'HANDSHAKE_NO_SSL_SUPPORT', message: 'Server does not support secure connection' }),
        my,
      ).code,
    ).toBe('SSL_ERROR');
  });

  it('finds MySQL error offsets, including at the end of the text', () => {
    expect(mysqlErrorOffset("… near '' at line 1", 'SELECT 1 +')).toBe(10);
    expect(mysqlErrorOffset("… near 'FROM' at line 1", 'SELECT FROM')).toBe(7);
    expect(mysqlErrorOffset('no position here', 'x')).toBeUndefined();
  });

  it('maps SQLite result codes, extended ones too', () => {
    expect(mapDriverError(err({ code: 'SQLITE_CANTOPEN' }), lite).code).toBe('FILE_NOT_FOUND');
    expect(mapDriverError(err({ code: 'SQLITE_NOTADB' }), lite).code).toBe('NOT_A_DATABASE');
    expect(mapDriverError(err({ code: 'SQLITE_BUSY' }), lite).code).toBe('DATABASE_BUSY');
    expect(mapDriverError(err({ code: 'SQLITE_LOCKED_SHAREDCACHE' }), lite).code).toBe('DATABASE_BUSY');
    expect(mapDriverError(err({ code: 'SQLITE_READONLY' }), lite).code).toBe('READ_ONLY');
    expect(mapDriverError(err({ code: 'SQLITE_ERROR' }), lite).code).toBe('SQL_ERROR');
    expect(mapDriverError(err({ code: 'SQLITE_CONSTRAINT_UNIQUE' }), lite).code).toBe('SQL_ERROR');
    expect(mapDriverError(err({ code: 'SQLITE_INTERRUPT' }), lite).code).toBe('QUERY_CANCELLED');
    expect(mapDriverError(new RangeError('The supplied SQL string contains more than one statement'), lite).code).toBe(
      'SQL_ERROR',
    );
    expect(mapDriverError(err({ code: 'SQLITE_CANTOPEN' }), lite).message).toContain('/tmp/x.db');
  });

  it('maps sign-in failures that a local test server cannot produce', () => {
    // pg raises these itself when a SCRAM/MD5 server asks for a password and none was given
    const noPassword = mapDriverError(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), {
      ...pg,
      connecting: true,
    });
    expect(noPassword.code).toBe('AUTH_FAILED');
    expect(noPassword.message).toContain('requires a password for user "ann"');
    expect(
      mapDriverError(
        err({
          code: '28000',
          message: 'no pg_hba.conf entry for host "1.2.3.4", user "ann", database "shop", SSL encryption',
        }),
        pg,
      ).code,
    ).toBe('PERMISSION_DENIED');
    expect(mapDriverError(err({ code: '53300', message: 'sorry, too many clients already' }), pg).code).toBe(
      'DATABASE_BUSY',
    );
    expect(mapDriverError(err({ code: '53100', message: 'could not extend file' }), pg).code).toBe('IO_ERROR');
    expect(mapDriverError(err({ errno: 1698, code: 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR' }), my).code).toBe(
      'AUTH_FAILED',
    );
    expect(
      mapDriverError(err({ errno: 1040, code: 'ER_CON_COUNT_ERROR', message: 'Too many connections' }), my).code,
    ).toBe('DATABASE_BUSY');
    expect(mapDriverError(err({ errno: 1203, code: 'ER_TOO_MANY_USER_CONNECTIONS' }), my).code).toBe('DATABASE_BUSY');
    expect(
      mapDriverError(
        err({ errno: 1130, code: 'ER_HOST_NOT_PRIVILEGED', message: "Host '10.0.0.9' is not allowed to connect" }),
        my,
      ).code,
    ).toBe('PERMISSION_DENIED');
    expect(mapDriverError(err({ errno: 1862, code: 'ER_MUST_CHANGE_PASSWORD_LOGIN' }), my).message).toContain(
      'has expired',
    );
    expect(mapDriverError(err({ errno: 1053, code: 'ER_SERVER_SHUTDOWN' }), my).code).toBe('CONNECTION_LOST');
    expect(mapDriverError(new Error('Received unexpected dataRow message from backend.'), pg).code).toBe(
      'CONNECTION_REFUSED',
    );
  });

  it('keeps AppErrors and wraps unknown errors as INTERNAL with the driver message', () => {
    const app = new AppError('NOT_FOUND', 'x');
    expect(mapDriverError(app, pg)).toBe(app);
    const unknown = mapDriverError('boom', lite);
    expect(unknown.code).toBe('INTERNAL');
    expect(unknown.details?.driverMessage).toBe('boom');
  });
});

describe('redactSecret', () => {
  it('scrubs a password a driver message echoes (plain and URL-encoded) from the message and the details', () => {
    const secret = 'p@ss w/rd';
    const echoed = err({
      message: `invalid connection string postgres://ann:${encodeURIComponent(secret)}@db.local/shop (password "${secret}")`,
    });
    const mapped = redactSecret(mapDriverError(echoed, pg), secret);
    expect(mapped.message).not.toContain(secret);
    expect(mapped.message).not.toContain(encodeURIComponent(secret));
    expect(JSON.stringify(mapped.details)).not.toContain(secret);
    expect(JSON.stringify(mapped.details)).not.toContain(encodeURIComponent(secret));
    expect(mapped.message).toContain('***');
    expect(mapped.code).toBe('INTERNAL');
  });

  it('returns the same error when there is nothing to scrub or no usable secret', () => {
    const error = mapDriverError(err({ code: '28P01', message: 'password authentication failed for user "ann"' }), pg);
    expect(redactSecret(error, 'hunter22')).toBe(error);
    expect(redactSecret(error, null)).toBe(error);
    expect(redactSecret(error, 'an')).toBe(error);
  });
});
