/** The app's folder settings store over the real client (see stores/http-folder-settings.store.ts). */
import { useStore } from 'zustand';
import { client } from '../../../rpc/client';
import { stores } from '../../../stores/app-stores';
import {
  createHttpFolderSettingsStore,
  type HttpFolderSettingsState,
} from '../../../stores/http-folder-settings.store';

const notifications = () => stores.notifications.getState();

export const folderSettingsStore = createHttpFolderSettingsStore({
  client,
  notifier: {
    notify: (toast) => notifications().notify(toast),
    notifyError: (title, error, key) => notifications().notifyError(title, error, key),
  },
});

export const useFolderSettings = <T>(selector: (s: HttpFolderSettingsState) => T): T =>
  useStore(folderSettingsStore, selector);
