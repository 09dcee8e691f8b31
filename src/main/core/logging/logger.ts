import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import pinoRoll from 'pino-roll';

/** What core code logs through: structured fields first, then a message (pino's order). */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /** A logger whose lines carry `fields` too (e.g. `{ module: 'query' }`). */
  child(fields: object): Logger;
  /** Writes what is buffered; called on dispose. */
  flush(): Promise<void>;
}

/** One log file is rolled at this size; this many rolled files are kept beside the active one. */
export const LOG_FILE_BYTES = '10m';
export const LOG_FILES_KEPT = 4;

/** The folder the log files live in. */
export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

function wrap(inner: pino.Logger, flush: () => Promise<void>): Logger {
  return {
    debug: (fields, message) => inner.debug(fields, message),
    info: (fields, message) => inner.info(fields, message),
    warn: (fields, message) => inner.warn(fields, message),
    error: (fields, message) => inner.error(fields, message),
    child: (fields) => wrap(inner.child(fields), flush),
    flush,
  };
}

/**
 * The app log: JSON lines in `<dataDir>/logs/backbench.N.log`, rolled by size, a few files kept, readable by the
 * user only (it names databases and statements). Errors keep their stack (`err`). Passwords never reach it: the
 * core never logs connection secrets, and pino's redaction removes a `password` field anywhere as a second
 * line of defence.
 */
export async function createFileLogger(options: { dataDir: string; level?: string }): Promise<Logger> {
  const dir = logDir(options.dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const stream = await pinoRoll({
    file: join(dir, 'backbench'),
    extension: '.log',
    size: LOG_FILE_BYTES,
    mode: 0o600,
    // few lines, and each must survive a crash that follows it
    sync: true,
    limit: { count: LOG_FILES_KEPT },
  });
  const inner = pino(
    {
      level: options.level ?? process.env.BACKBENCH_LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      redact: { paths: ['password', '*.password', 'params.password'], censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    stream,
  );
  const flush = () =>
    new Promise<void>((resolveFlush) => {
      inner.flush(() => resolveFlush());
    });
  return wrap(inner, flush);
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps its lines in memory (tests, and hosts that have nowhere to write yet). */
export function createMemoryLogger(
  lines: LogLine[] = [],
  bound: Record<string, unknown> = {},
): Logger & { lines: LogLine[] } {
  const add = (level: LogLine['level']) => (fields: object, message: string) => {
    lines.push({ level, fields: { ...bound, ...(fields as Record<string, unknown>) }, message });
  };
  return {
    lines,
    debug: add('debug'),
    info: add('info'),
    warn: add('warn'),
    error: add('error'),
    child: (fields) => createMemoryLogger(lines, { ...bound, ...(fields as Record<string, unknown>) }),
    flush: async () => undefined,
  };
}

/** Turns anything thrown into fields pino serialises with its stack. */
export function errorFields(error: unknown): { err: unknown } {
  return { err: error instanceof Error ? error : new Error(String(error)) };
}
