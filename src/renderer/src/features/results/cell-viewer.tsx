import { useState } from 'react';
import type { ResultColumn } from '../../../../shared/domain';
import { IconClose, IconCopy } from '../../components/icons';
import { cellKind, formatBytes, hexDump, isBlobCell, plainText, prettyJson } from './cell-format';
import './cell-viewer.css';

export interface CellViewerProps {
  column: ResultColumn | undefined;
  /** The selected cell's value; `loading` when its page is not here yet. */
  value: unknown;
  loading: boolean;
  rowNumber: number | null;
  onCopy(text: string): void;
  onClose(): void;
}

/** The side viewer: the selected cell in full — pretty JSON, a BLOB's hex/base64, or plain text. */
export function CellViewer({ column, value, loading, rowNumber, onCopy, onClose }: CellViewerProps) {
  const [blobMode, setBlobMode] = useState<'hex' | 'base64'>('hex');
  const kind = cellKind(value);
  const json = kind === 'text' || kind === 'json' ? prettyJson(value) : null;
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
  } else if (isBlobCell(value)) {
    body = blobMode === 'hex' ? hexDump(value.$blob) : value.$blob;
    label = `BLOB · ${formatBytes(value.size)}${value.truncated ? ' · first 4 kB shown' : ''}`;
  } else if (json !== null) {
    body = json;
    label = 'JSON';
  } else {
    body = plainText(value);
    label = kind === 'empty' ? 'Empty string' : `${body.length.toLocaleString()} characters`;
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
        <span className={kind === 'null' && rowNumber !== null ? 'cell-null' : undefined}>{label}</span>
        {isBlobCell(value) && (
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
      <pre className={`cell-viewer-body${isBlobCell(value) && blobMode === 'hex' ? ' is-hex' : ''}`}>{body}</pre>
    </aside>
  );
}
