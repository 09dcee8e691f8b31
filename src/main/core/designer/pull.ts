import type { Design } from '../../../shared/design';
import { AppError } from '../../../shared/errors';
import type { DriverSession } from '../connections/driver-adapter';

/** The live schema (null: the session's default schema) read into a design. */
export async function pullDesign(_session: DriverSession, _schema: string | null): Promise<Design> {
  throw new AppError('NOT_SUPPORTED', 'Reading a live schema into a design is not built yet.');
}
