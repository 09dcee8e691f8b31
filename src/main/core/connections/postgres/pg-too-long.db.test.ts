import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { DriverSession } from '../driver-adapter';
import { openSession } from '../open-session';
import { createPgDatabase, type TempDatabase } from '../test-databases';

const never = new AbortController().signal;

describe('PostgreSQL: a value longer than JavaScript can hold', () => {
  let temp: TempDatabase<unknown>;
  let session: DriverSession;
  beforeAll(async () => {
    temp = await createPgDatabase();
    session = await openSession({ params: temp.params as never, password: temp.password });
  });
  afterAll(async () => {
    await session?.close();
    await temp?.drop();
  });

  it('fails the statement with a clear error instead of ending the process, and reconnects after', async () => {
    let error: unknown = null;
    try {
      const outcome = await session.execute("SELECT repeat('x', 540000000) AS v", [], never);
      if (outcome.kind === 'rows') await outcome.cursor.read(1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONNECTION_LOST', details: { valueTooLong: true } });
    expect((error as AppError).message).toContain('too long to read');
    // the session is gone: a new one (as the connection manager opens after CONNECTION_LOST) works
    await session.close();
    session = await openSession({ params: temp.params as never, password: temp.password });
    const outcome = await session.execute('SELECT length(repeat($1, 3))', ['ab'], never);
    expect(outcome.kind === 'rows' && (await outcome.cursor.read(1))).toEqual([[6]]);
  }, 120_000);
});
