/**
 * The CSV/TSV parse worker (a worker thread; see csv-worker-source.ts): parses the file with the same in-thread
 * source as a preview (csv-parse, NULL for an empty unquoted field, line numbers, field counts) and posts its
 * records a batch at a time, packed as one string and the end offset of every value, so that the host reads
 * a batch back with one string copy and a slice per value instead of a structured clone of every string.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { CsvWorkerData, CsvWorkerMessage } from './csv-worker-source';
import { delimitedSource, type SourceRecord } from './record-source';

const port = parentPort!;
const { file, delimiter, name, window } = workerData as CsvWorkerData;

/** Batches the host may still take before this waits (keeps memory flat whatever the file's size). */
let credits = window;
let wakeUp: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wakeUp?.();
  wakeUp = null;
});

function post(message: CsvWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/** Values of every record in order; a NULL is stored as ~offset (negative), so it takes no text. */
function pack(records: readonly SourceRecord[], width: number): CsvWorkerMessage {
  const lines = new Int32Array(records.length);
  const ends = new Int32Array(records.length * width);
  // appended, not joined: V8 links the pieces and copies them once, when the message is serialised (a join
  // of ~100,000 strings costs several times more)
  let text = '';
  let at = 0;
  let k = 0;
  for (let r = 0; r < records.length; r++) {
    const record = records[r]!;
    lines[r] = record.line;
    const values = record.values as (string | null)[];
    for (let j = 0; j < width; j++) {
      const value = values[j]!;
      if (value === null) ends[k++] = ~at;
      else {
        text += value;
        at += value.length;
        ends[k++] = at;
      }
    }
  }
  return { type: 'batch', text, lines, ends };
}

async function run(): Promise<void> {
  const source = delimitedSource(file, delimiter, name);
  try {
    const header = (await source.header())!;
    post({ type: 'header', header });
    for await (const records of source.batches()) {
      const message = pack(records, header.length);
      if (message.type === 'batch') post(message, [message.lines.buffer, message.ends.buffer] as ArrayBuffer[]);
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
    source.close();
  }
}

// nothing more will come: the thread may end once its last message is out
void run().finally(() => port.unref());
