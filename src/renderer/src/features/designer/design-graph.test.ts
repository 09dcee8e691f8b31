import { describe, expect, it } from 'vitest';
import type { SchemaChange } from '../../../../shared/contract/designer.contract';
import type { Design, DesignLayout, DesignTable } from '../../../../shared/design';
import { buildEdges, buildNodes, overlayMarks, type NodeCache } from './design-graph';
import { GROUP_PADDING, groupBoxes } from './design-groups';
import { NODE_WIDTH, nodeHeight } from './geometry';

const col = (name: string, unique = false) => ({
  name,
  type: 'integer',
  nullable: false,
  default: null,
  unique,
  autoIncrement: false,
  note: null,
});
const table = (name: string, columns: DesignTable['columns'], foreignKeys: DesignTable['foreignKeys'] = []) => ({
  schema: null,
  name,
  columns,
  primaryKey: ['id'],
  indexes: [],
  foreignKeys,
  checks: [],
  note: null,
});
const fk = (column: string, refTable: string) => ({
  name: null,
  columns: [column],
  refSchema: null,
  refTable,
  refColumns: ['id'],
  onDelete: null,
  onUpdate: null,
});

const design: Design = {
  dialect: 'sqlite',
  enums: [],
  note: null,
  tables: [
    table('users', [col('id')]),
    table('profiles', [col('id'), col('user_id', true)], [fk('user_id', 'users')]),
    table('posts', [col('id'), col('user_id')], [fk('user_id', 'users')]),
  ],
};
const layout: DesignLayout = {
  version: 1,
  tables: { users: { x: 0, y: 0 }, profiles: { x: 600, y: 0 }, posts: { x: 0, y: 400 } },
  groups: [],
};
const inputs = { design, layout, selection: [], overlay: null, visible: null, hit: null };

describe('design graph', () => {
  it('draws one-to-one and many-to-one ends from the FK column’s uniqueness, on the sides facing each other', () => {
    const edges = buildEdges(design, layout, { one: 'one', many: 'many' });
    expect(edges.map((e) => [e.source, e.target, e.markerStart, e.markerEnd])).toEqual([
      ['profiles', 'users', 'one', 'one'],
      ['posts', 'users', 'many', 'one'],
    ]);
    // profiles is right of users: it leaves on its left; posts sits under users: both on the left
    expect([edges[0]?.sourceHandle, edges[0]?.targetHandle]).toEqual(['user_id:L', 'id:R']);
    expect([edges[1]?.sourceHandle, edges[1]?.targetHandle]).toEqual(['user_id:L', 'id:L']);
  });

  it('draws a many-to-many reference dashed, many at both ends, not deletable; one to a table not drawn, not at all', () => {
    const ref = (refTable: string) => ({
      name: null,
      schema: null,
      table: 'posts',
      columns: ['id'],
      refSchema: null,
      refTable,
      refColumns: ['id'],
    });
    const withRefs: Design = { ...design, manyToMany: [ref('gone'), ref('users')] };
    const edges = buildEdges(withRefs, layout, { one: 'one', many: 'many' });
    expect(edges).toHaveLength(3);
    const m2m = edges[2]!;
    expect([m2m.source, m2m.target, m2m.markerStart, m2m.markerEnd]).toEqual(['posts', 'users', 'many', 'many']);
    expect(m2m.className).toContain('design-edge-m2m');
    expect(m2m.deletable).toBe(false);
    // posts sits under users: both on the left, like a foreign key between them
    expect([m2m.sourceHandle, m2m.targetHandle]).toEqual(['id:L', 'id:L']);
    // its columns get handles even when only linked ones are drawn
    const nodes = buildNodes({ ...inputs, design: withRefs }, new Map());
    expect(nodes[2]?.data.linked).toContain('id');
  });

  it('sizes nodes by the shared geometry and reuses the nodes an edit did not touch', () => {
    const cache: NodeCache = new Map();
    const first = buildNodes(inputs, cache);
    expect(first[1]?.height).toBe(nodeHeight(design.tables[1]!));
    const moved = { ...layout, tables: { ...layout.tables, posts: { x: 10, y: 400 } } };
    const second = buildNodes({ ...inputs, layout: moved }, cache);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2]?.position).toEqual({ x: 10, y: 400 });
  });

  it('marks added and altered tables and columns from a comparison; dropped tables are listed', () => {
    const change = (kind: SchemaChange['kind'], tableName: string, item: string | null = null): SchemaChange => ({
      kind,
      table: tableName,
      item,
      description: kind,
      destructive: false,
      reason: null,
    });
    const overlay = [
      change('addTable', 'posts'),
      change('addColumn', 'profiles', 'user_id'),
      change('dropTable', 'legacy'),
      change('addColumn', 'posts', 'user_id'),
    ];
    const marks = overlayMarks(overlay);
    expect(marks.dropped).toEqual(['legacy']);
    const nodes = buildNodes({ ...inputs, overlay }, new Map());
    expect(nodes.map((n) => n.data.mark)).toEqual([null, 'altered', 'added']);
    expect(nodes[1]?.data.columnMarks).toEqual({ user_id: 'added' });
  });
});

describe('table groups on the canvas', () => {
  const groupsDesign: Design = {
    dialect: 'postgres',
    tables: [table('a', [col('id')]), table('b', [col('id'), col('x')]), table('c', [col('id')])],
    enums: [],
    note: null,
    groups: [
      { name: 'ab', tables: ['a', 'b', 'gone'], note: 'both', color: '#e67e22' },
      { name: 'unplaced', tables: ['c'], note: null, color: null },
    ],
  };
  const groupsLayout: DesignLayout = { version: 1, tables: { a: { x: 0, y: 0 }, b: { x: 400, y: 100 } }, groups: [] };

  it('frames the placed tables of each group, padded; a group with none placed has no frame', () => {
    expect(groupBoxes(groupsDesign, groupsLayout, null)).toEqual([
      {
        name: 'ab',
        color: '#e67e22',
        note: 'both',
        x: -GROUP_PADDING,
        y: -GROUP_PADDING,
        width: 400 + NODE_WIDTH + 2 * GROUP_PADDING,
        height: 100 + nodeHeight({ columns: [col('id'), col('x')] }) + 2 * GROUP_PADDING,
      },
    ]);
  });

  it('frames only the tables focus mode shows', () => {
    const [box] = groupBoxes(groupsDesign, groupsLayout, new Set(['b']));
    expect(box).toMatchObject({
      x: 400 - GROUP_PADDING,
      y: 100 - GROUP_PADDING,
      width: NODE_WIDTH + 2 * GROUP_PADDING,
    });
    expect(groupBoxes(groupsDesign, groupsLayout, new Set(['c']))).toEqual([]);
  });
});
