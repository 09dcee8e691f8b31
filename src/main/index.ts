/**
 * The Electron host: one sandboxed window over the core services. All domain logic lives in core; this file
 * only wires the window, the IPC bridge, native dialogs and the keychain to it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { createFileLogger } from './core/logging/logger';
import { createServices, resolveDataDir } from './core/services';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './electron/app-protocol';
import { devServerUrl, devToolsAllowed } from './electron/dev-mode';
import { createDialogPort } from './electron/dialog-port';
import { createEventForwarder, registerRpcHandler } from './electron/ipc-bridge';
import { createMainWindow } from './electron/main-window';
import { createDesktopSecretStore } from './electron/safe-storage-secret-store';
import { sameOriginAs } from './electron/trusted-origin';
import { denyPermissions, hardenWebContents } from './electron/window-security';

// built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const preloadPath = join(outDir, 'preload', 'index.cjs');
const rendererDir = join(outDir, 'renderer');
// `npm run dev` (electron-vite dev, BACKBENCH_DEV=1) serves the renderer with hot reload and allows DevTools;
// `npm start` and a packaged app never do (see dev-mode.ts)
const devContext = { isPackaged: app.isPackaged, env: process.env };
const startUrl = devServerUrl(devContext) ?? `${APP_ORIGIN}/index.html`;
const devTools = devToolsAllowed(devContext);
// scheme + host, not URL.origin (which is "null" for app:// and for every data:/about: page alike)
const isTrustedUrl = sameOriginAs(startUrl);

// one data folder for every host (so the CLI sees the app's connections); Chromium's own profile (caches,
// local storage) goes into a subfolder of it rather than a second per-user folder. Must be set before 'ready'.
const dataDir = resolveDataDir();
app.setPath('userData', join(dataDir, 'desktop-profile'));

registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

type Services = Awaited<ReturnType<typeof createServices>>;
let services: Services | undefined;
let disposed = false;

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  serveRenderer(rendererDir);
  // one log for the core and this host (an event that cannot be sent to the window is a bug worth a trace)
  const logger = await createFileLogger({ dataDir });
  services = await createServices({
    host: 'electron',
    dataDir,
    secretStore: createDesktopSecretStore(dataDir),
    dialogs: createDialogPort(),
    // an OAuth 2.0 sign-in page, in the system browser (the core gives only http(s) URLs it built)
    openUrl: (url) => (/^https?:\/\//i.test(url) ? shell.openExternal(url) : Promise.resolve()),
    emit: createEventForwarder(logger.child({ module: 'ipc' })),
    logger,
  });
  registerRpcHandler(services.dispatch, isTrustedUrl);
  createMainWindow({ preloadPath, startUrl, devTools });
}

if (!app.requestSingleInstanceLock()) {
  // a second launch would open the same app database; hand over to the running instance instead
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app
    .whenReady()
    .then(start, (error: unknown) => fail(error))
    .catch((error: unknown) => fail(error));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (disposed || !services) return;
    // dispose (close connections, flush the app database) before the process goes away
    event.preventDefault();
    disposed = true;
    void services.dispose().finally(() => app.quit());
  });
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Backbench could not start', message);
  app.exit(1);
}
