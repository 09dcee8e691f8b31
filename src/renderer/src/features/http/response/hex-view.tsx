import { useMemo, useState } from 'react';
import { formatBytes } from '../../../stores/http-format';
import { hexRows } from './hex-dump';

/** How many bytes the hex view adds per step (1,024 rows). */
const HEX_STEP = 16 * 1024;

/** offset | hex | ASCII rows of the body, the first 16 KB and more on request. */
export function HexView({ bytes, note }: { bytes: Uint8Array; note: string }) {
  const [shown, setShown] = useState(HEX_STEP);
  const rows = useMemo(() => hexRows(bytes, 0, shown), [bytes, shown]);
  const rest = bytes.length - Math.min(shown, bytes.length);
  return (
    <div className="http-hex-view">
      <p className="http-hint" data-testid="http-body-binary">
        {note} {rest > 0 ? `The first ${formatBytes(shown)} are shown.` : ''}
      </p>
      <div className="http-hex" role="table" aria-label="Body bytes" data-testid="http-response-hex">
        {rows.map((row) => (
          <div key={row.offset} className="http-hex-row" role="row" data-testid="http-hex-row">
            <span className="http-hex-offset" role="cell">
              {row.offset}
            </span>
            <span className="http-hex-bytes" role="cell">
              {row.hex}
            </span>
            <span className="http-hex-ascii" role="cell">
              {row.ascii}
            </span>
          </div>
        ))}
      </div>
      {rest > 0 && (
        <button
          type="button"
          className="button button-small http-hex-more"
          data-testid="http-hex-more"
          onClick={() => setShown((n) => n + HEX_STEP)}
        >
          Show {formatBytes(Math.min(rest, HEX_STEP))} more ({formatBytes(rest)} left)
        </button>
      )}
    </div>
  );
}
