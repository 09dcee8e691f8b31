import type { Design, DesignTable } from '../../../shared/design';
import { AppError } from '../../../shared/errors';

/** The whole CREATE script of a design in its dialect. */
export function createScript(_design: Design): string {
  throw new AppError('NOT_SUPPORTED', 'DDL is not built yet.');
}

/**
 * The statements that create one table of `design` (CREATE TABLE with its columns, primary key, checks and — when
 * `inlineForeignKeys` — its foreign keys, then its indexes), as a migration's "add table" step runs them.
 */
export function createTableStatements(
  _design: Design,
  _table: DesignTable,
  _options: { inlineForeignKeys: boolean },
): string[] {
  throw new AppError('NOT_SUPPORTED', 'DDL is not built yet.');
}
