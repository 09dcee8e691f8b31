import { useEffect } from 'react';
import { stores, useHttp, useTabs } from '../../stores/app-stores';
import type { HttpTabState } from '../../stores/tab-types';
import { PromptDialog } from '../query-editor/prompt-dialog';
import { parseSaveTarget } from '../../stores/http-draft';
import { ChangedOnDiskBanner } from './changed-on-disk-banner';
import { HttpRequestEditor } from './http-request-editor';
import { HttpResponseView } from './http-response-view';
import './http.css';

/** An HTTP request tab: the request above, its last response below. */
export function HttpTabView({ tabId, active }: { tabId: string; active: boolean }) {
  const draft = useHttp((s) => s.byTab[tabId]?.draft);
  // a tab restored from the last session (or opened from a file) starts from its stored draft or its file
  useEffect(() => {
    const tab = stores.tabs.getState().tabs.find((t): t is HttpTabState => t.id === tabId && t.kind === 'http');
    if (tab) stores.http.getState().restoreSession(tabId, tab);
    else stores.http.getState().ensureSession(tabId);
  }, [tabId]);
  if (!draft) return null;
  return (
    <div className="tab-view http-tab" hidden={!active} data-testid="http-tab">
      <ChangedOnDiskBanner tabId={tabId} />
      <HttpRequestEditor tabId={tabId} draft={draft} />
      <HttpResponseView tabId={tabId} />
      <SavePrompt tabId={tabId} />
    </div>
  );
}

/** The first save of a request: where it goes, as `collection/folder/name`. */
function SavePrompt({ tabId }: { tabId: string }) {
  const open = useHttp((s) => s.savePromptTabId === tabId);
  const name = useHttp((s) => s.byTab[tabId]?.draft.name ?? 'New request');
  const firstCollection = useHttp((s) => s.collections?.[0]?.name ?? 'My collection');
  const title = useTabs((s) => s.tabs.find((t) => t.id === tabId)?.title);
  if (!open) return null;
  return (
    <PromptDialog
      title="Save request"
      label="Collection / folders / name"
      initialValue={`${firstCollection}/${name === 'New request' && title ? title : name}`}
      confirmLabel="Save"
      hint="A missing collection or folder is created. Example: Shop API/users/Get user"
      validate={(value) => (parseSaveTarget(value) ? null : 'Give a collection and a name: collection/name')}
      onConfirm={(value) => void stores.http.getState().saveAs(tabId, value)}
      onCancel={() => stores.http.getState().closeSavePrompt()}
    />
  );
}
