import type { Registry } from '../../app/registry';
import { SavedQueriesPanel } from '../saved-queries/saved-queries-panel';
import { HistoryPanel } from './history-panel';

/** The History and Saved panels: the two ways back to SQL run before. */
export function registerHistory(registry: Registry): void {
  registry.registerPanel({ id: 'history', title: 'History', order: 20, component: HistoryPanel });
  registry.registerPanel({ id: 'saved', title: 'Saved', order: 30, component: SavedQueriesPanel });
}
