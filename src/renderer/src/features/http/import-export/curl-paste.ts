import type { ClipboardEvent } from 'react';
import { importExportStore } from './import-export-stores';

/**
 * The URL bar's paste handler: a pasted cURL command (text starting with `curl `) fills the tab's method, URL,
 * headers, body and auth instead of landing in the box as text. Anything else pastes as usual.
 */
export function pasteCurlInto(tabId: string) {
  return (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (!/^\s*curl\s/.test(text)) return;
    event.preventDefault();
    void importExportStore.getState().pasteCurl(tabId, text);
  };
}
