import type { Transport } from './client';
import type { Dispatch } from './dispatcher';
import type { EventMessage } from './rpc';
import { decodeRpcBinary, encodeRpcResponse, joinParts } from './rpc-wire';

/**
 * A transport that calls a dispatcher in-process, round-tripping through the wire form as a real host would (so
 * non-serialisable values fail in tests, not in production).
 */
export function createMemoryTransport(dispatch: Dispatch): Transport & { emit(message: EventMessage): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    async call(request) {
      const response = await dispatch(JSON.parse(JSON.stringify(request)));
      // the bytes a browser host would send (packed rows as binary)
      const encoded = encodeRpcResponse(response);
      return 'json' in encoded
        ? JSON.parse(encoded.json)
        : decodeRpcBinary(joinParts(encoded.binary, encoded.byteLength));
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
