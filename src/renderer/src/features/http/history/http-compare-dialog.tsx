import { useMemo } from 'react';
import type { HttpHistoryEntry } from '../../../../../shared/http-history';
import { ModalDialog } from '../../../components/modal-dialog';
import { diffResponses, type DiffRow } from './response-diff';

function Side({ entry }: { entry: HttpHistoryEntry }) {
  return (
    <div className="http-compare-side" title={entry.url}>
      <strong>
        {entry.method} {entry.url}
      </strong>
      <span>{new Date(entry.sentAt).toLocaleString()}</span>
    </div>
  );
}

function Row({ row }: { row: DiffRow }) {
  if (row.kind === 'folded')
    return (
      <tr className="http-diff-folded">
        <td colSpan={2}>
          … {row.lines.toLocaleString('en-US')} unchanged line{row.lines === 1 ? '' : 's'}
        </td>
      </tr>
    );
  if (row.kind === 'same')
    return (
      <tr>
        <td>{row.left}</td>
        <td>{row.right}</td>
      </tr>
    );
  return (
    <tr data-testid="http-diff-changed">
      <td className={row.left === null ? 'http-diff-empty' : 'http-diff-removed'}>{row.left ?? ''}</td>
      <td className={row.right === null ? 'http-diff-empty' : 'http-diff-added'}>{row.right ?? ''}</td>
    </tr>
  );
}

/** Two recorded responses side by side (older left): status, headers and body, changed lines highlighted. */
export function HttpCompareDialog({
  left,
  right,
  onClose,
}: {
  left: HttpHistoryEntry;
  right: HttpHistoryEntry;
  onClose(): void;
}) {
  const diff = useMemo(() => diffResponses(left, right), [left, right]);
  const same = !diff.tooBig && diff.added === 0 && diff.removed === 0;
  return (
    <ModalDialog
      title="Compare responses"
      onClose={onClose}
      width={1100}
      data-testid="http-compare"
      footer={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="http-compare-head">
        <Side entry={left} />
        <Side entry={right} />
      </div>
      <p className="http-compare-summary" data-testid="http-compare-summary">
        {diff.tooBig
          ? 'These responses are too different to compare line by line.'
          : same
            ? 'The two responses are the same.'
            : `${diff.removed} line${diff.removed === 1 ? '' : 's'} removed and ${diff.added} added from left to right.`}
      </p>
      {!diff.tooBig && (
        <div className="http-compare-scroll">
          <table className="http-diff">
            <tbody>
              {diff.rows.map((row, index) => (
                <Row key={index} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ModalDialog>
  );
}
