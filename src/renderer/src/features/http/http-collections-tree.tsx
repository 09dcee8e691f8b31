import { useState, type MouseEvent } from 'react';
import type { FolderNode, RequestNode } from '../../../../shared/contract/http.contract';
import { ContextMenu, type ContextMenuItem } from '../../components/context-menu';
import { IconChevronDown, IconChevronRight, IconFolder } from '../../components/icons';
import { stores, useHttp, useTabs } from '../../stores/app-stores';
import { openHttpRequestFile } from './open-http-tab';
import { importExportStore, useImportExport } from './import-export/import-export-stores';
import { openRunTab } from './runner/use-http-runner';
import { FolderSettingsDialog } from './folder-settings/folder-settings-dialog';
import { folderSettingsStore } from './folder-settings/folder-settings-stores';

type Node = FolderNode | RequestNode;

/** What the tree asks its panel to do with a node (the dialogs live in the panel). */
export interface TreeActions {
  rename(node: Node): void;
  remove(node: Node): void;
}

/** The method as a short coloured badge (`DELETE` → `DEL`). */
export function MethodBadge({ method }: { method: string | null }) {
  const text = (method ?? '?').toUpperCase();
  const short = text === 'DELETE' ? 'DEL' : text === 'OPTIONS' ? 'OPT' : text.slice(0, 5);
  return (
    <span className={`http-badge http-badge-${text.toLowerCase()}`} data-testid="http-method-badge" title={text}>
      {short}
    </span>
  );
}

/**
 * The workspace's collections with their folders and requests; a click opens a request, right-click acts on it, a
 * double-click on a collection or folder opens its settings.
 */
export function CollectionsTree({ nodes, actions }: { nodes: FolderNode[]; actions: TreeActions }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<{ x: number; y: number; node: Node } | null>(null);
  const imported = useImportExport((s) => s.selectedCollection);
  // the requests open in a tab with unsaved edits get the same dot as their tab
  const dirtyPaths = useTabs((s) =>
    s.tabs
      .filter((t) => t.kind === 'http' && t.dirty && t.path)
      .map((t) => (t.kind === 'http' ? t.path : ''))
      .join('\n'),
  );
  const dirty = new Set(dirtyPaths.split('\n'));
  // requests whose file changed on disk under unsaved edits (live pickup keeps the edits)
  const changedTabs = useHttp((s) =>
    Object.keys(s.byTab)
      .filter((id) => s.byTab[id]?.changedOnDisk)
      .join('\n'),
  );
  const changedOnDisk = useTabs((s) => {
    const ids = new Set(changedTabs.split('\n'));
    return s.tabs
      .map((t) => (t.kind === 'http' && ids.has(t.id) ? t.path : null))
      .filter(Boolean)
      .join('\n');
  }).split('\n');
  const toggle = (path: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const onMenu = (event: MouseEvent, node: Node) => {
    event.preventDefault();
    setMenu({ x: event.clientX, y: event.clientY, node });
  };

  const render = (node: Node, depth: number) => {
    const indent = { paddingLeft: 6 + depth * 14 };
    if (node.kind === 'request') {
      return (
        <li key={node.path} role="treeitem" aria-selected={false}>
          <button
            type="button"
            className="http-tree-row"
            style={indent}
            title={node.error ?? `collections/${node.path}`}
            data-testid="http-tree-request"
            data-path={node.path}
            onClick={() => openHttpRequestFile(node.path, node.name)}
            onContextMenu={(e) => onMenu(e, node)}
          >
            <MethodBadge method={node.method} />
            <span className="http-tree-name">{node.name}</span>
            {dirty.has(node.path) && <span className="editor-tab-dirty" aria-label="Unsaved changes" />}
            {changedOnDisk.includes(node.path) && (
              <span className="http-tree-disk" title="Changed on disk; the open tab keeps your unsaved edits">
                changed on disk
              </span>
            )}
          </button>
        </li>
      );
    }
    const open = !collapsed.has(node.path);
    return (
      <li key={node.path} role="treeitem" aria-expanded={open} aria-selected={false}>
        <button
          type="button"
          className="http-tree-row http-tree-folder"
          style={indent}
          title={node.error ?? `collections/${node.path}`}
          data-testid={depth === 0 ? 'http-tree-collection' : 'http-tree-folder'}
          data-path={node.path}
          aria-current={node.path === imported ? true : undefined}
          onClick={() => toggle(node.path)}
          onDoubleClick={() => void folderSettingsStore.getState().open(node.path)}
          onContextMenu={(e) => onMenu(e, node)}
        >
          {open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
          <IconFolder size={14} />
          <span className="http-tree-name">{node.name}</span>
        </button>
        {open && node.children.length > 0 && (
          <ul role="group" className="http-tree-group">
            {node.children.map((child) => render(child, depth + 1))}
          </ul>
        )}
      </li>
    );
  };

  const items: ContextMenuItem[] = menu
    ? [
        ...(menu.node.kind === 'request'
          ? [{ label: 'Open', onSelect: () => openHttpRequestFile(menu.node.path, menu.node.name) }]
          : []),
        ...(menu.node.kind === 'folder'
          ? [{ label: 'Settings…', onSelect: () => void folderSettingsStore.getState().open(menu.node.path) }]
          : []),
        ...(menu.node.kind === 'folder' && !menu.node.path.includes('/')
          ? [
              {
                label: 'Variables…',
                onSelect: () =>
                  void stores.httpEnvironments.getState().openEditor({ kind: 'collection', path: menu.node.path }),
              },
            ]
          : []),
        ...(menu.node.kind === 'folder'
          ? [{ label: 'Run…', onSelect: () => void openRunTab(menu.node.path, menu.node.name) }]
          : []),
        { label: 'Rename…', onSelect: () => actions.rename(menu.node) },
        { label: 'Delete…', onSelect: () => actions.remove(menu.node) },
        ...(menu.node.kind === 'folder' && !menu.node.path.includes('/')
          ? [
              {
                label: 'Export as Postman v2.1…',
                onSelect: () => void importExportStore.getState().exportCollection(menu.node.path),
              },
            ]
          : []),
      ]
    : [];
  return (
    <>
      <ul className="http-tree" role="tree" aria-label="Collections" data-testid="http-tree">
        {nodes.map((node) => render(node, 0))}
      </ul>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          items={items.map((item) => ({
            ...item,
            onSelect: () => {
              setMenu(null);
              item.onSelect();
            },
          }))}
          onClose={() => setMenu(null)}
          testId="http-tree-menu"
        />
      )}
      <FolderSettingsDialog />
    </>
  );
}
