import { isBlobCell } from '../../../shared/cells';
import type { ResultColumn, Row } from '../../../shared/domain';
import { dialectFor } from '../connections/dialect-for';
import type { SqlLiteral, SqlValue } from '../connections/sql-dialect';
import { kindOfType } from '../transfer/column-types';
import type { InsertTarget, RowWriter } from './row-writer';

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * One INSERT per row, its values written by the engine's dialect (knex escapes them), so the file runs back
 * into a table of the same shape on the same engine. Values come as they cross the boundary (docs/values.md):
 * - numbers and the exact text of big integers and decimals in numeric columns are written bare (no rounding,
 *   no quotes);
 * - BLOBs as the engine's binary literal (`X'…'`; PostgreSQL `'\x…'::bytea`);
 * - timestamps on MySQL/MariaDB with a space for the ISO `T`;
 * - everything else (text, dates, JSON text) as a string literal, NULL as NULL.
 */
export function sqlInsertWriter(columns: readonly ResultColumn[], target: InsertTarget): RowWriter {
  const dialect = dialectFor(target.engine);
  const kinds = columns.map((c) => kindOfType(target.engine, c.dataType));
  const names = columns.map((c) => c.name);
  const cell = (value: unknown, i: number): SqlValue | SqlLiteral => {
    if (value === null || value === undefined) return null;
    const kind = kinds[i];
    if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      if ((kind === 'integer' || kind === 'decimal' || kind === 'real' || kind === 'any') && NUMBER.test(value)) {
        return { literal: value };
      }
      if (kind === 'timestamp' && target.engine === 'mysql') return value.replace('T', ' ');
      return value;
    }
    if (isBlobCell(value)) {
      const bytes = Buffer.from(value.$blob, 'base64');
      return target.engine === 'postgres' ? { literal: `'\\x${bytes.toString('hex')}'::bytea` } : bytes;
    }
    return JSON.stringify(value);
  };
  return {
    head: '',
    rows(batch: readonly Row[]) {
      let text = '';
      for (const row of batch) {
        const values = Object.create(null) as Record<string, SqlValue | SqlLiteral>;
        // a repeated column name (SELECT a.id, b.id) cannot be inserted twice: the first one is kept
        for (let i = 0; i < names.length; i++)
          if (!Object.hasOwn(values, names[i]!)) values[names[i]!] = cell(row[i], i);
        text += `${dialect.insertText(target.table, values)};\n`;
      }
      return text;
    },
    end: () => '',
  };
}
