import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbmlProblem } from '../../../../../shared/contract/designer.contract';
import type { Design } from '../../../../../shared/design';
import { startCoreClient, type CoreClient } from '../../../stores/testing/core-client';
import { createDbmlSync, dbmlPortOf } from './dbml-sync';

/** The pane's sync over the real core's formatDbml and parseDbml. */
let core: CoreClient;

beforeAll(async () => {
  core = await startCoreClient();
}, 60_000);

afterAll(async () => {
  await core.close();
});

const design: Design = {
  dialect: 'postgres',
  enums: [],
  note: null,
  tables: [
    {
      schema: null,
      name: 'tools_users',
      columns: [
        {
          name: 'id',
          type: 'integer',
          nullable: false,
          default: null,
          unique: false,
          autoIncrement: false,
          note: null,
        },
        {
          name: 'email',
          type: 'varchar(255)',
          nullable: false,
          default: null,
          unique: true,
          autoIncrement: false,
          note: null,
        },
      ],
      primaryKey: ['id'],
      indexes: [],
      foreignKeys: [],
      checks: [],
      note: null,
    },
  ],
};

function harness() {
  const state = { text: '', problems: [] as DbmlProblem[], error: null as string | null };
  const designs: Design[] = [];
  const sync = createDbmlSync({
    port: dbmlPortOf(core.client),
    debounceMs: 5,
    onDesign: (d) => designs.push(d),
    view: {
      text: () => state.text,
      setText: (text) => (state.text = text),
      focused: () => true,
      showProblems: (problems) => (state.problems = problems),
      showError: (message) => (state.error = message),
    },
  });
  return { state, designs, sync };
}

describe('DBML sync over the real core', () => {
  it('shows the design as DBML and hands back the same design when the text is edited and parses', async () => {
    const { state, designs, sync } = harness();
    sync.designChanged(design);
    await vi.waitFor(() => expect(state.text).toContain('tools_users'));
    state.text = state.text.replace('email', 'mail');
    sync.edited();
    await vi.waitFor(() => expect(designs).toHaveLength(1));
    expect(designs[0]!.tables[0]!.columns.map((c) => c.name)).toEqual(['id', 'mail']);
    expect(designs[0]!.tables[0]!.columns[1]).toMatchObject({ type: 'varchar(255)', unique: true, nullable: false });
    expect(state.error).toBeNull();
  });

  it('shows a problem at the line the parser names and hands on nothing', async () => {
    const { state, designs, sync } = harness();
    sync.designChanged(design);
    await vi.waitFor(() => expect(state.text).toContain('tools_users'));
    const lines = state.text.split('\n');
    const broken = lines.findIndex((line) => line.includes('email'));
    lines[broken] = '  email varchar(255) [nott null]';
    state.text = lines.join('\n');
    sync.edited();
    await vi.waitFor(() => expect(state.problems.length).toBeGreaterThan(0));
    expect(state.problems[0]!.line).toBe(broken + 1);
    expect(designs).toHaveLength(0);
  });
});
