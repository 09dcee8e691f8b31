import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RenameCandidate } from '../../shared/contract/designer.contract';
import type { Design } from '../../shared/design';
import type { Engine } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { DriverSession } from '../core/connections/driver-adapter';
import { UsageError, type CliIo } from './cli-io';
import type { QuerySession } from './open-query-session';
import { openTargetSession } from './target-session';

export const SCHEMA_HELP = `Usage: backbench schema <pull|diff|apply> …

  backbench schema pull <target> [--format dbml|sql|json] [--out <file>]
      The live schema as a design: DBML (default), a CREATE script, or the design as JSON.

  backbench schema diff <design.dbml|target> <target> [--format sql|knex] [--rename <spec>]…
      Prints the migration that makes the second side match the first (a DBML design file or another
      database), or exactly "No changes." when they are in sync. Exit 0 either way.

  backbench schema apply <design.dbml> <target> [--allow-destructive] [--create] [--rename <spec>]…
      Applies that migration. SQLite and PostgreSQL run it in one transaction; MySQL/MariaDB step by step,
      stopping at the first failure and saying which step it was and how many were applied. Destructive
      changes (dropping a table or column, narrowing a type, NOT NULL without a default on a table with rows)
      are refused without --allow-destructive: exit 1 naming each (table.column), nothing changed.

<target> is a saved connection's name, an SQLite file, sqlite:<path>, or a postgres:// or mysql:// URL
(see "backbench query --help").

Options:
  --format <f>          pull: dbml, sql or json; diff: sql (default) or knex (a knex migration file)
  --out <file>          pull: write to this file instead of stdout
  --rename <spec>       Confirm a rename the diff would otherwise see as drop + add: a table as
                        "old=new", a column as "table.old=new" (repeatable)
  --allow-destructive   apply: run destructive steps too
  --create              apply: make the SQLite file when there is none at that path
  --data-dir <dir>      App data folder holding saved connections
  -h, --help            Show this help

Exit codes: 0 success (also when diff finds changes), 1 the command failed or was refused (one line on
stderr), 2 wrong usage.
`;

/** `backbench schema pull|diff|apply`: the designer's pull, diff and apply on targets given as for `query`. */
export async function runSchema(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      rename: { type: 'string', multiple: true, default: [] },
      'allow-destructive': { type: 'boolean', default: false },
      create: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const [sub, ...args] = positionals;
  if (values.help || sub === undefined) {
    io.stdout(SCHEMA_HELP);
    return values.help ? 0 : 2;
  }
  const open = (target: string) => openTargetSession(target, values['data-dir'], io.env);
  const pullOther = async (other: string): Promise<Design> =>
    withSession(await open(other), (session) => pull(session));
  switch (sub) {
    case 'pull': {
      if (args.length !== 1) throw new UsageError('schema pull takes one <target>.', 'schema');
      const format = values.format ?? formatOf(values.out) ?? 'dbml';
      if (!['dbml', 'sql', 'json'].includes(format)) {
        throw new UsageError(`--format must be dbml, sql or json for schema pull, not "${format}".`, 'schema');
      }
      const design = await withSession(await open(args[0]!), (session) => pull(session));
      const text = await render(design, format as 'dbml' | 'sql' | 'json');
      await output(io, values.out, text);
      return 0;
    }
    case 'diff':
    case 'apply': {
      if (args.length !== 2) {
        throw new UsageError(
          sub === 'diff'
            ? 'schema diff takes <design.dbml|target> <target>.'
            : 'schema apply takes <design.dbml> <target>.',
          'schema',
        );
      }
      const format = values.format ?? 'sql';
      if (sub === 'diff' && format !== 'sql' && format !== 'knex') {
        throw new UsageError(`--format must be sql or knex for schema diff, not "${format}".`, 'schema');
      }
      const [wantedArg, targetArg] = args as [string, string];
      const isDesign = /\.dbml$/i.test(wantedArg);
      if (sub === 'apply' && !isDesign)
        throw new UsageError('schema apply takes a design file (.dbml) first.', 'schema');
      const renames = values.rename.map(parseRename);
      if (values.create && sub !== 'apply') throw new UsageError('--create goes with schema apply only.', 'schema');
      const target = await openTargetSession(targetArg, values['data-dir'], io.env, {
        createSqlite: values.create,
        createHint: sub === 'apply' ? 'schema apply --create makes one' : undefined,
      });
      return withSession(target, async (session) => {
        const live = await pull(session);
        const wanted = isDesign ? await readDesign(wantedArg, session.engine) : await pullOther(wantedArg);
        if (wanted.dialect !== live.dialect) {
          throw new AppError(
            'INVALID_INPUT',
            `The first side is ${wanted.dialect} and the target is ${live.dialect}; a migration is made between designs of one engine (types and defaults are written for one): apply it to a ${wanted.dialect} database, or start a ${live.dialect} design (schema pull, or the app's SQL import).`,
          );
        }
        const { diffAgainstLive } = await import('../core/designer/diff-live');
        const controller = new AbortController();
        const diff = await diffAgainstLive(session, wanted, live, renames, controller.signal);
        if (sub === 'diff') {
          io.stdout(ensureNewline(format === 'knex' && diff.steps.length > 0 ? diff.knex : diff.sql));
          return 0;
        }
        if (diff.steps.length === 0) {
          io.stdout('No changes.\n');
          return 0;
        }
        const { applyMigration } = await import('../core/designer/apply');
        void io.waitForStop().then(() => controller.abort());
        const outcome = await applyMigration(session, diff, {
          allowDestructive: values['allow-destructive'],
          signal: controller.signal,
          onProgress: (_applied, step) => {
            if (step) io.stderr(`[${step.index + 1}/${diff.steps.length}] ${step.description}\n`);
          },
        });
        if (outcome.failed) {
          const { step, description, message } = outcome.failed;
          const kept =
            session.engine === 'mysql'
              ? `${outcome.applied} of ${outcome.total} steps were applied before it and stay applied.`
              : 'The migration was rolled back: nothing was changed.';
          io.stderr(
            `backbench: step ${step + 1} of ${outcome.total} failed (${description}): ${oneLine(message)} ${kept}\n`,
          );
          return 1;
        }
        io.stdout(`Applied ${outcome.applied} of ${outcome.total} steps.\n`);
        return 0;
      });
    }
    default:
      throw new UsageError(`unknown subcommand "${sub}"; use pull, diff or apply.`, 'schema');
  }
}

async function withSession<T>(session: QuerySession, work: (session: QuerySession) => Promise<T>): Promise<T> {
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

async function pull(session: QuerySession): Promise<Design> {
  const { pullDesign } = await import('../core/designer/pull');
  // pull reads the catalog through execute() only, which the CLI's sessions have
  return pullDesign(session as DriverSession, null);
}

async function readDesign(file: string, engine: Engine): Promise<Design> {
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `There is no design file at ${resolve(file)}`);
  const { parseDbml } = await import('../core/designer/dbml');
  const { design, problems } = parseDbml(await readFile(file, 'utf8'), engine);
  if (!design) {
    const first = problems[0];
    throw new AppError(
      'INVALID_INPUT',
      first
        ? `${file}:${first.line}:${first.column}: ${first.message}`
        : `${file} is not a DBML design Backbench can read.`,
    );
  }
  return design;
}

async function render(design: Design, format: 'dbml' | 'sql' | 'json'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(design, null, 2)}\n`;
  if (format === 'sql') return ensureNewline((await import('../core/designer/ddl')).createScript(design));
  return ensureNewline((await import('../core/designer/dbml')).formatDbml(design));
}

/** `old=new` (a table) or `table.old=new` (a column; the last dot splits, so a schema-qualified table works). */
function parseRename(spec: string): RenameCandidate {
  const match = /^(.+)=(.+)$/.exec(spec);
  if (!match) throw new UsageError(`--rename takes "old=new" or "table.old=new", not "${spec}".`, 'schema');
  const [, left, to] = match as unknown as [string, string, string];
  const dot = left.lastIndexOf('.');
  return dot > 0
    ? { kind: 'column', table: left.slice(0, dot), from: left.slice(dot + 1), to }
    : { kind: 'table', table: null, from: left, to };
}

function formatOf(out: string | undefined): string | undefined {
  const ext = out ? /\.([a-z]+)$/i.exec(out)?.[1]?.toLowerCase() : undefined;
  return ext === 'dbml' || ext === 'sql' || ext === 'json' ? ext : undefined;
}

async function output(io: CliIo, out: string | undefined, text: string): Promise<void> {
  if (!out) {
    io.stdout(text);
    return;
  }
  const path = resolve(out);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
