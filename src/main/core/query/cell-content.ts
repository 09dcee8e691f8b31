import { isBlobCell, isTextCell, type CellContent } from '../../../shared/domain';

/** A cell value as query.cell returns it; `value` was read with the window [offset, offset + length). */
export function cellContent(value: unknown, offset: number, length: number): CellContent {
  if (typeof value === 'string') {
    const part = offset === 0 && value.length <= length ? value : value.slice(offset, offset + length);
    return { value: part, size: value.length, offset, whole: part.length === value.length };
  }
  if (isTextCell(value)) return { value: value.$text, size: value.size, offset, whole: false };
  if (isBlobCell(value)) {
    if (value.truncated || (offset === 0 && value.size <= length))
      return { value, size: value.size, offset, whole: !value.truncated };
    // a whole BLOB from the cache, asked for from an offset: cut it here
    const bytes = Buffer.from(value.$blob, 'base64').subarray(offset, offset + length);
    return {
      value: { $blob: bytes.toString('base64'), size: value.size, truncated: bytes.length < value.size },
      size: value.size,
      offset,
      whole: bytes.length === value.size,
    };
  }
  return { value, size: null, offset, whole: true };
}
