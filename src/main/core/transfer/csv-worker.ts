/**
 * The CSV/TSV parse worker (a worker thread; see csv-worker-source.ts): parses the file as a preview does
 * (csv-pack.ts: csv-parse, NULL for an empty unquoted field, line numbers, field counts) and posts its records
 * a batch at a time as the packed bytes, value ends and lines, whose buffers are moved to the host, not copied.
 * No string is made here: the host makes each value's string as it writes the record.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { openPackedCsv } from './csv-pack';
import type { CsvWorkerData, CsvWorkerMessage } from './csv-worker-source';

const port = parentPort!;
const { file, delimiter, name, window, numbers } = workerData as CsvWorkerData;

/** Batches the host may still take before this waits (keeps memory flat whatever the file's size). */
let credits = window;
let wakeUp: (() => void) | null = null;
port.on('message', (taken: number) => {
  credits += taken;
  wakeUp?.();
  wakeUp = null;
});

function post(message: CsvWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

async function run(): Promise<void> {
  const reader = openPackedCsv(file, delimiter, name, numbers);
  try {
    post({ type: 'header', header: await reader.header() });
    for (let batch = await reader.next(); batch !== null; batch = await reader.next()) {
      const moved = [batch.bytes.buffer, batch.ends.buffer, batch.lines.buffer];
      if (batch.marks && batch.numbers) moved.push(batch.marks.buffer, batch.numbers.buffer);
      post({ type: 'batch', batch }, moved as ArrayBuffer[]);
      credits--;
      while (credits <= 0) await new Promise<void>((resolve) => (wakeUp = resolve));
    }
    post({ type: 'end' });
  } catch (error) {
    const e = error as { message?: unknown; code?: unknown };
    post({
      type: 'error',
      appError: error instanceof AppError,
      code: typeof e.code === 'string' ? e.code : null,
      message: typeof e.message === 'string' ? e.message : String(error),
      details: error instanceof AppError ? error.details : undefined,
    });
  } finally {
    reader.close();
  }
}

// nothing more will come: the thread may end once its last message is out
void run().finally(() => port.unref());
