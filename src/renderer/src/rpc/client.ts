import { createClient, type Client, type Transport } from '../../../shared/client';
import { createHttpTransport, downloadFromHost, uploadToHost, type UploadedFile } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import { onSignedOut, signIn, type SignInOutcome } from './web-session';

export type { SignInOutcome };
export { onSignedOut };

const reconnectListeners = new Set<() => void>();
const disconnectListeners = new Set<() => void>();
const resyncListeners = new Set<() => void>();

// Electron's preload exposes `window.backbench`; anywhere else we are served by the browser host
const isDesktop = typeof window !== 'undefined' && window.backbench !== undefined;

function pickTransport(): Transport {
  if (isDesktop) return createIpcTransport(window.backbench!);
  return createHttpTransport({
    onReconnected: () => reconnectListeners.forEach((listener) => listener()),
    onDisconnected: () => disconnectListeners.forEach((listener) => listener()),
    onResync: () => resyncListeners.forEach((listener) => listener()),
  });
}

/** The one typed client of the renderer. Only store slices call it. */
export const client: Client = createClient(pickTransport());

/** Before the first call: signs a browser tab in to `backbench web` (the desktop app needs nothing). */
export function prepareAccess(): Promise<SignInOutcome> {
  return isDesktop ? Promise.resolve({ signedIn: true }) : signIn();
}

/** True where export files are downloaded from the host (browser host); the desktop app saves them itself. */
export const downloadsFromHost = !isDesktop;

/** Downloads a file of the browser host's exports folder (by its name) through a one-time link. */
export function downloadExportFile(name: string): Promise<void> {
  return downloadFromHost(name);
}

/** True where files to import are uploaded to the host (browser host); the desktop app asks in its open dialog. */
export const uploadsToHost = !isDesktop;

/** Uploads a file picked in the page to the browser host for `transfer.preview` / `transfer.import`. */
export function uploadImportFile(file: File): Promise<UploadedFile> {
  return uploadToHost(file, file.name);
}

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

/**
 * Runs `listener` when events were missed and cannot be replayed (the host restarted, or the tab was away too
 * long): whatever a store keeps fresh from events must be re-read from the host.
 */
export function onTransportResync(listener: () => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}
