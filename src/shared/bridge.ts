import type { RpcRequest, RpcResponse } from './rpc';

/**
 * What the Electron preload exposes as `window.backbench` — the whole surface the page gets. The renderer's
 * IPC transport is built on it; where it is absent the renderer talks HTTP/SSE to the browser host.
 */
export interface BackbenchBridge {
  /** Sends one procedure call; resolves with the response envelope (never rejects for app errors). */
  call(request: RpcRequest): Promise<RpcResponse>;
  /** Subscribes to a pushed event topic; returns the unsubscribe function. */
  on(topic: string, cb: (payload: unknown) => void): () => void;
}
