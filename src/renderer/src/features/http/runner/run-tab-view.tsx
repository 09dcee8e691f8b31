import { useEffect } from 'react';
import { stores } from '../../../stores/app-stores';
import type { HttpRunTabState } from '../../../stores/tab-types';
import { RunHistoryPicker } from './run-history-picker';
import { RunOptionsForm } from './run-options-form';
import { RunProgress } from './run-progress';
import { RunReportView } from './run-report-view';
import { runnerStore, useHttpRunner } from './use-http-runner';
import '../http.css';
import './runner.css';

/** A collection run tab: the options form, then live progress, then the report (which stays while you work). */
export function RunTabView({ tabId }: { tabId: string; active: boolean }) {
  const session = useHttpRunner((s) => s.byTab[tabId]);
  useEffect(() => {
    const tab = stores.tabs.getState().tabs.find((t): t is HttpRunTabState => t.id === tabId && t.kind === 'httpRun');
    if (tab) runnerStore().ensureSession(tabId, tab.path);
  }, [tabId]);
  if (!session) return null;
  return (
    <div className="run-view" data-testid="run-view">
      <header className="run-title">
        <h1>
          Run <code>{session.path}</code>
        </h1>
        <RunHistoryPicker tabId={tabId} />
      </header>
      {session.status === 'idle' ? (
        <RunOptionsForm tabId={tabId} />
      ) : (
        <>
          {session.error && (
            <p className="field-error" role="alert" data-testid="run-error">
              {session.error.message}
            </p>
          )}
          {session.status === 'failed' && (
            <button type="button" className="button button-small" onClick={() => runnerStore().reset(tabId)}>
              Change options…
            </button>
          )}
          {session.report && <RunReportView tabId={tabId} report={session.report} />}
          <RunProgress tabId={tabId} session={session} />
        </>
      )}
    </div>
  );
}
