import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { RecordSource, SourceRecord } from './record-source';

/** What the parse worker is started with. */
export interface CsvWorkerData {
  file: string;
  delimiter: string;
  name: string;
  /** Batches the worker may post before the host has taken them. */
  window: number;
}

/** Worker → host. The host answers each batch it takes with one message (a credit for one more). */
export type CsvWorkerMessage =
  | { type: 'header'; header: string[] }
  /** `ends[i]`: where value i (row-major) ends in `text`; ~offset (negative) for NULL. */
  | { type: 'batch'; text: string; lines: Int32Array; ends: Int32Array }
  | { type: 'end' }
  | {
      type: 'error';
      appError: boolean;
      code: string | null;
      message: string;
      details: Record<string, unknown> | undefined;
    };

/**
 * Two batches (records of ~1 MiB of the file each) parsed ahead at most: enough for the parser never to wait
 * for the writer's thread, and memory stays flat whatever the file's size.
 */
const WINDOW = 2;

/**
 * How to start the worker: from the TypeScript sources (vitest, tsx) through tsx's loader, registered in the
 * new thread (a worker does not inherit `--import tsx`); in the electron-vite build it is out/main/csv-worker.js
 * while this code sits in out/main/*.js or a chunk below it.
 */
function startCsvWorker(data: CsvWorkerData): Worker {
  const here = import.meta.url;
  // names held in variables so the bundler does not try to inline the worker as an asset
  const tsName = './csv-worker.ts';
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    // tsx's ESM entry (require.resolve finds its CommonJS twin, which cannot be imported)
    const tsx = pathToFileURL(
      createRequire(here)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
    const entry = new URL(tsName, here).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(boot, { eval: true, workerData: data });
  }
  for (const candidate of ['./csv-worker.js', '../csv-worker.js', './main/csv-worker.js']) {
    const path = fileURLToPath(new URL(candidate, here));
    if (existsSync(path)) return new Worker(path, { workerData: data });
  }
  throw new AppError(
    'INTERNAL',
    `The CSV parse worker was not found next to ${fileURLToPath(here)} — rebuild the app (npm run build).`,
  );
}

/**
 * CSV/TSV records parsed in a worker thread while this thread checks and writes the ones before (an import
 * of a big file has its two halves on two cores). The records, their line numbers and errors are those of the
 * in-thread source (record-source.ts), which the worker runs.
 */
export function openCsvWorkerSource(file: string, delimiter: string, name: string): RecordSource {
  let worker: Worker | null = null;
  const queue: CsvWorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let lost: Error | null = null;
  let finished = false;
  let closed = false;
  let header: string[] | undefined;

  const notify = (): void => {
    wake?.();
    wake = null;
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = startCsvWorker({ file, delimiter, name, window: WINDOW });
    w.on('message', (message: CsvWorkerMessage) => {
      if (message.type === 'end' || message.type === 'error') finished = true;
      queue.push(message);
      notify();
    });
    w.on('error', (error) => {
      lost ??= error;
      notify();
    });
    w.on('exit', (code) => {
      if (!finished && !closed) lost ??= new AppError('INTERNAL', `The CSV parser stopped (exit code ${code}).`);
      notify();
    });
    worker = w;
    return w;
  };
  const next = async (): Promise<CsvWorkerMessage> => {
    started();
    for (;;) {
      const message = queue.shift();
      if (message) {
        if (message.type === 'error') throw failureOf(message);
        return message;
      }
      if (lost) throw lost;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  return {
    async header() {
      if (header === undefined) {
        const message = await next();
        if (message.type !== 'header') throw new AppError('INTERNAL', 'The CSV parser sent no header first.');
        header = message.header;
      }
      return header;
    },
    async *batches() {
      const width = (await this.header())!.length;
      for (;;) {
        const message = await next();
        if (message.type === 'end') return;
        if (message.type !== 'batch') throw new AppError('INTERNAL', `The CSV parser sent "${message.type}".`);
        // taken: the worker may parse one more while this one is written
        worker!.postMessage(0);
        // a few hundred records at a time: only the rows being written are alive as strings and arrays, so
        // the garbage collector does not copy tens of thousands of them from space to space
        for (let from = 0; from < message.lines.length; from += UNPACK_ROWS) {
          yield unpack(message, width, from, Math.min(message.lines.length, from + UNPACK_ROWS));
        }
      }
    },
    close() {
      closed = true;
      if (worker) void worker.terminate();
    },
  };
}

const UNPACK_ROWS = 500;

/** Records `first` to `last` (exclusive) of a packed batch. */
function unpack(
  message: Extract<CsvWorkerMessage, { type: 'batch' }>,
  width: number,
  first: number,
  last: number,
): SourceRecord[] {
  const { text, lines, ends } = message;
  const records: SourceRecord[] = new Array(last - first);
  let k = first * width;
  let from = k === 0 ? 0 : endOf(ends[k - 1]!);
  for (let r = first; r < last; r++) {
    const values: (string | null)[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const end = ends[k++]!;
      if (end < 0) values[j] = null;
      else {
        values[j] = text.slice(from, end);
        from = end;
      }
    }
    records[r - first] = { line: lines[r]!, values };
  }
  return records;
}

/** Where a value ends in the batch's text (a NULL ends where it starts). */
function endOf(end: number): number {
  return end < 0 ? ~end : end;
}

function failureOf(message: Extract<CsvWorkerMessage, { type: 'error' }>): Error {
  if (message.appError) return new AppError(message.code as ErrorCode, message.message, message.details);
  const error = new Error(message.message);
  return message.code === null ? error : Object.assign(error, { code: message.code });
}
