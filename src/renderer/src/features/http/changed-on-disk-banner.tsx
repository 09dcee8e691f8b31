import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { stores, useHttp } from '../../stores/app-stores';
import './changed-on-disk.css';

/**
 * Shown in a request tab whose file changed on disk while it held unsaved edits: reload the file (dropping the
 * edits, after asking) or keep the edits (the next save overwrites the file).
 */
export function ChangedOnDiskBanner({ tabId }: { tabId: string }) {
  const changed = useHttp((s) => s.byTab[tabId]?.changedOnDisk === true);
  const [confirming, setConfirming] = useState(false);
  if (!changed) return null;
  const resolve = (choice: 'reload' | 'keep') => void stores.http.getState().resolveChangedOnDisk(tabId, choice);
  return (
    <div className="http-disk-banner" role="status" data-testid="http-changed-on-disk">
      <span>
        This request&apos;s file changed on disk (outside the app). The tab still shows your unsaved edits; saving
        overwrites the file.
      </span>
      <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
        Reload from disk
      </button>
      <button type="button" className="button button-small" onClick={() => resolve('keep')}>
        Keep mine
      </button>
      {confirming && (
        <ConfirmDialog
          title="Reload the request from disk?"
          confirmLabel="Reload and drop my edits"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            resolve('reload');
          }}
        >
          Your unsaved edits in this tab are lost; the tab shows the file as it is now.
        </ConfirmDialog>
      )}
    </div>
  );
}
