import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenameCandidate, SchemaDiff } from '../../../shared/contract/designer.contract';
import type { Design, DesignTable } from '../../../shared/design';
import type { Engine } from '../../../shared/domain';
import type { DriverSession } from '../connections/driver-adapter';
import { openSession } from '../connections/open-session';
import { createMysqlDatabase, createPgDatabase } from '../connections/test-databases';
import { applyMigration, type ApplyOutcome } from './apply';
import { diffAgainstLive } from './diff-live';
import { pullDesign } from './pull';

/** Test support (not shipped): a fresh database per engine, and a migration from a pulled design edited in place. */

export const never: AbortSignal = new AbortController().signal;

export interface TestDatabase {
  session: DriverSession;
  drop(): Promise<void>;
}

export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bb-migrate-'));
    const session = await openSession({
      params: { engine: 'sqlite', file: join(dir, 'mig.db'), create: true },
      password: null,
    });
    return {
      session,
      drop: async () => {
        await session.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = engine === 'postgres' ? await createPgDatabase() : await createMysqlDatabase();
  const session = await openSession({ params: db.params, password: db.password });
  return {
    session,
    drop: async () => {
      await session.close();
      await db.drop();
    },
  };
}

export async function exec(session: DriverSession, statements: readonly string[]): Promise<void> {
  for (const sql of statements) {
    const outcome = await session.execute(sql, [], never);
    if (outcome.kind === 'rows') await outcome.cursor.close();
  }
}

/** All rows of a query as arrays of strings (null stays null), in the order the query gives. */
export async function rows(session: DriverSession, sql: string): Promise<(string | null)[][]> {
  const outcome = await session.execute(sql, [], never, { wholeValues: true });
  if (outcome.kind !== 'rows') return [];
  const out: (string | null)[][] = [];
  try {
    for (;;) {
      const batch = await outcome.cursor.read(1000);
      if (batch.length === 0) break;
      for (const row of batch)
        out.push(row.map((v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v))));
    }
  } finally {
    await outcome.cursor.close();
  }
  return out;
}

export function table(design: Design, name: string): DesignTable {
  const found = design.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name} in ${design.tables.map((t) => t.name).join(', ')}`);
  return found;
}

export async function diffTo(
  session: DriverSession,
  wanted: Design,
  renames: readonly RenameCandidate[] = [],
): Promise<SchemaDiff> {
  return diffAgainstLive(session, wanted, await pullDesign(session, null), renames, never);
}

/** Pulls the live schema, lets `edit` change a copy, and applies the migration to it. */
export async function migrate(
  session: DriverSession,
  edit: (design: Design) => void,
  options: { renames?: RenameCandidate[]; allowDestructive?: boolean } = {},
): Promise<{ diff: SchemaDiff; outcome: ApplyOutcome; wanted: Design }> {
  const wanted = structuredClone(await pullDesign(session, null));
  edit(wanted);
  const diff = await diffTo(session, wanted, options.renames ?? []);
  const outcome = await applyMigration(session, diff, {
    allowDestructive: options.allowDestructive ?? false,
    signal: never,
    onProgress: () => undefined,
  });
  return { diff, outcome, wanted };
}
