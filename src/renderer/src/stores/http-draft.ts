import type { FolderNode } from '../../../shared/contract/http.contract';
import type { HttpRequestFile, KeyValue } from '../../../shared/http-request';
import { withoutBlankRows } from './http-body-edits';

/**
 * The request as sent and saved: header rows, form fields and multipart parts without a name are dropped (a
 * table's last row is the one being typed), the method and URL trimmed.
 */
export function requestToSend(draft: HttpRequestFile): HttpRequestFile {
  const headers = (draft.headers ?? []).filter((h: KeyValue) => h.name.trim() !== '');
  const body = withoutBlankRows(draft.body);
  return { ...draft, method: draft.method.trim() || 'GET', url: draft.url.trim(), headers, body };
}

/**
 * A request with what does not change its meaning left out: what a save drops (requestToSend: blank rows of every
 * table, spaces around the URL), empty lists, no body. What is compared is what a save writes.
 */
function normalized(request: HttpRequestFile): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      out[key] = strip(v);
    }
    return out;
  };
  const sent = requestToSend(request);
  const body = sent.body?.type === 'none' ? undefined : sent.body;
  return strip({ ...sent, body });
}

/** True when two requests would be written as the same file (the dirty marker compares a draft with its file). */
export function sameRequest(a: HttpRequestFile, b: HttpRequestFile): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

/** Where a first save goes, as typed in the save dialog: `collection/folder…/name`. */
export interface SaveTarget {
  collection: string;
  folders: string[];
  name: string;
}

/** Reads `collection/folder/name` (at least a collection and a name); null when it is not one. */
export function parseSaveTarget(text: string): SaveTarget | null {
  const parts = text.split('/').map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '')) return null;
  const collection = parts[0] as string;
  const name = parts[parts.length - 1] as string;
  return { collection, folders: parts.slice(1, -1), name };
}

/** The folder (or collection) among `nodes` with that name or path segment, if any. */
export function findFolder(nodes: readonly (FolderNode | { kind: 'request' })[], name: string): FolderNode | undefined {
  return nodes.find(
    (n): n is FolderNode =>
      n.kind === 'folder' &&
      (n.name.toLowerCase() === name.toLowerCase() || n.path.split('/').pop()?.toLowerCase() === name.toLowerCase()),
  );
}
