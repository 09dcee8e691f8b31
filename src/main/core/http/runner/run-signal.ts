/**
 * The run's cancel signal as each send gets it: the sender adds and removes an abort listener for every request,
 * and an AbortSignal's EventTarget costs microseconds there (a tenth of a keep-alive request's CPU time); this
 * one keeps its listeners in a Set. The run still follows its caller's AbortSignal (one listener per run).
 */
import type { CancelSignal } from '../send/send-types';

export class RunSignal implements CancelSignal {
  aborted = false;
  private readonly listeners = new Set<() => void>();

  addEventListener(_type: 'abort', listener: () => void): void {
    // an abort listener runs once (what `{ once: true }` asks of an AbortSignal)
    if (!this.aborted) this.listeners.add(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.delete(listener);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }
}
