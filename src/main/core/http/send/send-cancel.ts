/**
 * A send's cancel and timeout as a plain object: an AbortController and EventTarget listeners per request cost
 * more than the rest of a small exchange (bench:runner), so the exchange registers a callback here and an
 * AbortSignal is made only when something asks for one (an OAuth 2.0 sign-in, a decoding pipeline).
 */
import type { AppError } from '../../../../shared/errors';

export class SendCancel {
  private current: AppError | null = null;
  private listeners: (() => void)[] = [];
  private controller: AbortController | null = null;

  get aborted(): boolean {
    return this.current !== null;
  }

  /** Why the send stopped (REQUEST_CANCELLED, TIMEOUT); null while it runs. */
  get reason(): AppError | null {
    return this.current;
  }

  /** Stops the send with `reason`; later calls change nothing. */
  abort(reason: AppError): void {
    if (this.current !== null) return;
    this.current = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  /** Calls `listener` once on abort; returns what unregisters it. */
  onAbort(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** An AbortSignal that follows this cancel, made on first use. */
  get signal(): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController();
      if (this.current !== null) this.controller.abort(this.current);
    }
    return this.controller.signal;
  }
}
