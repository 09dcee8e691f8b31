import { ConfirmDialog } from '../components/confirm-dialog';
import { EmptyState } from '../components/empty-state';
import { stores, useTabs } from '../stores/app-stores';
import { appRegistry } from './app-registry';
import { comboText } from './key-combos';
import { TabStrip } from './tab-strip';

/** Asks before closing a tab whose work is not saved anywhere (the tabs store decides when). */
function CloseTabConfirm() {
  const tab = useTabs((s) => (s.closeTabPromptId ? s.tabs.find((t) => t.id === s.closeTabPromptId) : undefined));
  if (!tab) return null;
  const kind = appRegistry.tabKind(tab.kind);
  return (
    <ConfirmDialog
      title="Close tab with unsaved work?"
      confirmLabel="Close without saving"
      danger
      onConfirm={() => stores.tabs.getState().closeTab(tab.id)}
      onCancel={() => stores.tabs.getState().cancelCloseTab()}
    >
      {kind.closeWarning(tab)}
    </ConfirmDialog>
  );
}

/** One open tab's body, drawn by the view its kind registered. */
function TabBody({ id, active }: { id: string; active: boolean }) {
  const kind = useTabs((s) => s.tabs.find((t) => t.id === id)?.kind);
  if (!kind) return null;
  const View = appRegistry.tabKind(kind).component;
  return <View tabId={id} active={active} />;
}

/** The main area: the tab strip and the open tabs (each kept mounted, the active one shown). */
export function Workspace() {
  const tabIds = useTabs((s) => s.tabs.map((t) => t.id).join('\n'));
  const activeTabId = useTabs((s) => s.activeTabId);
  const ids = tabIds.split('\n').filter(Boolean);
  return (
    <div className="query-workspace">
      <TabStrip />
      {ids.length > 0 ? (
        ids.map((id) => <TabBody key={id} id={id} active={id === activeTabId} />)
      ) : (
        <EmptyState
          title="No tab open"
          hint={`Open a new SQL tab (${comboText('Alt+T')}) to query the selected connection.`}
          action={
            <button type="button" className="button button-primary" onClick={() => appRegistry.runCommand('tabs.new')}>
              New query tab
            </button>
          }
        />
      )}
      <CloseTabConfirm />
    </div>
  );
}
