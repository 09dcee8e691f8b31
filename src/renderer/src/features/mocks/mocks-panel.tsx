import { useEffect, useState } from 'react';
import type { MockSummary } from '../../../../shared/contract/mock.contract';
import { EmptyState } from '../../components/empty-state';
import { DeleteFileDialog, FileListPanel } from '../../components/file-list-panel';
import { FormDialog, NameField } from '../../components/form-dialog';
import { IconCopy, IconPlay, IconPlus, IconTrash } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useMocks } from '../../stores/app-stores';
import { IconHttp } from '../http/http-icon';
import { openHttpTab } from '../http/open-http-tab';
import { copyText } from '../results/clipboard';
import { ImportMockButton } from './import-mock-button';
import { IconMock } from './mock-icon';
import './mocks.css';

/** Opens a mock's tab (the open one when there is one). */
export function openMockTab(summary: Pick<MockSummary, 'path' | 'name'>): void {
  stores.tabs.getState().openTab({ kind: 'mock', path: summary.path, connectionId: null, title: summary.name });
}

const STATE_TEXT: Record<MockSummary['state'], string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  failed: 'Failed',
};

/** The status dot; a failed mock says why on hover. */
export function MockStatusDot({ mock }: { mock: MockSummary }) {
  const title = mock.error ? `${STATE_TEXT[mock.state]}: ${mock.error}` : STATE_TEXT[mock.state];
  return (
    <span
      className={`mock-dot mock-dot-${mock.error && mock.state === 'stopped' ? 'failed' : mock.state}`}
      title={title}
      role="img"
      aria-label={title}
      data-testid="mock-status"
      data-state={mock.state}
    />
  );
}

/** Start or Stop, whichever applies. */
export function MockRunButton({ mock, small = true }: { mock: MockSummary; small?: boolean }) {
  const busy = useMocks((s) => s.busyByPath[mock.path] ?? false);
  const running = mock.state === 'running' || mock.state === 'starting';
  return (
    <button
      type="button"
      className={`button ${small ? 'button-small' : ''} ${running ? '' : 'button-primary'}`}
      disabled={busy}
      data-testid={running ? 'mock-stop' : 'mock-start'}
      onClick={(event) => {
        event.stopPropagation();
        void (running ? stores.mocks.getState().stopMock(mock.path) : stores.mocks.getState().startMock(mock.path));
      }}
    >
      {busy ? (
        <Spinner label={running ? 'Stopping' : 'Starting'} />
      ) : running ? (
        <span className="mock-stop-square" />
      ) : (
        <IconPlay />
      )}
      {running ? 'Stop' : 'Start'}
    </button>
  );
}

function MockItem({ mock, onDelete }: { mock: MockSummary; onDelete(): void }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  // the same address, prefix included, whether it runs or not (the running one names the bound host)
  const url = mock.url ?? (mock.port !== null ? `http://127.0.0.1:${mock.port}${mock.prefix}` : null);
  return (
    <li className="mock-item" data-testid="mock-item" data-path={mock.path}>
      <button type="button" className="mock-item-open" onClick={() => openMockTab(mock)} title={`Open ${mock.name}`}>
        <MockStatusDot mock={mock} />
        <span className="mock-item-name" data-testid="mock-name">
          {mock.name}
        </span>
        <span className="mock-item-facts">
          {mock.routeCount} {mock.routeCount === 1 ? 'route' : 'routes'}
          {mock.resourceCount > 0 ? ` · ${mock.resourceCount} ${mock.resourceCount === 1 ? 'table' : 'tables'}` : ''}
        </span>
      </button>
      <div className="mock-item-row">
        {url ? (
          <button
            type="button"
            className={`mock-url ${mock.state === 'running' ? 'mock-url-live' : ''}`}
            title={mock.state === 'running' ? `Copy ${url}` : `Copy ${url} (answers once started)`}
            data-testid="mock-url"
            onClick={() => void copyText(url).then(() => setCopied(true))}
          >
            <span className="mock-url-text">
              <bdi>{url}</bdi>
            </span>
            {copied ? <span className="mock-copied">copied</span> : <IconCopy size={12} />}
          </button>
        ) : (
          <span className="mock-url mock-url-none">no port</span>
        )}
        <MockRunButton mock={mock} />
        {url && mock.state === 'running' && (
          <button
            type="button"
            className="icon-button"
            aria-label={`New request to ${mock.name}`}
            title={`New HTTP request to ${url}`}
            data-testid="mock-new-request"
            onClick={() => openHttpTab({ url: `${url}/` })}
          >
            <IconHttp />
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete ${mock.name}`}
          title="Delete this mock"
          data-testid="mock-delete"
          onClick={onDelete}
        >
          <IconTrash />
        </button>
      </div>
      {mock.error && (
        <div className="mock-item-error" title={mock.error}>
          {mock.error}
        </div>
      )}
    </li>
  );
}

/** Asks for a name and makes the mock file (a free port is chosen), then opens it. */
export function NewMockDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const submit = async () => {
    const summary = await stores.mocks.getState().createMock(name);
    if (summary) {
      onClose();
      openMockTab(summary);
    }
  };
  return (
    <FormDialog
      title="New mock API"
      confirmLabel="Create"
      canSubmit={name.trim() !== ''}
      onSubmit={submit}
      onClose={onClose}
      width={400}
      data-testid="new-mock-dialog"
      confirmTestId="new-mock-create"
    >
      <NameField
        className="mock-field"
        value={name}
        placeholder="Orders API"
        data-testid="new-mock-name"
        onChange={setName}
      />
      <p className="mock-hint">A free port is chosen; change it in the mock’s tab.</p>
    </FormDialog>
  );
}

/** The workspace's mocks: status, URL, start/stop, new and delete. */
export function MocksPanel() {
  const mocks = useMocks((s) => s.mocks);
  const loaded = useMocks((s) => s.loaded);
  const loading = useMocks((s) => s.loading);
  const error = useMocks((s) => s.error);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<MockSummary | null>(null);
  const mocksStore = () => stores.mocks.getState();

  useEffect(() => {
    void mocksStore().loadMocks();
  }, []);

  return (
    <FileListPanel
      label="Mock APIs"
      data-testid="mocks-panel"
      noun="mocks"
      folder="mocks"
      loaded={loaded}
      loading={loading}
      error={error}
      count={mocks.length}
      onRefresh={() => void mocksStore().loadMocks()}
      errorTestId="mocks-error"
      actions={
        <>
          <button
            type="button"
            className="button button-small"
            data-testid="mock-new"
            onClick={() => setCreating(true)}
          >
            <IconPlus /> New mock
          </button>
          <ImportMockButton onImported={openMockTab} />
        </>
      }
      empty={
        <EmptyState
          icon={<IconMock size={22} />}
          title="No mock APIs yet"
          hint="A mock answers HTTP requests with the routes you define, or serves tables as a REST API (right-click a table in the Schema panel)."
          action={
            <button type="button" className="button button-primary button-small" onClick={() => setCreating(true)}>
              <IconPlus /> New mock
            </button>
          }
          data-testid="mocks-empty"
        />
      }
      dialogs={
        <>
          {creating && <NewMockDialog onClose={() => setCreating(false)} />}
          {deleting && (
            <DeleteFileDialog
              title="Delete mock?"
              path={deleting.path}
              onCancel={() => setDeleting(null)}
              onDelete={(path) => void mocksStore().deleteMock(path)}
            >
              <strong>{deleting.name}</strong> ({`mocks/${deleting.path}`}) is stopped and its file deleted. Other files
              in its folder are kept.
            </DeleteFileDialog>
          )}
        </>
      }
    >
      <ul className="file-list">
        {mocks.map((mock) => (
          <MockItem key={mock.path} mock={mock} onDelete={() => setDeleting(mock)} />
        ))}
      </ul>
    </FileListPanel>
  );
}
