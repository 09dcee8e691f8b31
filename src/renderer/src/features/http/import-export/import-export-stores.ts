/**
 * The app's import/export store over the real client, linked to the http, mocks, tabs and notifications stores by
 * functions (the store itself knows none of them).
 */
import { useStore } from 'zustand';
import { client, downloadsFromHost, uploadImportFile, uploadsToHost } from '../../../rpc/client';
import { stores } from '../../../stores/app-stores';
import { copyText } from '../../results/clipboard';
import { openMockTab } from '../../mocks/mocks-panel';
import { openHttpTab } from '../open-http-tab';
import { createImportExportStore, type ImportExportState } from './import-export.store';

/** Hands `text` to the browser as a file download (kept as text: never parsed or rendered here). */
function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // the click has started the download; the object URL can go once the event loop moves on
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

const notifications = () => stores.notifications.getState();

export const importExportStore = createImportExportStore({
  client,
  notifier: {
    notify: (toast) => notifications().notify(toast),
    notifyError: (title, error, key) => notifications().notifyError(title, error, key),
  },
  ...(uploadsToHost ? { upload: uploadImportFile } : {}),
  nativeSave: !downloadsFromHost,
  download: downloadText,
  copy: copyText,
  collectionsChanged: () => stores.http.getState().loadCollections(),
  openRequest: (request) => void openHttpTab(request),
  tabRequest: (tabId) => {
    const draft = stores.http.getState().byTab[tabId]?.draft;
    const tab = stores.tabs.getState().tabs.find((t) => t.id === tabId);
    return draft ? { draft, path: tab?.kind === 'http' ? (tab.path ?? null) : null } : undefined;
  },
  environment: () => stores.httpEnvironments.getState().selected,
  editDraft: (tabId, edit) => stores.http.getState().editDraft(tabId, edit),
  mocks: {
    create: (name) => stores.mocks.getState().createMock(name),
    addRoute: async (path, route) => {
      await stores.mocks.getState().openDoc(path);
      const doc = stores.mocks.getState().docs[path];
      if (!doc?.draft || doc.yaml !== null) {
        notifications().notify({
          kind: 'error',
          title: 'Could not add the route',
          message: 'Switch the mock tab back to the form (its YAML must parse) and try again.',
        });
        return false;
      }
      stores.mocks.getState().editDraft(path, (definition) => ({
        ...definition,
        routes: [...definition.routes, route],
      }));
      return stores.mocks.getState().saveDoc(path);
    },
    open: (summary) => openMockTab(summary),
  },
});

export const useImportExport = <T>(selector: (s: ImportExportState) => T): T => useStore(importExportStore, selector);
