import { createFileTabModel } from '../../stores/file-tab.model';
import type { TabModel } from '../../stores/tab-types';

/** The mock's display name from its file path (`shop-api.yaml` → `shop-api`) until its definition is read. */
export function mockTitleFromPath(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.ya?ml$/i, '');
}

/**
 * Mock tabs: one mock file each (a second open of the same file focuses the first; a mock belongs to no
 * connection, its resources name theirs). `isDirty` asks the mocks store, which holds the unsaved edits, so
 * closing a tab with unsaved edits asks first.
 */
export function createMockTabModel(isDirty: (path: string) => boolean): TabModel<'mock'> {
  return createFileTabModel({
    kind: 'mock',
    titleFromPath: mockTitleFromPath,
    hasUnsavedWork: (tab) => isDirty(tab.path),
  });
}
