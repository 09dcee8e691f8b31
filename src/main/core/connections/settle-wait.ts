/**
 * True when `work` settles (either way) within `ms`, false when the time ran out first. The timer does not keep
 * the process alive.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Settles like `work`, unless `signal` aborts first: then `onAbort` runs with the promise's `reject` and decides
 * (rejecting at once, or letting `work` answer). The abort listener is removed once `work` settles.
 */
export function settleOrAbort<T>(
  work: Promise<T>,
  signal: AbortSignal,
  onAbort: (reject: (reason: unknown) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => onAbort(reject);
    if (signal.aborted) {
      // nobody waits for `work` any more; its later rejection must not go unhandled
      work.catch(() => undefined);
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
