/**
 * A mock's data buckets while it runs (issue 7, Mockoon's data buckets): each bucket's text is a template,
 * rendered the first time something reads the bucket (a `data` helper, a `dataBucket` body, a CRUD route), then
 * parsed as JSON when it is JSON. The value then lives in memory: CRUD routes change it, reloads keep it for the
 * buckets whose definition did not change, and a stop forgets it (Mockoon resets its buckets on restart).
 *
 * Rendering on first use rather than at start lets a bucket read the request that first uses it, as Mockoon does
 * for the buckets whose template calls a request helper.
 */
import type { MockRequest } from './mock-http';

/** A bucket as compiled at load: its template ready to render. */
export interface CompiledBucket {
  name: string;
  id: string | undefined;
  /** The text as written: a reload keeps the value of a bucket whose name, id and text are the same. */
  source: string;
  render(request: MockRequest, state: object): string;
}

interface Entry {
  bucket: CompiledBucket;
  state: 'new' | 'rendering' | 'ready';
  value: unknown;
}

export class DataBuckets {
  private entries: Entry[] = [];

  constructor(buckets: readonly CompiledBucket[] = []) {
    this.update(buckets);
  }

  /** Swaps in a reload's buckets; a bucket whose name, id and text are unchanged keeps its current value. */
  update(buckets: readonly CompiledBucket[]): void {
    const old = this.entries;
    this.entries = buckets.map((bucket) => {
      const same = old.find(
        (entry) =>
          entry.bucket.name === bucket.name && entry.bucket.id === bucket.id && entry.bucket.source === bucket.source,
      );
      return same ? { bucket, state: same.state, value: same.value } : { bucket, state: 'new', value: undefined };
    });
  }

  /** Forgets every value: the next read renders the bucket again (the mock stopped). */
  reset(): void {
    for (const entry of this.entries) {
      entry.state = 'new';
      entry.value = undefined;
    }
  }

  /**
   * The bucket a template or response names, as Mockoon finds it: the first whose id is `nameOrId` or whose name
   * contains it, letter case aside.
   */
  private find(nameOrId: string): Entry | undefined {
    const lower = nameOrId.toLowerCase();
    return this.entries.find(
      (entry) => entry.bucket.id === nameOrId || entry.bucket.name.toLowerCase().includes(lower),
    );
  }

  /** Whether a bucket by that name or id exists. */
  has(nameOrId: string): boolean {
    return nameOrId !== '' && this.find(nameOrId) !== undefined;
  }

  /**
   * The bucket's value (rendered now if it never was); `found: false` when no bucket has that name or id.
   * `state` is what the bucket's template renders with (the mock's render state, which holds this store).
   */
  read(nameOrId: string, request: MockRequest, state: object): { found: boolean; value: unknown } {
    const entry = nameOrId === '' ? undefined : this.find(nameOrId);
    if (entry === undefined) return { found: false, value: undefined };
    this.ensure(entry, request, state);
    return { found: true, value: entry.value };
  }

  /** Replaces a bucket's value (CRUD writes); false when no bucket has that name or id. */
  write(nameOrId: string, value: unknown): boolean {
    const entry = nameOrId === '' ? undefined : this.find(nameOrId);
    if (entry === undefined) return false;
    entry.state = 'ready';
    entry.value = value;
    return true;
  }

  /** The bucket's template text as written (CRUD reads the id template of new items from it). */
  source(nameOrId: string): string | undefined {
    return this.find(nameOrId)?.bucket.source;
  }

  private ensure(entry: Entry, request: MockRequest, state: object): void {
    if (entry.state === 'ready') return;
    if (entry.state === 'rendering') {
      throw new Error(`the data bucket "${entry.bucket.name}" reads itself while it is being made`);
    }
    entry.state = 'rendering';
    let text: string;
    try {
      text = entry.bucket.render(request, state);
    } catch (error) {
      // as Mockoon: a bucket whose template fails holds the error's message
      entry.value = error instanceof Error ? error.message : String(error);
      entry.state = 'ready';
      return;
    }
    entry.value = parseJson(text);
    entry.state = 'ready';
  }
}

/** The JSON value of the text, or the text itself when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
