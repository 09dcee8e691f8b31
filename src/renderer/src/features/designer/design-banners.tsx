import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { stores } from '../../stores/app-stores';
import type { DesignDoc } from '../../stores/designer.store';
import { overlayMarks } from './design-graph';

/** The design's file changed on disk while the tab held edits not yet written: reload it, or keep the edits. */
export function DesignChangedOnDisk({ path }: { path: string }) {
  const [confirming, setConfirming] = useState(false);
  const resolve = (choice: 'reload' | 'keep') => void stores.designer.getState().resolveChangedOnDisk(path, choice);
  return (
    <div className="design-banner design-banner-warning" role="status" data-testid="design-changed-on-disk">
      <span>
        This design’s file changed on disk (outside the app) while the tab held unsaved edits. Keeping them writes the
        file over.
      </span>
      <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
        Reload from disk
      </button>
      <button type="button" className="button button-small" onClick={() => resolve('keep')}>
        Keep mine
      </button>
      {confirming && (
        <ConfirmDialog
          title="Reload the design from disk?"
          confirmLabel="Reload and drop my edits"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            resolve('reload');
          }}
        >
          The edits not yet saved in this tab are lost; the tab shows the file as it is now.
        </ConfirmDialog>
      )}
    </div>
  );
}

/** What the last comparison with a database found, coloured on the canvas; dropped tables are named here. */
export function DesignOverlayBanner({ path, doc }: { path: string; doc: DesignDoc }) {
  if (!doc.overlay) return null;
  const { tables, dropped } = overlayMarks(doc.overlay);
  const added = [...tables.values()].filter((m) => m === 'added').length;
  const altered = [...tables.values()].filter((m) => m === 'altered').length;
  return (
    <div className="design-banner" role="status" data-testid="design-overlay">
      <span>
        {doc.overlay.length === 0
          ? 'The database matches the design.'
          : `Compared with the database: ${added} to add, ${altered} to alter, ${dropped.length} to drop${
              dropped.length > 0 ? ` (${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? '…' : ''})` : ''
            }.`}
      </span>
      <span className="design-legend design-legend-added">added</span>
      <span className="design-legend design-legend-altered">altered</span>
      <button
        type="button"
        className="button button-small"
        onClick={() => stores.designer.getState().setOverlay(path, null)}
      >
        Clear
      </button>
    </div>
  );
}

/** The last save failed: say why, and offer to try again. */
export function DesignSaveError({ path, message }: { path: string; message: string }) {
  return (
    <div className="design-banner design-banner-error" role="alert" data-testid="design-save-error">
      <span>Could not save the design: {message}</span>
      <button type="button" className="button button-small" onClick={() => void stores.designer.getState().flush(path)}>
        Try again
      </button>
    </div>
  );
}
