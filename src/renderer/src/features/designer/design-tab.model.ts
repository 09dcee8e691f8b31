import { createFileTabModel } from '../../stores/file-tab.model';
import type { TabModel } from '../../stores/tab-types';

/** The design's display name from its file path (`shop/orders.dbml` → `orders`). */
export function designTitleFromPath(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.dbml$/i, '');
}

/**
 * Design tabs: one design file each (a second open of the same file focuses the first). Edits are written by the
 * autosave and on close, so only a design whose last save failed has work to lose.
 */
export function createDesignTabModel(hasUnsavedWork: (path: string) => boolean): TabModel<'design'> {
  return createFileTabModel({
    kind: 'design',
    titleFromPath: designTitleFromPath,
    hasUnsavedWork: (tab) => hasUnsavedWork(tab.path),
  });
}
