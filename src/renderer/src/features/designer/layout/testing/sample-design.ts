/* Test and bench support: a large design of a made-up schema, the same for every run. */
import type { Design, DesignTable } from '../../../../../../shared/design';

/**
 * `tables` tables of 3–12 columns and `foreignKeys` foreign keys between them (each to a table made earlier,
 * mostly nearby, as real schemas cluster), from a fixed seed.
 */
export function sampleDesign({ tables, foreignKeys }: { tables: number; foreignKeys: number }): Design {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const result: DesignTable[] = [];
  for (let t = 0; t < tables; t++) {
    const columnCount = 3 + Math.floor(random() * 10);
    const columns = [
      { name: 'id', type: 'integer', nullable: false, default: null, unique: false, autoIncrement: true, note: null },
      ...Array.from({ length: columnCount - 1 }, (_, c) => ({
        name: `field_${c}`,
        type: c % 3 === 0 ? 'varchar(255)' : c % 3 === 1 ? 'integer' : 'timestamp',
        nullable: c % 2 === 0,
        default: null,
        unique: false,
        autoIncrement: false,
        note: null,
      })),
    ];
    result.push({
      schema: null,
      name: `table_${String(t).padStart(4, '0')}`,
      columns,
      primaryKey: ['id'],
      indexes: [],
      foreignKeys: [],
      checks: [],
      note: null,
    });
  }
  for (let f = 0; f < foreignKeys && tables > 1; f++) {
    const from = 1 + Math.floor(random() * (tables - 1));
    const span = Math.min(from, 1 + Math.floor(random() * 20));
    const to = from - 1 - Math.floor(random() * span);
    const table = result[from]!;
    const column = `ref_${f}`;
    table.columns.push({
      name: column,
      type: 'integer',
      nullable: true,
      default: null,
      unique: false,
      autoIncrement: false,
      note: null,
    });
    table.foreignKeys.push({
      name: null,
      columns: [column],
      refSchema: null,
      refTable: result[Math.max(0, to)]!.name,
      refColumns: ['id'],
      onDelete: null,
      onUpdate: null,
    });
  }
  return { dialect: 'postgres', tables: result, enums: [], note: null };
}
