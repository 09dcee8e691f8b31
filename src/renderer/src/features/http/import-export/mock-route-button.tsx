import { useEffect, useMemo, useState } from 'react';
import type { MockSummary } from '../../../../../shared/contract/mock.contract';
import { ModalDialog } from '../../../components/modal-dialog';
import { Spinner } from '../../../components/spinner';
import { useHttp } from '../../../stores/app-stores';
import { importExportStore } from './import-export-stores';
import { jsonBodyOf } from './mock-route-from-response';
import './import-export.css';

const NEW_MOCK = '__new__';

/** The route's path as the request reached it, for the dialog (the store takes a mock's prefix off). */
function requestPath(url: string): string {
  try {
    return decodeURI(new URL(url).pathname);
  } catch {
    return url;
  }
}

/** Picks the mock (or names a new one) the response becomes a route of. */
function MockRouteDialog({ tabId, onClose }: { tabId: string; onClose(): void }) {
  const response = useHttp((s) => s.byTab[tabId]?.response);
  const method = useHttp((s) => s.byTab[tabId]?.draft.method ?? 'GET');
  const [mocks, setMocks] = useState<MockSummary[] | null>(null);
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void importExportStore
      .getState()
      .listMocks()
      .then((list) => {
        if (!live) return;
        setMocks(list);
        setChoice(list[0]?.path ?? NEW_MOCK);
      });
    return () => {
      live = false;
    };
  }, []);
  if (!response) return null;
  const creating = choice === NEW_MOCK;
  const url = response.redirects[0]?.url ?? response.url;
  return (
    <ModalDialog
      title="Create mock route"
      onClose={onClose}
      data-testid="http-mock-route-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="http-mock-route-create"
            disabled={busy || mocks === null || (creating && name.trim() === '')}
            onClick={async () => {
              setBusy(true);
              const made = await importExportStore.getState().createMockRoute({
                method,
                response,
                mockPath: creating ? null : choice,
                newMockName: name,
              });
              setBusy(false);
              if (made) onClose();
            }}
          >
            {busy && <Spinner label="Adding the route" />} Add route
          </button>
        </>
      }
    >
      <div className="http-mock-route">
        <p className="http-mock-route-preview" data-testid="http-mock-route-preview">
          {method.toUpperCase()} {requestPath(url)} → {response.status}, the JSON body
        </p>
        {mocks === null ? (
          <Spinner label="Reading the mocks" />
        ) : (
          <label>
            Mock
            <select
              className="select"
              data-testid="http-mock-route-mock"
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
            >
              {mocks.map((mock) => (
                <option key={mock.path} value={mock.path}>
                  {mock.name} (mocks/{mock.path})
                </option>
              ))}
              <option value={NEW_MOCK}>New mock…</option>
            </select>
          </label>
        )}
        {creating && (
          <label>
            Name of the new mock
            <input
              className="input"
              data-testid="http-mock-route-name"
              value={name}
              placeholder="Users API"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        )}
      </div>
    </ModalDialog>
  );
}

/** "Create mock route" on a response with a JSON body: a route of a chosen mock answers the same. */
export function MockRouteButton({ tabId }: { tabId: string }) {
  const response = useHttp((s) => s.byTab[tabId]?.response);
  const [open, setOpen] = useState(false);
  const isJson = useMemo(() => response != null && jsonBodyOf(response) !== null, [response]);
  if (!isJson) return null;
  return (
    <>
      <button
        type="button"
        className="button button-small"
        data-testid="http-mock-route"
        title="Make a mock route that answers with this status and JSON body"
        onClick={() => setOpen(true)}
      >
        Create mock route
      </button>
      {open && <MockRouteDialog tabId={tabId} onClose={() => setOpen(false)} />}
    </>
  );
}
