import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, tableKey, type Design, type DesignLayout } from '../../../../../shared/design';
import { nodeSize } from '../geometry';
import { layoutDesign, overlaps, relationEdges } from './layout-design';
import { sampleDesign } from './testing/sample-design';

const elk = new ELK();

function rects(design: Design, layout: DesignLayout) {
  return design.tables.map((table) => {
    const at = layout.tables[tableKey(table)];
    if (!at) throw new Error(`${tableKey(table)} has no position`);
    return { key: tableKey(table), x: at.x, y: at.y, ...nodeSize(table) };
  });
}

function overlapping(design: Design, layout: DesignLayout): string[] {
  const all = rects(design, layout);
  const found: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++)
      if (overlaps(all[i]!, all[j]!)) found.push(`${all[i]!.key} × ${all[j]!.key}`);
  }
  return found;
}

describe('layoutDesign', () => {
  it('places every table of a 500-table design with 700 FKs, none overlapping another', async () => {
    const design = sampleDesign({ tables: 500, foreignKeys: 700 });
    const layout = await layoutDesign(elk, design, EMPTY_LAYOUT, 'all');
    expect(Object.keys(layout.tables)).toHaveLength(500);
    expect(overlapping(design, layout)).toEqual([]);
    // ELK takes seconds on 500 tables, more on a busy machine
  }, 120_000);

  it('puts a referencing table right of the table it references (layered, left to right)', async () => {
    const design = sampleDesign({ tables: 2, foreignKeys: 1 });
    const layout = await layoutDesign(elk, design, EMPTY_LAYOUT, 'all');
    expect(layout.tables['table_0001']!.x).toBeGreaterThan(layout.tables['table_0000']!.x + 240);
  });

  it('keeps colours and groups, and in `all` mode moves every table', async () => {
    const design = sampleDesign({ tables: 3, foreignKeys: 2 });
    const before: DesignLayout = {
      version: 1,
      tables: { table_0000: { x: 5000, y: 5000, color: '#ff0000' } },
      groups: [{ name: 'core', tables: ['table_0000'] }],
    };
    const layout = await layoutDesign(elk, design, before, 'all');
    expect(layout.tables['table_0000']).toMatchObject({ color: '#ff0000' });
    expect(layout.tables['table_0000']!.x).not.toBe(5000);
    expect(layout.groups).toEqual(before.groups);
  });

  it('in `new` mode keeps every existing position and places the new tables without overlap', async () => {
    const design = sampleDesign({ tables: 120, foreignKeys: 160 });
    const full = await layoutDesign(elk, design, EMPTY_LAYOUT, 'all');
    // every third table "new": its position forgotten
    const kept = Object.fromEntries(Object.entries(full.tables).filter((_, i) => i % 3 !== 0));
    const layout = await layoutDesign(elk, design, { ...full, tables: kept }, 'new');
    for (const [key, at] of Object.entries(kept)) expect(layout.tables[key]).toEqual(at);
    expect(Object.keys(layout.tables)).toHaveLength(120);
    expect(overlapping(design, layout)).toEqual([]);
  });

  it('in `new` mode puts a new table near the table it references, not far away', async () => {
    const design = sampleDesign({ tables: 30, foreignKeys: 0 });
    const users = design.tables[0]!;
    const orders = design.tables[1]!;
    orders.foreignKeys.push({
      name: null,
      columns: ['field_0'],
      refSchema: null,
      refTable: users.name,
      refColumns: ['id'],
      onDelete: null,
      onUpdate: null,
    });
    const full = await layoutDesign(elk, design, EMPTY_LAYOUT, 'all');
    const { [orders.name]: _dropped, ...kept } = full.tables;
    const layout = await layoutDesign(elk, design, { ...full, tables: kept }, 'new');
    const at = layout.tables[orders.name]!;
    const anchor = layout.tables[users.name]!;
    expect(Math.hypot(at.x - anchor.x, at.y - anchor.y)).toBeLessThan(1000);
    expect(overlapping(design, layout)).toEqual([]);
  });

  it('in `new` mode puts unrelated new tables in free space below the diagram', async () => {
    const design = sampleDesign({ tables: 10, foreignKeys: 0 });
    const kept: DesignLayout['tables'] = { table_0000: { x: 0, y: 0 }, table_0001: { x: 400, y: 0 } };
    const layout = await layoutDesign(elk, design, { ...EMPTY_LAYOUT, tables: kept }, 'new');
    expect(layout.tables['table_0000']).toEqual({ x: 0, y: 0 });
    expect(layout.tables['table_0001']).toEqual({ x: 400, y: 0 });
    expect(overlapping(design, layout)).toEqual([]);
  });

  it('returns the layout as it is when every table already has a position in `new` mode', async () => {
    const design = sampleDesign({ tables: 2, foreignKeys: 1 });
    const before: DesignLayout = {
      ...EMPTY_LAYOUT,
      tables: { table_0000: { x: 1, y: 2 }, table_0001: { x: 900, y: 2 } },
    };
    expect(await layoutDesign(elk, design, before, 'new')).toBe(before);
  });

  it('leaves self references and references to tables outside the design out of the edges', () => {
    const design = sampleDesign({ tables: 2, foreignKeys: 1 });
    const fk = design.tables[1]!.foreignKeys[0]!;
    design.tables[1]!.foreignKeys.push({ ...fk, refTable: 'table_0001' }, { ...fk, refTable: 'elsewhere' });
    expect(relationEdges(design)).toEqual([{ from: 'table_0001', to: 'table_0000' }]);
  });
});
