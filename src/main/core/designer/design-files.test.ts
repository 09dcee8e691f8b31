import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../shared/client';
import { EMPTY_LAYOUT, type DesignLayout } from '../../../shared/design';
import type { EventPayload } from '../../../shared/events';
import { createMemoryTransport } from '../../../shared/transport-memory';
import { AppError } from '../../../shared/errors';
import { createMemoryLogger } from '../logging/logger';
import { createServices } from '../services';
import { richDesign } from './dbml-fixtures';
import { DesignFiles, stringifyLayout } from './design-files';

let dir: string;
let files: DesignFiles;
let events: EventPayload<'designer.filesChanged'>[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-dbml-files-'));
  events = [];
  files = new DesignFiles({
    workspaceDir: dir,
    logger: createMemoryLogger([]),
    debounceMs: 50,
    emit: (topic, payload) => {
      if (topic === 'designer.filesChanged') events.push(payload as EventPayload<'designer.filesChanged'>);
    },
  });
});
afterEach(async () => {
  await files.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const layout: DesignLayout = {
  version: 1,
  tables: { orders: { x: 300, y: 0 }, customers: { x: 0, y: 0, color: '#aa3300' } },
  groups: [{ name: 'Sales', tables: ['orders', 'customers'] }],
};

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, message: (error as AppError).message };
  }
  throw new Error('expected a rejection');
}

describe('design files', () => {
  it('lists nothing before the designs folder exists, and creates it on the first design', async () => {
    expect(await files.list()).toEqual([]);
    await files.create('shop.dbml', richDesign('postgres'), EMPTY_LAYOUT);
    expect(existsSync(join(dir, 'designs/shop.dbml'))).toBe(true);
    const [summary] = await files.list();
    expect(summary).toMatchObject({ path: 'shop.dbml', name: 'shop', dialect: 'postgres', tables: 4 });
    expect(summary!.sizeBytes).toBe(readFileSync(join(dir, 'designs/shop.dbml')).length);
    expect(summary!.error).toBeUndefined();
  });

  it('writes and reads back the design and its layout; the sidecar is sorted, stable JSON', async () => {
    const design = richDesign('mysql');
    const { dbml } = await files.write('sub/shop.dbml', design, layout);
    const back = await files.read('sub/shop.dbml');
    // the sidecar's colour and group are in the DBML too, as headercolor and TableGroup
    expect(dbml).toContain('Table customers [headercolor: #aa3300] {\n');
    expect(dbml).toContain('TableGroup Sales {\n  orders\n  customers\n}');
    const mirrored = {
      ...design,
      tables: design.tables.map((t) => (t.name === 'customers' ? { ...t, headerColor: '#aa3300' } : t)),
      groups: [{ name: 'Sales', tables: ['orders', 'customers'], note: null, color: null }],
    };
    expect(back).toEqual({ path: 'sub/shop.dbml', dbml, design: mirrored, layout });
    const sidecar = readFileSync(join(dir, 'designs/sub/shop.layout.json'), 'utf8');
    expect(sidecar).toBe(
      '{\n  "version": 1,\n  "tables": {\n    "customers": {\n      "x": 0,\n      "y": 0,\n      "color": "#aa3300"\n    },\n' +
        '    "orders": {\n      "x": 300,\n      "y": 0\n    }\n  },\n  "groups": [\n    {\n      "name": "Sales",\n' +
        '      "tables": [\n        "orders",\n        "customers"\n      ]\n    }\n  ]\n}\n',
    );
    expect(stringifyLayout(back.layout)).toBe(sidecar);
    await files.write('sub/shop.dbml', back.design, back.layout);
    expect(readFileSync(join(dir, 'designs/sub/shop.dbml'), 'utf8')).toBe(dbml);
    expect((await files.list()).map((s) => s.path)).toEqual(['sub/shop.dbml']);
  });

  it('gives a dbdiagram.io file’s headercolor and TableGroups to the layout, and keeps them when the layout changes', async () => {
    mkdirSync(join(dir, 'designs'));
    writeFileSync(
      join(dir, 'designs/dd.dbml'),
      "Table a [headercolor: #3498DB] {\n  id int [pk]\n}\nTable b {\n  id int [pk]\n}\nTableGroup g [color: #E67E22] {\n  a\n  b\n  Note: 'both'\n}\nNote n {\n  'sticky'\n}\nRecords a(id) {\n  1\n}\n",
    );
    const opened = await files.read('dd.dbml');
    expect(opened.layout.groups).toEqual([{ name: 'g', tables: ['a', 'b'], color: '#e67e22' }]);
    // a table without a position gets its colour once it has one
    const moved: DesignLayout = { ...opened.layout, tables: { a: { x: 10, y: 20 }, b: { x: 300, y: 0 } } };
    await files.write('dd.dbml', opened.design, moved);
    const again = await files.read('dd.dbml');
    expect(again.design).toEqual(opened.design);
    expect(again.layout.tables).toEqual({ a: { x: 10, y: 20, color: '#3498db' }, b: { x: 300, y: 0 } });
    // only the layout changed: the file stays as its author wrote it
    expect(again.dbml).toContain("TableGroup g [color: #E67E22] {\n  a\n  b\n  Note: 'both'\n}");
    expect(again.dbml).toContain("Note n {\n  'sticky'\n}");
    expect(again.dbml).toContain('Records a(id) {\n  1\n}');
  });

  it('leaves a hand-written file as written when only the layout changes, and rewrites it when the design does', async () => {
    mkdirSync(join(dir, 'designs'));
    const text =
      'Table users {\n  id integer [pk]\n}\n\nTable posts {\n  id integer [pk]\n  user_id integer [ref: > users.id] // inline\n}\n';
    writeFileSync(join(dir, 'designs/hand.dbml'), text);
    const opened = await files.read('hand.dbml');
    const placed: DesignLayout = { ...opened.layout, tables: { users: { x: 0, y: 0 }, posts: { x: 300, y: 0 } } };
    const written = await files.write('hand.dbml', opened.design, placed);
    expect(written.dbml).toBe(text);
    expect(readFileSync(join(dir, 'designs/hand.dbml'), 'utf8')).toBe(text);
    expect((await files.read('hand.dbml')).layout.tables.posts).toEqual({ x: 300, y: 0 });
    // a real change: the file is written in the app's spelling
    const renamed = { ...opened.design, tables: opened.design.tables.map((t) => ({ ...t, note: 'changed' })) };
    const rewritten = await files.write('hand.dbml', renamed, placed);
    expect(rewritten.dbml).not.toBe(text);
    expect(readFileSync(join(dir, 'designs/hand.dbml'), 'utf8')).toBe(rewritten.dbml);
    expect((await files.read('hand.dbml')).design).toEqual(renamed);
  });

  it('reads a design without a sidecar with the empty layout', async () => {
    mkdirSync(join(dir, 'designs'));
    writeFileSync(join(dir, 'designs/hand.dbml'), 'Table users {\n  id int [pk]\n}\n');
    const read = await files.read('hand.dbml');
    expect(read.layout).toEqual(EMPTY_LAYOUT);
    expect(read.design.dialect).toBe('postgres');
    expect(read.design.tables[0]!.name).toBe('users');
  });

  it('refuses a second create of one path (CONFLICT) and leaves the first as it was', async () => {
    await files.create('shop.dbml', richDesign('sqlite'), layout);
    const before = readFileSync(join(dir, 'designs/shop.dbml'), 'utf8');
    expect((await codeOf(files.create('shop.dbml', richDesign('postgres'), EMPTY_LAYOUT))).code).toBe('CONFLICT');
    expect(readFileSync(join(dir, 'designs/shop.dbml'), 'utf8')).toBe(before);
    expect((await files.read('shop.dbml')).layout).toEqual(layout);
  });

  it('names line and column of a broken design, and the sidecar when that is broken', async () => {
    mkdirSync(join(dir, 'designs'));
    writeFileSync(join(dir, 'designs/broken.dbml'), 'Table users {\n  id int [pk\n}\n');
    const broken = await codeOf(files.read('broken.dbml'));
    expect(broken.code).toBe('INVALID_INPUT');
    expect(broken.message).toMatch(/^designs\/broken\.dbml does not parse: line 3, column 1: /);
    expect((await files.list())[0]).toMatchObject({ path: 'broken.dbml', dialect: null, tables: 0 });
    expect((await files.list())[0]!.error).toMatch(/^line 3, column 1: /);

    writeFileSync(join(dir, 'designs/ok.dbml'), 'Table users {\n  id int [pk]\n}\n');
    writeFileSync(join(dir, 'designs/ok.layout.json'), '{"version": 1, "tables": ');
    const json = await codeOf(files.read('ok.dbml'));
    expect(json).toMatchObject({ code: 'INVALID_INPUT' });
    expect(json.message).toMatch(/^designs\/ok\.layout\.json is not valid JSON/);
    writeFileSync(
      join(dir, 'designs/ok.layout.json'),
      '{"version": 1, "tables": {"users": {"x": "left"}}, "groups": []}',
    );
    const shape = await codeOf(files.read('ok.dbml'));
    expect(shape.message).toMatch(/^designs\/ok\.layout\.json: tables\.users\.x: /);
  });

  it('keeps a foreign key to a table outside the design in the sidecar, shown as a comment in the DBML', async () => {
    const design = richDesign('postgres');
    const orders = design.tables[1]!;
    const outside = {
      name: 'orders_rep_fk',
      columns: ['customer_id'],
      refSchema: 'staff',
      refTable: 'reps',
      refColumns: ['id'],
      onDelete: null,
      onUpdate: null,
    };
    orders.foreignKeys = [outside, ...orders.foreignKeys];
    const { dbml } = await files.write('shop.dbml', design, {
      ...EMPTY_LAYOUT,
      externalForeignKeys: { stale: [] },
    });
    expect(dbml).toContain(
      '// outside this design, kept in the layout file: Ref orders_rep_fk: orders.customer_id > staff.reps.id\n',
    );
    const sidecar = JSON.parse(readFileSync(join(dir, 'designs/shop.layout.json'), 'utf8'));
    expect(sidecar.externalForeignKeys).toEqual({ orders: [{ position: 0, foreignKey: outside }] });
    const back = await files.read('shop.dbml');
    expect(back.design).toEqual(design);
    expect(back.layout).toEqual(EMPTY_LAYOUT);
  });

  it('refuses to write a design whose DBML would not read back, and writes nothing', async () => {
    const design = richDesign('sqlite');
    design.tables[1]!.foreignKeys[0]!.refColumns = ['no_such_column'];
    const error = await codeOf(files.write('shop.dbml', design, layout));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^The design cannot be saved as DBML: .*no_such_column/);
    expect(existsSync(join(dir, 'designs/shop.dbml'))).toBe(false);
  });

  it('deletes the design and its sidecar', async () => {
    await files.write('shop.dbml', richDesign('postgres'), layout);
    expect(await files.delete('shop.dbml')).toBe(true);
    expect(existsSync(join(dir, 'designs/shop.dbml'))).toBe(false);
    expect(existsSync(join(dir, 'designs/shop.layout.json'))).toBe(false);
    expect(await files.delete('shop.dbml')).toBe(false);
    expect((await codeOf(files.read('shop.dbml'))).code).toBe('NOT_FOUND');
  });

  it('keeps every path inside designs/, symbolic links included', async () => {
    for (const path of ['../escape.dbml', '/tmp/x.dbml', 'a/../../b.dbml']) {
      expect((await codeOf(files.write(path, richDesign('sqlite'), EMPTY_LAYOUT))).code).toBe('PATH_OUTSIDE_ROOT');
    }
    mkdirSync(join(dir, 'designs'));
    mkdirSync(join(dir, 'outside'));
    symlinkSync(join(dir, 'outside'), join(dir, 'designs/link'));
    expect((await codeOf(files.write('link/x.dbml', richDesign('sqlite'), EMPTY_LAYOUT))).code).toBe(
      'PATH_OUTSIDE_ROOT',
    );
    expect(existsSync(join(dir, 'outside/x.dbml'))).toBe(false);
  });

  it('reports files changed outside the app in one batch, a sidecar as its design, temp files left out', async () => {
    mkdirSync(join(dir, 'designs/team'), { recursive: true });
    const watched = new DesignFiles({
      workspaceDir: dir,
      logger: createMemoryLogger([]),
      debounceMs: 50,
      emit: (topic, payload) => {
        if (topic === 'designer.filesChanged') events.push(payload as EventPayload<'designer.filesChanged'>);
      },
    });
    try {
      events.length = 0;
      writeFileSync(join(dir, 'designs/a.dbml'), 'Table a {\n  id int\n}\n');
      writeFileSync(join(dir, 'designs/team/b.layout.json'), '{}');
      writeFileSync(join(dir, 'designs/a.dbml.1a2b3c.tmp'), 'half');
      writeFileSync(join(dir, 'designs/notes.txt'), 'not a design');
      await vi.waitFor(() => expect(events.length).toBeGreaterThan(0), { timeout: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([...new Set(events.flatMap((e) => e.paths))].sort()).toEqual(['a.dbml', 'team/b.dbml']);
    } finally {
      await watched.dispose();
    }
  });

  it('is wired into the designer module: designs/ made later is watched; dispose stops the watch', async () => {
    const seen: EventPayload<'designer.filesChanged'>[] = [];
    const services = await createServices({
      host: 'test',
      dataDir: dir,
      createSample: false,
      logger: createMemoryLogger([]),
      emit: (topic, payload) => {
        if (topic === 'designer.filesChanged') seen.push(payload as EventPayload<'designer.filesChanged'>);
      },
    });
    const client = createClient(createMemoryTransport(services.dispatch));
    try {
      await client.designer.create({ path: 'shop.dbml', dialect: 'sqlite' });
      await vi.waitFor(() => expect(seen.flatMap((e) => e.paths)).toContain('shop.dbml'), { timeout: 3000 });
      const listed = await client.designer.list({});
      expect(listed.map((s) => [s.path, s.dialect, s.tables])).toEqual([['shop.dbml', 'sqlite', 0]]);
      seen.length = 0;
      writeFileSync(join(dir, 'workspace/designs/other.dbml'), 'Table t {\n  id int\n}\n');
      await vi.waitFor(() => expect(seen.flatMap((e) => e.paths)).toContain('other.dbml'), { timeout: 3000 });
    } finally {
      await services.dispose();
    }
    seen.length = 0;
    writeFileSync(join(dir, 'workspace/designs/third.dbml'), 'Table t {\n  id int\n}\n');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen).toEqual([]);
  });
});
