import { memo, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { IconClose, IconPlus } from '../../components/icons';
import { useAppStore } from '../../stores/app-store';

/** The strip of editor tabs: click to switch, double-click to rename, middle-click or × to close, + for a new one. */
export function EditorTabStrip() {
  const tabIds = useAppStore((s) => s.tabs.map((t) => t.id).join('\n'));
  const openTab = useAppStore((s) => s.openTab);
  return (
    <div className="editor-tabs" role="tablist" aria-label="Editor tabs" data-testid="editor-tabs">
      <div className="editor-tabs-scroll">
        {tabIds
          .split('\n')
          .filter(Boolean)
          .map((id) => (
            <EditorTabButton key={id} id={id} />
          ))}
      </div>
      <button
        type="button"
        className="icon-button editor-tabs-new"
        onClick={() => openTab()}
        title="New tab (Alt+T)"
        aria-label="New tab"
        data-testid="new-tab"
      >
        <IconPlus />
      </button>
    </div>
  );
}

const EditorTabButton = memo(function EditorTabButton({ id }: { id: string }) {
  const tab = useAppStore((s) => s.tabs.find((t) => t.id === id));
  const active = useAppStore((s) => s.activeTabId === id);
  const running = useAppStore((s) => !!s.resultsByEditorTab[id]?.running);
  const { setActiveTab, requestCloseTab, renameTab } = useAppStore.getState();
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // a new or activated tab beyond the strip's edge scrolls into view
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);
  if (!tab) return null;

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
      data-title={tab.title}
      title={tab.savedPath ?? tab.title}
      onClick={() => setActiveTab(id)}
      onMouseDown={onMouseDown}
      onDoubleClick={() => setEditing(true)}
      onKeyDown={(e) => e.key === 'F2' && setEditing(true)}
    >
      {running && <span className="editor-tab-running" aria-label="Running" />}
      {editing ? (
        <input
          className="editor-tab-rename"
          defaultValue={tab.title}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onBlur={(e) => finishRename(e.currentTarget.value)}
          onKeyDown={onRenameKey}
          onClick={(e) => e.stopPropagation()}
          aria-label="Tab name"
        />
      ) : (
        <span className="editor-tab-title">{tab.title}</span>
      )}
      {tab.dirty && !editing && (
        <span className="editor-tab-dirty" aria-label="Unsaved changes" title="Unsaved changes" />
      )}
      <button
        type="button"
        className="editor-tab-close"
        aria-label={`Close ${tab.title}`}
        title="Close (Alt+W)"
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
