import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, tableKey, type Design, type DesignLayout } from '../../../../../shared/design';
import { NODE_WIDTH, nodeHeight } from '../geometry';
import { sampleDesign } from '../layout/testing/sample-design';
import { diagramSvg, xml } from './export-diagram';

const HOSTILE = `</text><script>alert("x")</script>&amp;'<![CDATA[`;

function gridLayout(design: Design): DesignLayout {
  const tables: DesignLayout['tables'] = {};
  design.tables.forEach((table, i) => {
    tables[tableKey(table)] = { x: (i % 20) * 320 - 500, y: Math.floor(i / 20) * 400 - 300 };
  });
  return { ...EMPTY_LAYOUT, tables };
}

/** Every text of the document (text nodes and <title>s), as the parser reads it back. */
function texts(svg: string): string[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    preserveOrder: true,
    processEntities: true,
    htmlEntities: false,
  });
  const found: string[] = [];
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as Record<string, unknown>[]) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text') found.push(String(value));
        else if (key !== ':@') walk(value);
      }
    }
  };
  walk(parser.parse(svg));
  return found;
}

function elementNames(svg: string): Set<string> {
  const parser = new XMLParser({ preserveOrder: true });
  const names = new Set<string>();
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as Record<string, unknown>[]) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text' || key === ':@') continue;
        names.add(key);
        walk(value);
      }
    }
  };
  walk(parser.parse(svg));
  return names;
}

describe('diagramSvg', () => {
  it('is well-formed XML with every table, column and type of a 60-table design', () => {
    const design = sampleDesign({ tables: 60, foreignKeys: 80 });
    const svg = diagramSvg(design, gridLayout(design), 'light');
    expect(XMLValidator.validate(svg)).toBe(true);
    const all = new Set(texts(svg));
    for (const table of design.tables) {
      expect(all).toContain(table.name);
      for (const column of table.columns) {
        expect(all).toContain(column.name);
        expect(all).toContain(column.type);
      }
    }
  });

  it('marks primary and foreign key columns and draws one relation per FK with crow’s-foot ends', () => {
    const design = sampleDesign({ tables: 2, foreignKeys: 1 });
    const svg = diagramSvg(design, gridLayout(design), 'dark');
    expect(svg.match(/>PK</g)).toHaveLength(2);
    expect(svg.match(/>FK</g)).toHaveLength(1);
    expect(svg.match(/class="relation"/g)).toHaveLength(1);
    // the many end (a nullable FK: optional on the referenced side, a circle)
    expect(svg).toMatch(/class="relation">.*<circle/);
  });

  it('draws a many-to-many reference dashed with many ends at both sides; one to a table not drawn, not at all', () => {
    const design = sampleDesign({ tables: 2, foreignKeys: 0 });
    const [a, b] = design.tables as [Design['tables'][number], Design['tables'][number]];
    const ref = (refTable: string) => ({
      name: null,
      schema: a.schema,
      table: a.name,
      columns: [a.columns[0]!.name],
      refSchema: b.schema,
      refTable,
      refColumns: [b.columns[0]!.name],
    });
    const svg = diagramSvg({ ...design, manyToMany: [ref(b.name), ref('gone')] }, gridLayout(design), 'light');
    expect(XMLValidator.validate(svg)).toBe(true);
    const drawn = svg.match(/<g class="relation many-to-many">.*?<\/g>/g) ?? [];
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatch(/^<g class="relation many-to-many"><path d="[^"]+" stroke-dasharray="6 4"\/>/);
    // a crow's foot (three points) at each end
    expect(drawn[0]!.match(/<path d="M[-\d.]+ [-\d.]+L[-\d.]+ [-\d.]+L[-\d.]+ [-\d.]+"\/>/g)).toHaveLength(2);
  });

  it('escapes hostile table, schema, column, type and group names (no element comes from a name)', () => {
    const design: Design = {
      dialect: 'postgres',
      enums: [],
      note: null,
      tables: [
        {
          schema: HOSTILE,
          name: HOSTILE,
          columns: [
            {
              name: HOSTILE,
              type: `"><svg onload=alert(1)>`,
              nullable: false,
              default: null,
              unique: false,
              autoIncrement: false,
              note: null,
            },
          ],
          primaryKey: [HOSTILE],
          indexes: [],
          foreignKeys: [],
          checks: [],
          note: null,
        },
      ],
    };
    const key = tableKey(design.tables[0]!);
    const layout: DesignLayout = {
      version: 1,
      tables: { [key]: { x: 0, y: 0 } },
      groups: [{ name: HOSTILE, tables: [key] }],
    };
    const svg = diagramSvg(design, layout, 'light');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect([...elementNames(svg)].sort()).toEqual(['?xml', 'g', 'path', 'rect', 'svg', 'text', 'title']);
    expect(texts(svg)).toContain(HOSTILE);
    expect(svg).not.toContain('<script');
  });

  it('has a viewBox that covers every node, placed or not', () => {
    const design = sampleDesign({ tables: 30, foreignKeys: 20 });
    const layout = gridLayout(design);
    // two tables without a position are still drawn, below the others
    delete layout.tables['table_0003'];
    delete layout.tables['table_0010'];
    const svg = diagramSvg(design, layout, 'light');
    const [minX, minY, width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    for (const table of design.tables) {
      const match = new RegExp(`data-table="${table.name}"><rect x="(-?[\\d.]+)" y="(-?[\\d.]+)"`).exec(svg);
      expect(match, table.name).not.toBeNull();
      const x = Number(match![1]);
      const y = Number(match![2]);
      expect(x).toBeGreaterThanOrEqual(minX);
      expect(y).toBeGreaterThanOrEqual(minY);
      expect(x + NODE_WIDTH).toBeLessThanOrEqual(minX + width);
      expect(y + nodeHeight(table)).toBeLessThanOrEqual(minY + height);
    }
    expect(svg).toContain('data-table="table_0003"');
  });

  it('draws an empty design as a small blank document', () => {
    const svg = diagramSvg({ dialect: 'sqlite', tables: [], enums: [], note: null }, EMPTY_LAYOUT, 'dark');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('viewBox="0 0 80 80"');
  });
});

describe('xml', () => {
  it('escapes markup characters and replaces characters XML cannot hold', () => {
    expect(xml(`<a href="x">'&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\ufffd');
  });
});
