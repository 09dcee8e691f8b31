import { memo, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type WheelEvent } from 'react';
import { ContextMenu } from '../components/context-menu';
import { IconClose, IconList, IconPlus } from '../components/icons';
import { stores, useResults, useTabs } from '../stores/app-stores';
import type { TabState } from '../stores/tab-types';
import { appRegistry } from './app-registry';
import { comboText } from './key-combos';

const kindOf = (tab: TabState) => appRegistry.tabKind(tab.kind);

/**
 * The strip of open tabs: click to switch, double-click or F2 to rename, middle-click or × to close, + for a
 * new SQL tab, the wheel scrolls it, and the list button shows every tab when they do not fit.
 */
export function TabStrip() {
  const tabIds = useTabs((s) => s.tabs.map((t) => t.id).join('\n'));
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // a vertical wheel moves the strip sideways (a mouse has no horizontal wheel)
  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    const el = scrollRef.current;
    if (!el || Math.abs(event.deltaY) <= Math.abs(event.deltaX)) return;
    el.scrollLeft += event.deltaMode === 1 ? event.deltaY * 30 : event.deltaY;
  };

  // the strip narrows when the sidebar opens or the window shrinks: bring the active tab back into sight
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() =>
      el.querySelector('.editor-tab.is-active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const openList = (event: MouseEvent<HTMLButtonElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    setMenu({ x: rect.right - 260, y: rect.bottom + 2 });
  };

  const listItems = () => {
    const { tabs, activeTabId } = stores.tabs.getState();
    return tabs.map((tab) => ({
      id: tab.id,
      label: kindOf(tab).title(tab),
      title: kindOf(tab).describe(tab),
      checked: tab.id === activeTabId,
      onSelect: () => stores.tabs.getState().setActiveTab(tab.id),
    }));
  };

  return (
    <div className="editor-tabs" data-testid="editor-tabs">
      <div
        ref={scrollRef}
        className="editor-tabs-scroll"
        role="tablist"
        aria-label="Open tabs"
        onWheel={onWheel}
        data-testid="tab-strip-scroll"
      >
        {tabIds
          .split('\n')
          .filter(Boolean)
          .map((id) => (
            <TabButton key={id} id={id} />
          ))}
      </div>
      <button
        type="button"
        className="icon-button editor-tabs-new"
        onClick={() => appRegistry.runCommand('tabs.new')}
        title={`New tab on the connection in use (${comboText('Alt+T')})`}
        aria-label="New tab"
        data-testid="new-tab"
      >
        <IconPlus />
      </button>
      <button
        type="button"
        className="icon-button editor-tabs-list"
        onClick={openList}
        title="All open tabs"
        aria-label="All open tabs"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        data-testid="tab-list"
      >
        <IconList />
      </button>
      {menu && (
        <ContextMenu x={menu.x} y={menu.y} items={listItems()} onClose={() => setMenu(null)} testId="tab-list-menu" />
      )}
    </div>
  );
}

const TabButton = memo(function TabButton({ id }: { id: string }) {
  const tab = useTabs((s) => s.tabs.find((t) => t.id === id));
  const active = useTabs((s) => s.activeTabId === id);
  const running = useResults((s) => !!s.resultsByEditorTab[id]?.running);
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const title = tab ? kindOf(tab).title(tab) : '';
  // the active tab is always in sight: a new tab, one picked from the list or by keys beyond the strip's edge, and
  // one whose title grew (renamed, or saved under a name)
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active, title]);
  if (!tab) return null;
  const { setActiveTab, requestCloseTab, renameTab } = stores.tabs.getState();
  const kind = kindOf(tab);
  const Icon = kind.icon;

  const onMouseDown = (event: MouseEvent) => {
    if (event.button === 1) {
      event.preventDefault();
      requestCloseTab(id);
    }
  };
  const finishRename = (value: string) => {
    renameTab(id, value);
    setEditing(false);
  };
  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') finishRename(event.currentTarget.value);
    else if (event.key === 'Escape') setEditing(false);
  };

  return (
    <div
      ref={ref}
      role="tab"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      className={`editor-tab${active ? ' is-active' : ''}`}
      data-testid="editor-tab"
      data-title={title}
      data-kind={tab.kind}
      title={kind.describe(tab)}
      onClick={() => setActiveTab(id)}
      onMouseDown={onMouseDown}
      onDoubleClick={() => setEditing(true)}
      onKeyDown={(e) => e.key === 'F2' && setEditing(true)}
    >
      {running ? (
        <span className="editor-tab-running" aria-label="Running" />
      ) : (
        <Icon size={12} className="icon editor-tab-icon" />
      )}
      {editing ? (
        <input
          className="editor-tab-rename"
          defaultValue={title}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onBlur={(e) => finishRename(e.currentTarget.value)}
          onKeyDown={onRenameKey}
          onClick={(e) => e.stopPropagation()}
          aria-label="Tab name"
        />
      ) : (
        <span className="editor-tab-title">{title}</span>
      )}
      {'dirty' in tab && tab.dirty && !editing && (
        <span className="editor-tab-dirty" aria-label="Unsaved changes" title="Unsaved changes" />
      )}
      <button
        type="button"
        className="editor-tab-close"
        aria-label={`Close ${title}`}
        title={`Close (${comboText('Alt+W')})`}
        onClick={(e) => {
          e.stopPropagation();
          requestCloseTab(id);
        }}
      >
        <IconClose size={12} />
      </button>
    </div>
  );
});
