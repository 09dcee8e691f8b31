/**
 * bench:designer's design: `tables` tables of 3–12 columns and `foreignKeys` FKs between them (each to a table made
 * shortly before, as real schemas cluster), from a fixed seed, on a grid of rows tall enough for their tables. The
 * bench cannot import the renderer's code (its TypeScript project is Node's), so the node height is the canvas's
 * formula from features/designer/geometry.ts, restated.
 */
interface Column {
  name: string;
  type: string;
  nullable: boolean;
  default: null;
  unique: boolean;
  autoIncrement: boolean;
  note: null;
}

interface Table {
  schema: null;
  name: string;
  columns: Column[];
  primaryKey: string[];
  indexes: never[];
  foreignKeys: {
    name: null;
    columns: string[];
    refSchema: null;
    refTable: string;
    refColumns: string[];
    onDelete: null;
    onUpdate: null;
  }[];
  checks: never[];
  note: null;
}

export interface SampleDiagram {
  design: { dialect: 'postgres'; tables: Table[]; enums: never[]; note: null };
  layout: { version: 1; tables: Record<string, { x: number; y: number }>; groups: never[] };
}

const column = (name: string, type: string, nullable: boolean, autoIncrement = false): Column => ({
  name,
  type,
  nullable,
  default: null,
  unique: false,
  autoIncrement,
  note: null,
});

const NODE_WIDTH = 240;
const nodeHeight = (columns: number) => 32 + Math.max(1, columns) * 22 + 6;
const SPACING = 60;
const PER_ROW = 25;

export function sampleDiagram({ tables, foreignKeys }: { tables: number; foreignKeys: number }): SampleDiagram {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const types = ['varchar(255)', 'integer', 'timestamp with time zone', 'numeric(10,2)', 'text', 'boolean'];
  const result: Table[] = Array.from({ length: tables }, (_, t) => ({
    schema: null,
    name: `bench_${String(t).padStart(4, '0')}`,
    columns: [
      column('id', 'integer', false, true),
      ...Array.from({ length: 2 + Math.floor(random() * 10) }, (_, c) =>
        column(`field_${c}`, types[Math.floor(random() * types.length)]!, random() < 0.5),
      ),
    ],
    primaryKey: ['id'],
    indexes: [],
    foreignKeys: [],
    checks: [],
    note: null,
  }));
  for (let f = 0; f < foreignKeys && tables > 1; f++) {
    const from = 1 + Math.floor(random() * (tables - 1));
    const to = Math.max(0, from - 1 - Math.floor(random() * Math.min(from, 30)));
    const table = result[from]!;
    const name = `${result[to]!.name}_id_${f}`;
    table.columns.push(column(name, 'integer', true));
    table.foreignKeys.push({
      name: null,
      columns: [name],
      refSchema: null,
      refTable: result[to]!.name,
      refColumns: ['id'],
      onDelete: null,
      onUpdate: null,
    });
  }
  const positions: Record<string, { x: number; y: number }> = {};
  let y = 0;
  for (let row = 0; row * PER_ROW < tables; row++) {
    const inRow = result.slice(row * PER_ROW, (row + 1) * PER_ROW);
    inRow.forEach((table, i) => (positions[table.name] = { x: i * (NODE_WIDTH + SPACING), y }));
    y += Math.max(...inRow.map((table) => nodeHeight(table.columns.length))) + SPACING;
  }
  return {
    design: { dialect: 'postgres', tables: result, enums: [], note: null },
    layout: { version: 1, tables: positions, groups: [] },
  };
}
