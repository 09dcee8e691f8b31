import type { Engine } from '../../../shared/domain';
import type { Design } from '../../../shared/design';
import { AppError } from '../../../shared/errors';

/** A DBML text or a SQL dump (CREATE statements) read into a design of `dialect`. */
export async function importText(_text: string, _format: 'dbml' | 'sql', _dialect: Engine): Promise<Design> {
  throw new AppError('NOT_SUPPORTED', 'Importing a design is not built yet.');
}
