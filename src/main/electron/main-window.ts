import { BrowserWindow, nativeTheme } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  startUrl: string;
  /** Only in development (see dev-mode.ts): DevTools give whoever opens them the page's whole IPC bridge. */
  devTools: boolean;
}

/** The one app window: sandboxed renderer, isolated preload, no Node in the page. */
export function createMainWindow({ preloadPath, startUrl, devTools }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Backbench',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools,
    },
  });
  // show once painted, so the window never flashes white
  window.once('ready-to-show', () => window.show());
  void window.loadURL(startUrl);
  return window;
}
