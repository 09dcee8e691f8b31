/** Copy and Save of an inline response body (the bytes as received; nothing parsed or rendered). */
import { stores } from '../../../stores/app-stores';
import { copyText } from '../../results/clipboard';
import { base64Bytes } from './hex-dump';

export interface InlineBody {
  encoding: 'utf8' | 'base64';
  data: string;
}

/** Copies a text body, or a binary body as its base64. */
export async function copyBody(body: InlineBody): Promise<void> {
  const notifications = stores.notifications.getState();
  try {
    await copyText(body.data);
    notifications.notify({
      kind: 'success',
      title: 'Copied',
      message: body.encoding === 'base64' ? 'The binary body as base64' : 'The response body',
    });
  } catch (error) {
    notifications.notifyError('Could not copy the body', error);
  }
}

/**
 * Hands the body to the host as a file download: the browser host downloads it, the desktop app asks where to
 * save it in its save dialog (Electron's default for a download), as the mock's OpenAPI export does.
 */
export function saveBody(body: InlineBody, mediaType: string, fileName: string): void {
  const bytes = body.encoding === 'base64' ? base64Bytes(body.data) : new TextEncoder().encode(body.data);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mediaType || 'application/octet-stream' }));
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
