import { BrowserWindow, ipcMain } from 'electron';
import type { Dispatch } from '../../shared/dispatcher';
import type { EmitFn } from '../../shared/events';
import type { EventMessage, RpcResponse } from '../../shared/rpc';
import { errorFields, type Logger } from '../core/logging/logger';

/** The only two channels; the preload is the only code that names them. */
export const RPC_CHANNEL = 'rpc';
export const EVENT_CHANNEL = 'event';

/**
 * Answers `rpc` calls from our own page only: a frame that navigated elsewhere (or an injected iframe) must not
 * reach the database.
 */
export function registerRpcHandler(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean): () => void {
  ipcMain.handle(RPC_CHANNEL, async (event, request: unknown): Promise<RpcResponse> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page is not allowed to call Backbench.' } };
    }
    return dispatch(request);
  });
  return () => ipcMain.removeHandler(RPC_CHANNEL);
}

/**
 * The services' event sink: every core event goes to every open window. IPC delivers in order and does not drop
 * while the window lives (a reloaded window re-reads its state), so no replay is needed here; an event that
 * cannot be cloned is a core bug, logged rather than lost without a trace.
 */
export function createEventForwarder(logger: Pick<Logger, 'error'>): EmitFn {
  return (topic, payload) => {
    const message: EventMessage = { topic, payload };
    for (const window of BrowserWindow.getAllWindows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      try {
        window.webContents.send(EVENT_CHANNEL, message);
      } catch (error) {
        logger.error({ topic, ...errorFields(error) }, 'An event could not be sent to the window');
      }
    }
  };
}
