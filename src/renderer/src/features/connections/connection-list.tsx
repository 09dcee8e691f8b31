import { useState } from 'react';
import { SafetyMarker } from '../../components/safety-marker';
import type { SavedConnection } from '../../../../shared/domain';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { IconCopy, IconDatabase, IconEdit, IconPlug, IconPlus, IconTrash, IconUnplug } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { useConnections, useUi } from '../../stores/app-stores';
import { ENGINE_LABELS, ENGINE_SHORT, formatServerVersion } from './connection-form';
import './connections.css';

function describeTarget(c: SavedConnection): string {
  const p = c.params;
  if (p.engine === 'sqlite') return p.file;
  return `${p.user ? `${p.user}@` : ''}${p.host}:${p.port}${p.database ? `/${p.database}` : ''}`;
}

function ConnectionItem({ connection, onDelete }: { connection: SavedConnection; onDelete(c: SavedConnection): void }) {
  const selected = useConnections((s) => s.selectedConnectionId === connection.id);
  const status = useConnections((s) => s.statusById[connection.id]);
  const busy = useConnections((s) => s.connectingById[connection.id] ?? false);
  const selectConnection = useConnections((s) => s.selectConnection);
  const connect = useConnections((s) => s.connect);
  const disconnect = useConnections((s) => s.disconnect);
  const duplicateConnection = useConnections((s) => s.duplicateConnection);
  const openConnectionDialog = useUi((s) => s.openConnectionDialog);

  const state = status?.state ?? 'disconnected';
  const stateText =
    state === 'connected'
      ? `Connected${status?.serverVersion ? ` · ${formatServerVersion(connection.params.engine, status.serverVersion)}` : ''}`
      : state === 'error'
        ? `Connection failed${status?.message ? `: ${status.message}` : ''}`
        : 'Not connected';

  return (
    <li
      className={`connection-item${selected ? ' is-selected' : ''}`}
      data-testid="connection-item"
      data-name={connection.name}
      data-state={state}
    >
      <button
        type="button"
        className="connection-main"
        aria-current={selected ? 'true' : undefined}
        title={`${connection.name}\n${describeTarget(connection)}\n${stateText}`}
        onClick={() => selectConnection(connection.id)}
        onDoubleClick={() => state !== 'connected' && void connect(connection.id)}
      >
        {busy ? (
          <Spinner label="Connecting" />
        ) : (
          <span className={`status-dot status-${state}`} role="img" aria-label={stateText} />
        )}
        <span
          className={`engine-badge engine-${connection.params.engine}`}
          title={ENGINE_LABELS[connection.params.engine]}
        >
          {ENGINE_SHORT[connection.params.engine]}
        </span>
        <span className="connection-name">{connection.name}</span>
        {connection.isSample && <span className="badge">sample</span>}
        <SafetyMarker params={connection.params} />
      </button>
      <span className="connection-actions">
        {state === 'connected' ? (
          <button
            type="button"
            className="icon-button"
            aria-label={`Disconnect ${connection.name}`}
            title="Disconnect"
            disabled={busy}
            onClick={() => void disconnect(connection.id)}
          >
            <IconUnplug />
          </button>
        ) : (
          <button
            type="button"
            className="icon-button"
            aria-label={`Connect ${connection.name}`}
            title="Connect"
            disabled={busy}
            onClick={() => void connect(connection.id)}
          >
            <IconPlug />
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={`Edit ${connection.name}`}
          title="Edit"
          onClick={() => openConnectionDialog({ mode: 'edit', connectionId: connection.id })}
        >
          <IconEdit />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Duplicate ${connection.name}`}
          title="Duplicate"
          onClick={() => void duplicateConnection(connection.id)}
        >
          <IconCopy />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete ${connection.name}`}
          title="Delete"
          onClick={() => onDelete(connection)}
        >
          <IconTrash />
        </button>
      </span>
    </li>
  );
}

/** Saved connections (sample first), each with its engine, live status and actions. */
export function ConnectionList() {
  const connections = useConnections((s) => s.connections);
  const loaded = useConnections((s) => s.connectionsLoaded);
  const openConnectionDialog = useUi((s) => s.openConnectionDialog);
  const deleteConnection = useConnections((s) => s.deleteConnection);
  const [pendingDelete, setPendingDelete] = useState<SavedConnection | null>(null);

  return (
    <section className="connections-pane" aria-label="Connections">
      <header className="pane-header">
        <h2 className="pane-title">Connections</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="New connection"
          title="New connection"
          data-testid="connection-new"
          onClick={() => openConnectionDialog({ mode: 'create' })}
        >
          <IconPlus />
        </button>
      </header>
      <div className="pane-scroll" data-testid="connection-list">
        {!loaded ? (
          <div className="pane-loading">
            <Spinner label="Loading connections" />
          </div>
        ) : connections.length === 0 ? (
          <EmptyState
            icon={<IconDatabase size={22} />}
            title="No connections yet"
            hint="Add a SQLite file or a PostgreSQL / MySQL server to start exploring."
            action={
              <button
                type="button"
                className="button button-primary button-small"
                onClick={() => openConnectionDialog({ mode: 'create' })}
              >
                <IconPlus /> New connection
              </button>
            }
          />
        ) : (
          <ul className="connection-list">
            {connections.map((c) => (
              <ConnectionItem key={c.id} connection={c} onDelete={setPendingDelete} />
            ))}
          </ul>
        )}
      </div>
      {pendingDelete && (
        <ConfirmDialog
          title="Delete connection?"
          confirmLabel="Delete"
          danger
          onCancel={() => setPendingDelete(null)}
          onConfirm={() => {
            void deleteConnection(pendingDelete.id);
            setPendingDelete(null);
          }}
        >
          “{pendingDelete.name}” and its stored password will be removed. The database itself is not touched.
        </ConfirmDialog>
      )}
    </section>
  );
}
