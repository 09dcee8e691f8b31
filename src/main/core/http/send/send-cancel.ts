/**
 * A send's cancel and timeout as a plain object: an AbortController and EventTarget listeners per request cost
 * more than the rest of a small exchange (bench:runner), so the exchange registers a callback here and an
 * AbortSignal is made only when something asks for one (an OAuth 2.0 sign-in, a decoding pipeline).
 */
import type { AppError } from '../../../../shared/errors';

export interface AbortListener {
  onCancel(): void;
}

export class SendCancel {
  private current: AppError | null = null;
  private listeners: AbortListener[] | null = null;
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
    this.listeners = null;
    if (listeners) for (const listener of listeners) listener.onCancel();
  }

  /** Calls `listener.onCancel()` once on abort, unless `offAbort` comes first (an object: no closure per send). */
  onAbort(listener: AbortListener): void {
    if (this.listeners === null) this.listeners = [listener];
    else this.listeners.push(listener);
  }

  offAbort(listener: AbortListener): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners!.splice(at, 1);
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
