import type { Registry } from '../../app/registry';
import type { AppStores } from '../../stores/create-app-stores';
import { SchemaBrowser } from './schema-browser';

/** The Schema panel (the shown connection's tree) and Mod+K to filter it. */
export function registerSchemaBrowser(registry: Registry, stores: AppStores): void {
  registry.registerPanel({ id: 'schema', title: 'Schema', order: 10, component: SchemaBrowser });
  registry.registerCommand({
    id: 'sidebar.filter',
    title: 'Filter the schema tree',
    group: 'Sidebar',
    combos: ['Mod+K'],
    run: () => {
      stores.ui.getState().showSidebarPanel('schema');
      // the panel may have to mount first
      requestAnimationFrame(() => document.getElementById('schema-filter')?.focus());
    },
  });
}
