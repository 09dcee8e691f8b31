import { BrowserWindow, dialog } from 'electron';
import type { DialogPort } from '../core/services-deps';

/**
 * Native open/save dialogs (app.pickPath, query.export with saveAs), attached to the focused window. A save dialog
 * always asks before replacing an existing file (macOS and Windows do by themselves; Linux needs the flag).
 */
export function createDialogPort(): DialogPort {
  return {
    async pickPath({ mode, title, defaultPath, filters }) {
      const parent = BrowserWindow.getFocusedWindow();
      if (mode === 'open') {
        const options: Electron.OpenDialogOptions = { title, defaultPath, filters, properties: ['openFile'] };
        const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      }
      const options: Electron.SaveDialogOptions = {
        title,
        defaultPath,
        filters,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
