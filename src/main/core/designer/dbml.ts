import type { Engine } from '../../../shared/domain';
import type { Design } from '../../../shared/design';
import type { DbmlProblem } from '../../../shared/contract/designer.contract';
import { AppError } from '../../../shared/errors';

/** DBML text → design (helper "design-files" builds this with @dbml/core). */
export function parseDbml(_text: string, _dialect: Engine): { design: Design | null; problems: DbmlProblem[] } {
  throw new AppError('NOT_SUPPORTED', 'DBML parsing is not built yet.');
}

/** Design → DBML text, stable order, diff-friendly. */
export function formatDbml(_design: Design): string {
  throw new AppError('NOT_SUPPORTED', 'DBML writing is not built yet.');
}
