import type { Transport } from './client';
import type { Dispatch } from './dispatcher';
import type { EventMessage } from './rpc';

/**
 * A transport that calls a dispatcher in-process, round-tripping through JSON as a real host would (so
 * non-serialisable values fail in tests, not in production).
 */
export function createMemoryTransport(dispatch: Dispatch): Transport & { emit(message: EventMessage): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    async call(request) {
      const response = await dispatch(JSON.parse(JSON.stringify(request)));
      return JSON.parse(JSON.stringify(response));
    },
    on(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      set.add(listener);
      listeners.set(topic, set);
      return () => set.delete(listener);
    },
    emit(message) {
      for (const l of listeners.get(message.topic) ?? []) l(JSON.parse(JSON.stringify(message.payload)));
    },
  };
}
