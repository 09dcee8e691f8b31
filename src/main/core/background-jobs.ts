import { AppError } from '../../shared/errors';

/** What every background job (an export, an import) keeps: its state, how to stop it, when it is over. */
export interface JobRecord {
  state: 'running' | 'done' | 'failed' | 'cancelled';
  error?: { code: string; message: string };
  controller: AbortController;
  /** Settles when the job has finished, whatever the outcome. */
  finished: Promise<void>;
}

/** Finished jobs whose status is kept for a renderer that missed their events. */
const FINISHED_REMEMBERED = 200;

/**
 * The jobs of one kind, by the id the caller chose (so it can cancel one or ask its status before `start`
 * returns): running ones are always kept, and the last FINISHED_REMEMBERED finished ones.
 */
export class BackgroundJobs<R extends JobRecord> {
  private readonly records = new Map<string, R>();

  /** `kind` words the errors ("export", "import"); `idKey` names the id in their details ("exportId"). */
  constructor(
    private readonly kind: string,
    private readonly idKey: string,
  ) {}

  /** CONFLICT when a job with this id was started already (checked before the job's other inputs). */
  assertNew(id: string): void {
    if (this.records.has(id)) {
      throw new AppError('CONFLICT', `An ${this.kind} with id "${id}" was already started; use a new id.`, {
        [this.idKey]: id,
      });
    }
  }

  /** Registers a running job; CONFLICT when the id was used already. */
  add(id: string, fields: Omit<R, keyof JobRecord>): R {
    this.assertNew(id);
    const record = {
      ...fields,
      state: 'running',
      controller: new AbortController(),
      finished: Promise.resolve(),
    } as R;
    this.records.set(id, record);
    return record;
  }

  get(id: string): R | undefined {
    return this.records.get(id);
  }

  /** Stops a running job; false when it was not running. */
  cancel(id: string): { cancelled: boolean } {
    const record = this.records.get(id);
    if (!record || record.state !== 'running') return { cancelled: false };
    record.controller.abort();
    return { cancelled: true };
  }

  /** Resolves when the job has finished (any outcome); immediately when unknown. */
  async whenFinished(id: string): Promise<void> {
    await this.records.get(id)?.finished;
  }

  /** Ends a job in `state` (with its error when it failed) and forgets the oldest finished ones. */
  settle(record: R, state: R['state'], error?: R['error']): void {
    record.state = state;
    if (state === 'failed' && error) record.error = error;
    const finished = [...this.records].filter(([, r]) => r.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_REMEMBERED))) this.records.delete(id);
  }

  /** Stops every running job and waits until each has finished. */
  async dispose(): Promise<void> {
    const running = [...this.records.values()].filter((r) => r.state === 'running');
    for (const r of running) r.controller.abort();
    await Promise.all(running.map((r) => r.finished));
  }
}
