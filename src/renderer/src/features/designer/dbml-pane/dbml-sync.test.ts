import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbmlProblem } from '../../../../../shared/contract/designer.contract';
import { emptyDesign, type Design } from '../../../../../shared/design';
import { createDbmlSync, type DbmlPort } from './dbml-sync';

/**
 * A stand-in for the two procedures with a format the test can read: the design's table names, one a line; a line
 * `!` does not parse. The sync's rules are what is tested here; the DBML itself is the core's (dbml.test.ts).
 */
const port: DbmlPort = {
  format: (design) => Promise.resolve(design.tables.map((t) => t.name).join('\n')),
  parse: (dbml, dialect) => {
    const lines = dbml.split('\n').filter(Boolean);
    const bad = lines.findIndex((line) => line === '!');
    if (bad >= 0)
      return Promise.resolve({ design: null, problems: [{ line: bad + 1, column: 1, message: 'Unexpected !' }] });
    return Promise.resolve({ design: designOf(lines, dialect), problems: [] });
  },
};

function designOf(names: string[], dialect: Design['dialect'] = 'postgres'): Design {
  return {
    ...emptyDesign(dialect),
    tables: names.map((name) => ({
      schema: null,
      name,
      columns: [],
      primaryKey: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
      note: null,
    })),
  };
}

function harness() {
  const state = { text: '', focused: false, problems: [] as DbmlProblem[], error: null as string | null };
  const designs: Design[] = [];
  const sync = createDbmlSync({
    port,
    debounceMs: 300,
    onDesign: (design) => designs.push(design),
    view: {
      text: () => state.text,
      setText: (text) => (state.text = text),
      focused: () => state.focused,
      showProblems: (problems) => (state.problems = problems),
      showError: (message) => (state.error = message),
    },
  });
  const type = (text: string) => {
    state.focused = true;
    state.text = text;
    sync.edited();
  };
  return { state, designs, sync, type };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('createDbmlSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the design as text', async () => {
    const { state, sync } = harness();
    sync.designChanged(designOf(['users', 'orders']));
    await settle();
    expect(state.text).toBe('users\norders');
  });

  it('parses typed text after the pause, once, and hands on the design it describes', async () => {
    const { state, designs, sync, type } = harness();
    sync.designChanged(designOf(['users']));
    await settle();
    type('users\no');
    await vi.advanceTimersByTimeAsync(100);
    type('users\norders');
    await vi.advanceTimersByTimeAsync(299);
    expect(designs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(designs.map((d) => d.tables.map((t) => t.name))).toEqual([['users', 'orders']]);
    expect(state.problems).toEqual([]);
  });

  it('shows problems at their line instead of handing on a design, and clears them once the text parses', async () => {
    const { state, designs, sync, type } = harness();
    sync.designChanged(designOf(['users']));
    await settle();
    type('users\n!');
    await vi.advanceTimersByTimeAsync(300);
    expect(designs).toHaveLength(0);
    expect(state.problems).toEqual([{ line: 2, column: 1, message: 'Unexpected !' }]);
    type('users');
    await vi.advanceTimersByTimeAsync(300);
    expect(state.problems).toEqual([]);
    expect(designs).toHaveLength(1);
  });

  it('does not re-format the text when the design it handed on comes back as the prop', async () => {
    const { state, designs, sync, type } = harness();
    sync.designChanged(designOf(['users']));
    await settle();
    type('users\n\n\norders');
    await vi.advanceTimersByTimeAsync(300);
    sync.designChanged(designs[0]!);
    await settle();
    expect(state.text).toBe('users\n\n\norders');
  });

  it('replaces the text with a design changed elsewhere while the pane is not focused', async () => {
    const { state, sync } = harness();
    sync.designChanged(designOf(['users']));
    await settle();
    sync.designChanged(designOf(['users', 'orders']));
    await settle();
    expect(state.text).toBe('users\norders');
  });

  it('replaces the text while focused when the user has not changed it', async () => {
    const { state, sync } = harness();
    sync.designChanged(designOf(['users']));
    await settle();
    state.focused = true;
    sync.designChanged(designOf(['users', 'orders']));
    await settle();
    expect(state.text).toBe('users\norders');
  });

  it('keeps what the user is typing when the design changes elsewhere, and shows that change once the pane is left', async () => {
    const { state, sync, type } = harness();
    sync.designChanged(designOf(['users']));
    await settle();
    type('users\nord');
    sync.designChanged(designOf(['users', 'products']));
    await settle();
    expect(state.text).toBe('users\nord');
    // the typed text parses and is handed on first: the text stays what the user typed
    await vi.advanceTimersByTimeAsync(300);
    sync.designChanged(designOf(['users', 'products', 'tags']));
    await settle();
    expect(state.text).toBe('users\nord');
    state.focused = false;
    sync.blurred();
    expect(state.text).toBe('users\nproducts\ntags');
  });

  it('keeps typed text that does not parse when the pane is left', async () => {
    const { state, sync, type } = harness();
    sync.designChanged(designOf(['users']));
    await settle();
    type('users\n!');
    await vi.advanceTimersByTimeAsync(300);
    sync.designChanged(designOf(['users', 'products']));
    await settle();
    state.focused = false;
    sync.blurred();
    expect(state.text).toBe('users\n!');
  });

  it('ignores a parse answer for text that has changed since', async () => {
    let release: (() => void) | null = null;
    const slow: DbmlPort = {
      ...port,
      parse: (dbml, dialect) =>
        new Promise((resolve) => (release = () => void port.parse(dbml, dialect).then(resolve))),
    };
    const state = { text: '' };
    const designs: Design[] = [];
    const sync = createDbmlSync({
      port: slow,
      debounceMs: 10,
      onDesign: (design) => designs.push(design),
      view: {
        text: () => state.text,
        setText: (t) => (state.text = t),
        focused: () => true,
        showProblems: () => {},
        showError: () => {},
      },
    });
    sync.designChanged(designOf(['a']));
    await settle();
    state.text = 'a\nb';
    sync.edited();
    await vi.advanceTimersByTimeAsync(10);
    state.text = 'a\nb\nc';
    release!();
    await settle();
    expect(designs).toHaveLength(0);
  });

  it('says when a call fails (the procedure is missing, the host is gone)', async () => {
    const state = { error: null as string | null };
    const sync = createDbmlSync({
      port: { ...port, format: () => Promise.reject(new Error('Designer DBML is not available yet.')) },
      onDesign: () => {},
      view: {
        text: () => '',
        setText: () => {},
        focused: () => false,
        showProblems: () => {},
        showError: (m) => (state.error = m),
      },
    });
    sync.designChanged(designOf(['a']));
    await settle();
    expect(state.error).toBe('Designer DBML is not available yet.');
  });
});
