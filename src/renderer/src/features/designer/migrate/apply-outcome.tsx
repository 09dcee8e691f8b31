import type { JSX } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { ErrorMessage } from '../../../components/error-message';
import type { MigrateState } from './migrate.store';

/** A run of the migration: its progress while it runs, then where it stopped or that it went through. */
export function ApplyOutcome({ store }: { store: StoreApi<MigrateState> }): JSX.Element | null {
  const applying = useStore(store, (s) => s.applying);
  const progress = useStore(store, (s) => s.progress);
  const result = useStore(store, (s) => s.applyResult);
  const error = useStore(store, (s) => s.applyError);

  if (applying) {
    return (
      <div className="migrate-progress" role="status">
        <progress max={progress?.total || 1} value={progress?.applied ?? 0} />
        {progress?.step
          ? `Step ${progress.step.index + 1} of ${progress.total}: ${progress.step.description}`
          : 'Starting the migration…'}
      </div>
    );
  }
  if (error) return <ErrorMessage error={error} data-testid="migrate-apply-error" />;
  if (!result) return null;
  if (result.failed) {
    return (
      <div className="migrate-failed" role="alert" data-testid="migrate-apply-failed">
        <strong>
          Stopped at step {result.failed.step + 1} of {result.total}: {result.failed.description}
        </strong>
        <div>{result.failed.message}</div>
        <div>
          {result.applied === 0
            ? 'No step was applied: the database is as it was.'
            : `${result.applied} step${result.applied === 1 ? ' was' : 's were'} applied before it; the changes below are what is left.`}
        </div>
      </div>
    );
  }
  return (
    <p className="migrate-applied" role="status">
      Applied {result.applied} of {result.total} step{result.total === 1 ? '' : 's'}.
    </p>
  );
}
