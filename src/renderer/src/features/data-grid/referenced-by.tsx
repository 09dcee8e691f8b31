import { IconClose } from '../../components/icons';

export interface Referrer {
  schema: string | null;
  table: string;
  columns: string[];
  count: number;
}

/** The tables whose rows reference the selected row, with how many; a click opens those rows. */
export function ReferencedBy({
  referrers,
  onOpen,
  onClose,
}: {
  referrers: Referrer[];
  onOpen(referrer: Referrer): void;
  onClose(): void;
}) {
  return (
    <div className="referenced-by" data-testid="referenced-by">
      <span className="referenced-by-title">Referenced by</span>
      {referrers.length === 0 ? (
        <span className="muted">No table references this row.</span>
      ) : (
        referrers.map((r) => (
          <button
            key={`${r.schema ?? ''}.${r.table}.${r.columns.join(',')}`}
            type="button"
            className="button button-small"
            disabled={r.count === 0}
            title={`${r.table}.${r.columns.join(', ')}`}
            onClick={() => onOpen(r)}
          >
            {r.table} <span className="muted">({r.columns.join(', ')})</span> · {r.count.toLocaleString('en-US')}
          </button>
        ))
      )}
      <button type="button" className="icon-button" aria-label="Close referenced by" onClick={onClose}>
        <IconClose size={12} />
      </button>
    </div>
  );
}
