/**
 * Development mode of the desktop app: the renderer from the `electron-vite dev` server (hot reload) and
 * DevTools. Both would hand the page's full IPC bridge to whatever ELECTRON_RENDERER_URL points at, or to anyone
 * at the keyboard, so they need an unpackaged app AND an explicit BACKBENCH_DEV=1 (set by `npm run dev`, never by
 * `npm start`). Pure functions, so the rule is tested without Electron.
 */

export interface DevContext {
  /** app.isPackaged */
  isPackaged: boolean;
  env: Record<string, string | undefined>;
}

/** True only for an unpackaged app started with BACKBENCH_DEV=1. */
export function isDevMode({ isPackaged, env }: DevContext): boolean {
  return !isPackaged && env.BACKBENCH_DEV === '1';
}

/**
 * The dev server URL to load instead of the built renderer, or null: only in dev mode, and only an http URL on
 * this machine (electron-vite serves on localhost), so a stray variable cannot point the window at a remote page.
 */
export function devServerUrl(context: DevContext): string | null {
  if (!isDevMode(context)) return null;
  const raw = context.env.ELECTRON_RENDERER_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return url.protocol === 'http:' && local && url.username === '' && url.password === '' ? url.toString() : null;
}

/** DevTools can be opened only in dev mode. */
export function devToolsAllowed(context: DevContext): boolean {
  return isDevMode(context);
}
