import { createClient, type Client, type Transport } from '../../../shared/client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

const reconnectListeners = new Set<() => void>();
const disconnectListeners = new Set<() => void>();

function pickTransport(): Transport {
  // Electron's preload exposes `window.backbench`; anywhere else we are served by the browser host
  if (typeof window !== 'undefined' && window.backbench) return createIpcTransport(window.backbench);
  return createHttpTransport({
    onReconnected: () => reconnectListeners.forEach((listener) => listener()),
    onDisconnected: () => disconnectListeners.forEach((listener) => listener()),
  });
}

/** The one typed client of the renderer. Only store slices call it. */
export const client: Client = createClient(pickTransport());

/** Runs `listener` whenever the event stream reconnects, so state that events keep fresh can be reloaded. */
export function onTransportReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Runs `listener` when the event stream to the host drops (browser host only); onTransportReconnected follows. */
export function onTransportDisconnected(listener: () => void): () => void {
  disconnectListeners.add(listener);
  return () => disconnectListeners.delete(listener);
}
