import type { RenameCandidate, SchemaDiff } from '../../../shared/contract/designer.contract';
import type { Design } from '../../../shared/design';
import { AppError } from '../../../shared/errors';

/** What changes `target` into `source`, and the ordered migration in `target.dialect`. Pure; changes nothing. */
export function diffDesigns(_source: Design, _target: Design, _renames: readonly RenameCandidate[]): SchemaDiff {
  throw new AppError('NOT_SUPPORTED', 'Schema diff is not built yet.');
}
