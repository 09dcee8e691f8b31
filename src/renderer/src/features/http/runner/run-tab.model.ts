import { createFileTabModel } from '../../../stores/file-tab.model';
import type { TabModel } from '../../../stores/tab-types';

/**
 * Collection run tabs: one per collection or folder (a second Run… of the same one focuses it). The run itself is
 * not stored with the tab: the core keeps the last reports (`http.runs`), so a restored tab shows the newest one or
 * re-attaches to a run still under way.
 */
export function createRunTabModel(isRunning: (tabId: string) => boolean): TabModel<'httpRun'> {
  return createFileTabModel({
    kind: 'httpRun',
    titleFromPath: (path) => `Run ${path.split('/').pop() ?? path}`,
    // closing cancels a run under way
    hasUnsavedWork: (tab) => isRunning(tab.id),
  });
}
