import { useEffect, useRef, useState, type JSX } from 'react';
import { useStore } from 'zustand';
import type { SchemaChange } from '../../../../../shared/contract/designer.contract';
import type { Design } from '../../../../../shared/design';
import { ErrorMessage } from '../../../components/error-message';
import { ModalDialog } from '../../../components/modal-dialog';
import { Spinner } from '../../../components/spinner';
import { client } from '../../../rpc/client';
import { stores, useConnections } from '../../../stores/app-stores';
import { LiveSchemaPicker } from './live-schema-picker';
import { MigrateReview } from './migrate-review';
import { ApplyOutcome } from './apply-outcome';
import {
  createMigrateStore,
  migratePortOf,
  selectCanApply,
  selectNeedsConfirmation,
  selectRenameRows,
  type MigrateState,
} from './migrate.store';
import './migrate.css';

export interface MigrateDialogProps {
  design: Design;
  /** The connection offered first (the one the design was pulled from, when known). */
  defaultConnectionId: string | null;
  /** The differences found (null when the dialog closes), for the canvas overlay. */
  onChanges(changes: SchemaChange[] | null): void;
  onClose(): void;
}

/**
 * Compare the design with a live database, review the changes and the migration (SQL / knex), confirm renames and
 * destructive steps, apply with progress. Also compares two live databases (the second one is then changed).
 */
export function MigrateDialog({ design, defaultConnectionId, onChanges, onClose }: MigrateDialogProps): JSX.Element {
  const [store] = useState(() =>
    createMigrateStore(
      migratePortOf(
        client,
        () => crypto.randomUUID(),
        // the schema browser shows what the apply made
        (connectionId) => void stores.schema.getState().refreshAfterChange(connectionId),
      ),
    ),
  );
  const use = <T,>(selector: (s: MigrateState) => T): T => useStore(store, selector);
  const mode = use((s) => s.mode);
  const target = use((s) => s.target);
  const liveSource = use((s) => s.liveSource);
  const diff = use((s) => s.diff);
  const diffing = use((s) => s.diffing);
  const diffError = use((s) => s.diffError);
  const allowDestructive = use((s) => s.allowDestructive);
  const applying = use((s) => s.applying);
  const renames = use((s) => s.renames);
  const needsConfirmation = use(selectNeedsConfirmation);
  const canApply = use(selectCanApply);
  const connections = useConnections((s) => s.connections);
  const engineOf = (id: string | undefined) => connections.find((c) => c.id === id)?.params.engine ?? null;
  const sourceEngine = mode === 'design' ? design.dialect : engineOf(liveSource?.connectionId);

  // the design as it is now, for the calls (the canvas may still be edited behind the dialog)
  const designRef = useRef(design);
  const changesRef = useRef(onChanges);
  useEffect(() => {
    designRef.current = design;
    changesRef.current = onChanges;
  });

  // the connection offered first, once the saved connections are known
  const offeredRef = useRef(false);
  useEffect(() => {
    if (offeredRef.current || connections.length === 0) return;
    offeredRef.current = true;
    const offered = connections.find((c) => c.id === defaultConnectionId && c.params.engine === design.dialect);
    if (offered && store.getState().target === null)
      store.getState().setTarget({ connectionId: offered.id, schema: null });
  }, [store, connections, defaultConnectionId, design.dialect]);

  // compare as soon as both sides are chosen, and again whenever one changes
  useEffect(() => {
    if (target && (mode === 'design' || liveSource)) void store.getState().runDiff(designRef.current);
  }, [store, mode, target, liveSource]);

  // the canvas overlay shows the design's changes; a comparison of two databases is not about the design
  useEffect(() => {
    changesRef.current(diff && mode === 'design' ? diff.changes : null);
  }, [diff, mode]);

  useEffect(
    () => () => {
      store.getState().dispose();
      changesRef.current(null);
    },
    [store],
  );

  const destructive = diff?.changes.filter((c) => c.destructive) ?? [];

  return (
    <ModalDialog
      title={mode === 'design' ? 'Compare the design with a database' : 'Compare two databases'}
      onClose={onClose}
      width={820}
      data-testid="migrate-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={applying}>
            Close
          </button>
          <button
            type="button"
            className={`button ${needsConfirmation ? 'button-danger' : 'button-primary'}`}
            disabled={!canApply}
            onClick={() => void store.getState().apply(designRef.current)}
          >
            {applying
              ? 'Applying…'
              : `Apply to ${connections.find((c) => c.id === target?.connectionId)?.name ?? 'the database'}`}
          </button>
        </>
      }
    >
      <div className="migrate-modes" role="radiogroup" aria-label="Compare">
        <label>
          <input
            type="radio"
            name="migrate-mode"
            checked={mode === 'design'}
            disabled={applying}
            onChange={() => store.getState().setMode('design')}
          />
          Design → database
        </label>
        <label>
          <input
            type="radio"
            name="migrate-mode"
            checked={mode === 'live'}
            disabled={applying}
            onChange={() => store.getState().setMode('live')}
          />
          Database → database
        </label>
      </div>
      <div className="migrate-sides">
        {mode === 'live' && (
          <LiveSchemaPicker
            label="Wanted (source)"
            value={liveSource}
            engine={null}
            onChange={(value) => store.getState().setLiveSource(value)}
          />
        )}
        <LiveSchemaPicker
          label="To change (target)"
          value={target}
          engine={sourceEngine}
          onChange={(value) => store.getState().setTarget(value)}
        />
      </div>
      {target && (mode === 'design' || liveSource) && !diffing && (
        <button
          type="button"
          className="button button-small migrate-again"
          disabled={applying}
          onClick={() => void store.getState().runDiff(designRef.current)}
        >
          Compare again
        </button>
      )}
      {diffing && (
        <p className="migrate-note">
          <Spinner label="Comparing" /> Comparing…
        </p>
      )}
      {diffError && <ErrorMessage error={diffError} data-testid="migrate-diff-error" />}
      {diff && (
        <MigrateReview
          diff={diff}
          renames={selectRenameRows({ diff, renames })}
          busy={diffing || applying}
          onToggleRename={(candidate) => void store.getState().toggleRename(candidate, designRef.current)}
        />
      )}
      {diff && needsConfirmation && (
        <label className="migrate-confirm">
          <input
            type="checkbox"
            checked={allowDestructive}
            disabled={applying}
            onChange={(event) => store.getState().setAllowDestructive(event.target.checked)}
          />
          Allow destructive changes: {destructive.length} change{destructive.length === 1 ? '' : 's'} can lose data or
          fail on existing rows{diff.destructive.length > 0 && ` (${diff.destructive.join(', ')})`}.
        </label>
      )}
      <ApplyOutcome store={store} />
    </ModalDialog>
  );
}
