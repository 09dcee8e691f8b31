import { downloadExportFile, downloadsFromHost } from '../../rpc/client';
import type { ExportState } from './result-types';

/**
 * The name of an export's file in the browser host's exports folder, or null where there is nothing to download
 * (the desktop app, which wrote the file where the user chose).
 */
export function exportFileName(path: string | null): string | null {
  if (!downloadsFromHost || path === null) return null;
  const parts = path.split(/[\\/]/);
  const name = parts.pop();
  return name && parts.pop() === 'exports' ? name : null;
}

/** Downloads a finished export from the browser host (a one-time link; the file never passes through the page). */
export async function downloadExport(state: ExportState): Promise<void> {
  const name = exportFileName(state.path);
  if (name !== null) await downloadExportFile(name);
}
