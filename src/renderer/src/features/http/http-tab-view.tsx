import { useEffect } from 'react';
import { stores, useHttp } from '../../stores/app-stores';
import { HttpRequestEditor } from './http-request-editor';
import { HttpResponseView } from './http-response-view';
import './http.css';

/** An HTTP request tab: the request above, its last response below. */
export function HttpTabView({ tabId, active }: { tabId: string; active: boolean }) {
  const draft = useHttp((s) => s.byTab[tabId]?.draft);
  // a tab restored from the last session (or opened without a seed) starts as a blank GET
  useEffect(() => stores.http.getState().ensureSession(tabId), [tabId]);
  if (!draft) return null;
  return (
    <div className="http-tab" hidden={!active} data-testid="http-tab">
      <HttpRequestEditor tabId={tabId} draft={draft} />
      <HttpResponseView tabId={tabId} />
    </div>
  );
}
