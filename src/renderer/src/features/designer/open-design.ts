import type { Engine } from '../../../../shared/domain';
import { stores } from '../../stores/app-stores';
import { designTitleFromPath } from './design-tab.model';

/** Opens a design's tab (the open one when there is one). */
export function openDesignTab(path: string): void {
  stores.tabs.getState().openTab({ kind: 'design', path, connectionId: null, title: designTitleFromPath(path) });
}

/** A design file name from what the user typed: `Shop v2` → `Shop v2.dbml` (slashes, dots and the like left out). */
export function designPathFromName(name: string): string {
  const base = name
    .trim()
    .replace(/\.dbml$/i, '')
    .replace(/[\\/:*?"<>|.]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'design'}.dbml`;
}

/** A path no listed design has: `shop.dbml`, `shop-2.dbml`, … */
export function freeDesignPath(path: string): string {
  const taken = new Set(stores.designer.getState().designs.map((d) => d.path.toLowerCase()));
  if (!taken.has(path.toLowerCase())) return path;
  const base = path.replace(/\.dbml$/i, '');
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}.dbml`.toLowerCase())) return `${base}-${n}.dbml`;
}

/**
 * "Open as diagram": a design read from a connection's live schema, saved as `<connection name>.dbml` (made
 * unique), then opened.
 */
export async function openAsDiagram(
  connection: { id: string; name: string; params: { engine: Engine } },
  schema: string | null,
): Promise<void> {
  // the list tells which names are taken
  await stores.designer.getState().loadDesigns();
  const path = freeDesignPath(designPathFromName(schema ? `${connection.name} ${schema}` : connection.name));
  const created = await stores.designer
    .getState()
    .createDesign({ path, dialect: connection.params.engine, from: { connectionId: connection.id, schema } });
  if (created) openDesignTab(created);
}
