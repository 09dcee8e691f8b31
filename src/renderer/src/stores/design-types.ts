/** Column types per dialect: what a new column gets, and what the type field offers while typing. */
import type { Engine } from '../../../shared/domain';

/** The type a new table's id column and a new column get, per dialect. */
export function defaultTypes(dialect: Engine): { id: string; column: string } {
  if (dialect === 'postgres') return { id: 'integer', column: 'text' };
  if (dialect === 'mysql') return { id: 'int', column: 'varchar(255)' };
  return { id: 'integer', column: 'text' };
}

/** Common column types offered while typing a column's type (any other text is accepted). */
export function typeSuggestions(dialect: Engine): string[] {
  if (dialect === 'postgres')
    return [
      'integer',
      'bigint',
      'smallint',
      'serial',
      'bigserial',
      'numeric(10,2)',
      'real',
      'double precision',
      'boolean',
      'text',
      'varchar(255)',
      'char(1)',
      'uuid',
      'date',
      'time',
      'timestamp',
      'timestamp with time zone',
      'interval',
      'json',
      'jsonb',
      'bytea',
    ];
  if (dialect === 'mysql')
    return [
      'int',
      'bigint',
      'smallint',
      'tinyint(1)',
      'decimal(10,2)',
      'float',
      'double',
      'varchar(255)',
      'char(1)',
      'text',
      'longtext',
      'date',
      'datetime',
      'timestamp',
      'time',
      'json',
      'blob',
      "enum('a','b')",
    ];
  return ['integer', 'text', 'real', 'numeric', 'blob', 'boolean', 'date', 'datetime', 'varchar(255)'];
}
