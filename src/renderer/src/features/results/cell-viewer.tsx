import { useEffect, useState } from 'react';
import { isPartialCell, type CellContent, type ResultColumn } from '../../../../shared/domain';
import { IconClose, IconCopy } from '../../components/icons';
import { cellKind, formatBytes, hexDump, isBlobCell, isTextCell, plainText, prettyJson } from './cell-format';
import './cell-viewer.css';

/** Most of a long text the viewer reads and shows (UTF-16 code units); export the result for the rest. */
export const VIEWER_TEXT_LIMIT = 4 * 1024 * 1024;
/** Most of a BLOB the viewer reads (bytes). */
export const VIEWER_BLOB_LIMIT = 1024 * 1024;

export interface CellViewerProps {
  column: ResultColumn | undefined;
  /** The selected cell's value; `loading` when its page is not here yet. */
  value: unknown;
  loading: boolean;
  rowNumber: number | null;
  /** Reads the selected cell whole (or a window of it): used when the page carries only part of it. */
  loadWhole?: (offset: number, length: number) => Promise<CellContent>;
  onCopy(text: string): void;
  onClose(): void;
}

type Whole = { for: unknown; content: CellContent } | { for: unknown; error: string };

/**
 * The side viewer: the selected cell in full — pretty JSON, a BLOB's hex/base64, or plain text. A long text or
 * BLOB that a page carries only in part is read whole (up to the viewer's limit) through `loadWhole`.
 */
export function CellViewer({ column, value, loading, rowNumber, loadWhole, onCopy, onClose }: CellViewerProps) {
  const [blobMode, setBlobMode] = useState<'hex' | 'base64'>('hex');
  const [whole, setWhole] = useState<Whole | null>(null);
  const partial = isPartialCell(value);
  useEffect(() => {
    if (!partial || !loadWhole) return;
    let current = true;
    loadWhole(0, isBlobCell(value) ? VIEWER_BLOB_LIMIT : VIEWER_TEXT_LIMIT).then(
      (content) => current && setWhole({ for: value, content }),
      (error: unknown) =>
        current && setWhole({ for: value, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [value, partial, loadWhole]);
  const read = whole?.for === value ? whole : null;
  const shown = read && 'content' in read ? read.content.value : value;
  const kind = cellKind(shown);
  const json = kind === 'text' || kind === 'json' ? prettyJson(shown) : null;
  let body: string;
  let label: string;
  if (rowNumber === null || !column) {
    body = '';
    label = 'Select a cell to see its full value.';
  } else if (loading) {
    body = '';
    label = 'Loading…';
  } else if (kind === 'null') {
    body = '';
    label = 'NULL';
  } else if (isBlobCell(shown)) {
    body = blobMode === 'hex' ? hexDump(shown.$blob) : shown.$blob;
    const inHex = blobMode === 'hex' && shown.size > 1024 ? ' · hex of the first 1 kB' : '';
    label = `BLOB · ${formatBytes(shown.size)}${partNotice(value, read, shown.truncated)}${inHex}`;
  } else if (json !== null) {
    body = json;
    label = `JSON${partNotice(value, read, false)}`;
  } else {
    body = plainText(shown);
    const size = isTextCell(value) ? value.size : body.length;
    const cut = read && 'content' in read ? !read.content.whole : isTextCell(shown);
    label =
      kind === 'empty'
        ? 'Empty string'
        : `${size.toLocaleString()} characters${partNotice(value, read, cut, body.length)}`;
  }
  return (
    <aside className="cell-viewer" data-testid="cell-viewer" aria-label="Cell value">
      <header className="cell-viewer-header">
        <div className="cell-viewer-title">
          <span className="cell-viewer-name">{column ? column.name : 'Value'}</span>
          {column?.dataType && <span className="cell-viewer-type">{column.dataType.toLowerCase()}</span>}
          {rowNumber !== null && <span className="cell-viewer-row">row {rowNumber.toLocaleString()}</span>}
        </div>
        <button
          type="button"
          className="icon-button"
          title="Copy value"
          aria-label="Copy value"
          disabled={!body}
          onClick={() => onCopy(body)}
        >
          <IconCopy />
        </button>
        <button type="button" className="icon-button" title="Close viewer" aria-label="Close viewer" onClick={onClose}>
          <IconClose />
        </button>
      </header>
      <div className="cell-viewer-meta">
        <span
          className={kind === 'null' && rowNumber !== null ? 'cell-null' : undefined}
          data-testid="cell-viewer-label"
        >
          {label}
        </span>
        {isBlobCell(shown) && (
          <span className="cell-viewer-modes">
            <button
              type="button"
              className={`chip${blobMode === 'hex' ? ' is-active' : ''}`}
              onClick={() => setBlobMode('hex')}
            >
              Hex
            </button>
            <button
              type="button"
              className={`chip${blobMode === 'base64' ? ' is-active' : ''}`}
              onClick={() => setBlobMode('base64')}
            >
              Base64
            </button>
          </span>
        )}
      </div>
      {read && 'error' in read && <div className="cell-viewer-error">Could not read the whole value: {read.error}</div>}
      <pre className={`cell-viewer-body${isBlobCell(shown) && blobMode === 'hex' ? ' is-hex' : ''}`}>{body}</pre>
    </aside>
  );
}

/** What part of the value is shown, for a value the page carried only in part. */
function partNotice(value: unknown, read: Whole | null, cut: boolean, shownChars?: number): string {
  if (!isPartialCell(value)) return '';
  if (!read) return ' · loading the whole value…';
  if ('error' in read) return ' · only the start shown';
  if (!cut) return '';
  const part = shownChars === undefined ? formatBytes(VIEWER_BLOB_LIMIT) : `${shownChars.toLocaleString()} characters`;
  return ` · first ${part} shown — export the result for the whole value`;
}
