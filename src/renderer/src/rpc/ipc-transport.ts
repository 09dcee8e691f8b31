import type { BackbenchBridge } from '../../../shared/bridge';
import type { Transport } from '../../../shared/client';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in the browser host. */
    backbench?: BackbenchBridge;
  }
}

/** The Electron transport: every call and event goes through the preload bridge (the renderer names no channel). */
export function createIpcTransport(bridge: BackbenchBridge): Transport {
  return {
    call: (request) => bridge.call(request),
    on: (topic, listener) => bridge.on(topic, listener),
  };
}
