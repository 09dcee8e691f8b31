import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, _electron, expect, type Page } from '@playwright/test';
import { AppPage } from './pages/app.page';
import { QueryEditorPage } from './pages/query-editor.page';
import { E2E_TOKEN } from './support/env';
import { resetEditorTabs } from './support/host-rpc';

export { E2E_TOKEN };

/** The Electron binary, when one is installed (never on the build machines: no GitHub access there). */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const path = require('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const ELECTRON_SQLITE_BINDING = resolve('.electron-native/better-sqlite3/build/Release/better_sqlite3.node');

let electronSkipAnnounced = false;

/**
 * `app` is the running Backbench window: the browser host in the chromium project, the desktop app (fresh
 * user data) in the electron project.
 */
export const test = base.extend<{ app: Page; shell: AppPage; editor: QueryEditorPage }>({
  app: async ({ page }, use, testInfo) => {
    if (testInfo.project.name !== 'electron') {
      // no value from a database may ever run as script: any alert/confirm/prompt fails the test
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      // the host keeps the editor tabs of the last page (test) that ran: start each test from one starter tab on
      // the sample database, so no spec depends on what an earlier one left open
      await resetEditorTabs();
      // the real sign-in: the page trades the start link's token for its session and drops it from the address
      await page.goto(`/#token=${E2E_TOKEN}`);
      await expect(page).toHaveURL(/\/$/);
      await use(page);
      expect(dialogs, 'unexpected browser dialogs').toEqual([]);
      return;
    }
    const executablePath = electronBinary();
    if (executablePath && !existsSync(ELECTRON_SQLITE_BINDING)) {
      testInfo.skip(true, 'Electron is installed but SQLite is not built for it yet: run `npm start` once.');
      return;
    }
    if (!executablePath) {
      if (!electronSkipAnnounced) {
        electronSkipAnnounced = true;
        console.log(
          '[electron] skipped: no Electron binary is installed here (run `npm start` with internet to fetch it).',
        );
      }
      testInfo.skip(true, 'No Electron binary installed; the electron project runs where one exists.');
      return;
    }
    const userData = mkdtempSync(join(tmpdir(), 'backbench-electron-'));
    const electronApp = await _electron.launch({
      executablePath,
      args: [resolve('out/main/index.js')],
      // the desktop app loads SQLite built for Electron's ABI (made by `npm start`, see scripts/electron-native.mjs)
      env: { ...process.env, BACKBENCH_DATA_DIR: userData, BACKBENCH_SQLITE_BINDING: ELECTRON_SQLITE_BINDING },
    });
    const window = await electronApp.firstWindow();
    await use(window);
    await electronApp.close();
  },
  shell: async ({ app }, use) => {
    await use(new AppPage(app));
  },
  editor: async ({ app }, use) => {
    await use(new QueryEditorPage(app));
  },
});

export { expect } from '@playwright/test';
