import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { PackedRows, recordsOf, type NumberUse, type PackedRecords } from './packed-rows';
import type { RecordSource } from './record-source';

/** What the parse worker is started with. */
export interface CsvWorkerData {
  file: string;
  delimiter: string;
  name: string;
  /** Batches the worker may post before the host has taken them. */
  window: number;
  /** Whether values are read as numbers too (csv-numbers.ts), for `useNumbers`. */
  numbers: boolean;
}

/** Worker → host. The host answers the batches it takes with their number (credits for as many more). */
export type CsvWorkerMessage =
  | { type: 'header'; header: string[] }
  | { type: 'batch'; batch: PackedRecords }
  | { type: 'end' }
  | {
      type: 'error';
      appError: boolean;
      code: string | null;
      message: string;
      details: Record<string, unknown> | undefined;
    };

/**
 * Eight batches (records of ~128 KiB of the file each) parsed ahead at most, so memory stays flat whatever the
 * file's size. Credits go back four at a time: each message wakes the other thread, and on a busy machine a
 * wake-up can cost the sender its core for a few milliseconds.
 */
const WINDOW = 8;
const CREDIT_EVERY = 4;

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
export function openCsvWorkerSource(file: string, delimiter: string, name: string, numbers = false): RecordSource {
  let worker: Worker | null = null;
  const queue: CsvWorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let lost: Error | null = null;
  let finished = false;
  let closed = false;
  let header: string[] | undefined;
  let use: NumberUse | undefined;

  const notify = (): void => {
    wake?.();
    wake = null;
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = startCsvWorker({ file, delimiter, name, window: WINDOW, numbers });
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
      // a reader still waiting when the source is closed is told so, rather than left waiting
      lost ??= closed
        ? new AppError('QUERY_CANCELLED', 'The file was closed before it was read to its end.')
        : finished
          ? null
          : new AppError('INTERNAL', `The CSV parser stopped (exit code ${code}).`);
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

  /** The packed batches as they come, the worker told each time CREDIT_EVERY more have been taken. */
  async function* packed(): AsyncGenerator<PackedRecords> {
    let taken = 0;
    for (;;) {
      const message = await next();
      if (message.type === 'end') return;
      if (message.type !== 'batch') throw new AppError('INTERNAL', `The CSV parser sent "${message.type}".`);
      // taken: the worker may parse more while these are written
      if (++taken === CREDIT_EVERY) {
        worker!.postMessage(taken);
        taken = 0;
      }
      yield message.batch;
    }
  }

  return {
    start() {
      if (!closed) started();
    },
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
      for await (const batch of packed()) yield* recordsOf(batch, width, use);
    },
    async *packedBatches() {
      const width = (await this.header())!.length;
      for await (const batch of packed()) yield new PackedRows(batch, width, use);
    },
    useNumbers(fields) {
      // without numbers read, every value comes as its text, which is always right
      if (numbers) use = fields;
    },
    close() {
      closed = true;
      if (worker) void worker.terminate();
    },
  };
}

function failureOf(message: Extract<CsvWorkerMessage, { type: 'error' }>): Error {
  if (message.appError) return new AppError(message.code as ErrorCode, message.message, message.details);
  const error = new Error(message.message);
  return message.code === null ? error : Object.assign(error, { code: message.code });
}
