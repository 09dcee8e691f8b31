import { isMac } from '../../app/shortcuts';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAppStore } from '../../stores/app-store';

const SAVE_KEYS = isMac ? '⌘S' : 'Ctrl+S';

/** Asks before closing a tab whose SQL is not saved anywhere else (the editor slice decides when). */
export function CloseTabConfirm() {
  const tab = useAppStore((s) => (s.closeTabPromptId ? s.tabs.find((t) => t.id === s.closeTabPromptId) : undefined));
  const closeTab = useAppStore((s) => s.closeTab);
  const cancelCloseTab = useAppStore((s) => s.cancelCloseTab);
  if (!tab) return null;
  return (
    <ConfirmDialog
      title="Close tab with unsaved SQL?"
      confirmLabel="Close without saving"
      danger
      onConfirm={() => closeTab(tab.id)}
      onCancel={cancelCloseTab}
    >
      {tab.savedPath ? (
        <>
          <strong>{tab.title}</strong> has changes that are not saved to <code>{tab.savedPath}</code>. Closing the tab
          discards them. Cancel and press {SAVE_KEYS} to keep them.
        </>
      ) : (
        <>
          <strong>{tab.title}</strong> holds SQL that is not saved as a query. Closing the tab discards it. Cancel and
          press {SAVE_KEYS} to save it first.
        </>
      )}
    </ConfirmDialog>
  );
}
