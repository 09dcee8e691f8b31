import { describe, expect, it } from 'vitest';
import { addToast } from './toast-list';
import type { Toast } from './store-deps';

const lost = (id: number, title = 'Could not save the editor tabs'): Toast => ({
  id,
  kind: 'error',
  title,
  code: 'CONNECTION_LOST',
  message: 'Could not reach the Backbench server.',
});

describe('addToast', () => {
  it('replaces an identical toast instead of stacking a copy', () => {
    let list: Toast[] = [];
    for (let id = 1; id <= 4; id++) list = addToast(list, lost(id), 5);
    expect(list.map((t) => t.id)).toEqual([4]);
  });

  it('keeps toasts that differ in title, code or message', () => {
    let list = addToast([], lost(1), 5);
    list = addToast(list, lost(2, 'Could not refresh the schema'), 5);
    list = addToast(list, { ...lost(3), code: 'UNAUTHORIZED' }, 5);
    expect(list.map((t) => t.id)).toEqual([1, 2, 3]);
  });

  it('moves a repeated toast to the end and caps the list', () => {
    let list: Toast[] = [];
    for (let id = 1; id <= 3; id++) list = addToast(list, lost(id, `t${id}`), 3);
    list = addToast(list, lost(4, 't1'), 3);
    expect(list.map((t) => t.title)).toEqual(['t2', 't3', 't1']);
    list = addToast(list, lost(5, 't5'), 3);
    expect(list.map((t) => t.title)).toEqual(['t3', 't1', 't5']);
  });
});
