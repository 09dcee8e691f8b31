import type { SchemaDiff } from '../../../shared/contract/designer.contract';
import { AppError } from '../../../shared/errors';
import type { DriverSession } from '../connections/driver-adapter';

export interface ApplyOutcome {
  applied: number;
  total: number;
  failed?: { step: number; description: string; message: string };
}

/**
 * Runs a diff's steps on `session`: in one transaction on SQLite and PostgreSQL, step by step on MySQL. Refuses
 * destructive steps unless `allowDestructive`. Helper "diff-migrate" builds this.
 */
export async function applyMigration(
  _session: DriverSession,
  _diff: SchemaDiff,
  _options: {
    allowDestructive: boolean;
    signal: AbortSignal;
    onProgress: (applied: number, step: { index: number; description: string } | null) => void;
  },
): Promise<ApplyOutcome> {
  throw new AppError('NOT_SUPPORTED', 'Applying a migration is not built yet.');
}
