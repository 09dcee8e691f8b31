import { BrowserWindow, dialog } from 'electron';
import type { DialogPort } from '../core/services-deps';

/** Native open/save dialogs for app.pickPath, attached to the focused window. */
export function createDialogPort(): DialogPort {
  return {
    async pickPath({ mode, title, defaultPath, filters }) {
      const parent = BrowserWindow.getFocusedWindow();
      if (mode === 'open') {
        const options: Electron.OpenDialogOptions = { title, defaultPath, filters, properties: ['openFile'] };
        const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      }
      const options: Electron.SaveDialogOptions = { title, defaultPath, filters };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
