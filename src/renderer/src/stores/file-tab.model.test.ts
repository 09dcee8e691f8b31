import { describe, expect, it } from 'vitest';
import { createDesignTabModel } from '../features/designer/design-tab.model';
import { createRunTabModel } from '../features/http/runner/run-tab.model';
import { createMockTabModel } from '../features/mocks/mock-tab.model';
import type { NewTabBase, TabState } from './tab-types';

const base = (id: string): NewTabBase => ({ id, connectionId: 'ignored', untitled: (prefix) => `${prefix} 1` });

describe('file tab models (design, mock, collection run)', () => {
  it('names a tab after its file unless a title is given, and never ties it to a connection', () => {
    const design = createDesignTabModel(() => false);
    const mock = createMockTabModel(() => false);
    const run = createRunTabModel(() => false);
    expect(design.create({ kind: 'design', path: 'shop/orders.dbml' }, base('d1'))).toEqual({
      kind: 'design',
      id: 'd1',
      title: 'orders',
      connectionId: null,
      path: 'shop/orders.dbml',
    });
    expect(mock.create({ kind: 'mock', path: 'shop-api.yml' }, base('m1')).title).toBe('shop-api');
    expect(run.create({ kind: 'httpRun', path: 'shop/users' }, base('r1')).title).toBe('Run users');
    expect(mock.create({ kind: 'mock', path: 'a.yaml', title: 'Orders API' }, base('m2')).title).toBe('Orders API');
    expect(run.create({ kind: 'httpRun', path: 'shop' }, base('r2')).connectionId).toBeNull();
  });

  it('stores only kind, id, title and path, and restores what it stored', () => {
    const mock = createMockTabModel(() => false);
    const tab = { kind: 'mock', id: 'm1', title: 'Shop', connectionId: null, path: 'shop.yaml', extra: 1 } as const;
    const stored = mock.persist(tab);
    expect(stored).toEqual({ kind: 'mock', id: 'm1', title: 'Shop', connectionId: null, path: 'shop.yaml' });
    expect(mock.restore(stored)).toEqual(stored);
  });

  it('finds the open tab of the same kind and file only', () => {
    const design = createDesignTabModel(() => false);
    const tabs: TabState[] = [
      { kind: 'mock', id: 'm1', title: 'a', connectionId: null, path: 'a.dbml' },
      { kind: 'design', id: 'd1', title: 'b', connectionId: null, path: 'b.dbml' },
      { kind: 'design', id: 'd2', title: 'a', connectionId: null, path: 'a.dbml' },
    ];
    expect(design.findOpen(tabs, { kind: 'design', path: 'a.dbml' })?.id).toBe('d2');
    expect(design.findOpen(tabs, { kind: 'design', path: 'c.dbml' })).toBeUndefined();
  });

  it('asks the feature whether closing loses work: by path for designs and mocks, by tab id for runs', () => {
    const asked: string[] = [];
    const design = createDesignTabModel((path) => (asked.push(path), path === 'x.dbml'));
    const run = createRunTabModel((tabId) => (asked.push(tabId), tabId === 'r1'));
    const tab = <K extends 'design' | 'httpRun'>(kind: K, id: string, path: string) => ({
      kind,
      id,
      title: id,
      connectionId: null,
      path,
    });
    expect(design.hasUnsavedWork(tab('design', 'd1', 'x.dbml'))).toBe(true);
    expect(design.hasUnsavedWork(tab('design', 'd2', 'y.dbml'))).toBe(false);
    expect(run.hasUnsavedWork(tab('httpRun', 'r1', 'shop'))).toBe(true);
    expect(asked).toEqual(['x.dbml', 'y.dbml', 'r1']);
  });
});
