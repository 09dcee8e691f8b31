import type { CellInput } from '../../../shared/contract/data.contract';
import { AppError } from '../../../shared/errors';
import type { SqlValue } from '../connections/sql-dialect';

/** `{ $default: true }`: the column's DEFAULT, which is SQL rather than a value. */
export function isDefault(input: CellInput | undefined): input is { $default: true } {
  return typeof input === 'object' && input !== null && '$default' in input;
}

/** A typed value as it is bound: `{ $base64 }` becomes bytes; DEFAULT is refused (`what` says where it was). */
export function toSqlValue(input: CellInput, what: string): SqlValue {
  if (input === null || typeof input !== 'object') return input;
  if ('$base64' in input) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.$base64) || input.$base64.length % 4 !== 0) {
      throw new AppError('INVALID_INPUT', `${what}: "$base64" is not base64 text.`);
    }
    return Buffer.from(input.$base64, 'base64');
  }
  throw new AppError(
    'INVALID_INPUT',
    `${what}: DEFAULT is not a value here — only a cell being written can be DEFAULT.`,
  );
}

/** A bound parameter as the contract shows it (bytes as base64, bigints as decimal text). */
export function reviewedParam(value: SqlValue): null | string | number | boolean | { $base64: string } {
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  return value;
}
