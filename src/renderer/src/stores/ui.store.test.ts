import { describe, expect, it } from 'vitest';
import { memoryStorage } from './testing/memory-storage';
import { SIDEBAR_AUTO_COLLAPSE_WIDTH, SIDEBAR_MAX, createUiStore, selectSidebarCollapsed } from './ui.store';

describe('ui store (pure UI state, in-memory storage)', () => {
  it('starts from defaults, and from what was stored (clamped) on the next start', () => {
    const storage = memoryStorage();
    const ui = createUiStore(storage, 1280);
    expect(ui.getState()).toMatchObject({ theme: 'dark', sidebarWidth: 300, sidebarCollapsed: false });
    ui.getState().toggleTheme();
    ui.getState().setSidebarWidth(10_000);
    ui.getState().setEditorHeight(333.4);
    const next = createUiStore(storage, 1280);
    expect(next.getState()).toMatchObject({ theme: 'light', sidebarWidth: SIDEBAR_MAX, editorHeight: 333 });
  });

  it('survives storage that holds garbage or throws', () => {
    expect(createUiStore(memoryStorage('not an object'), 1280).getState().theme).toBe('dark');
    const broken = {
      read: () => {
        throw new Error('denied');
      },
      write: () => {
        throw new Error('denied');
      },
    };
    const ui = createUiStore(broken, 1280);
    expect(() => ui.getState().toggleTheme()).not.toThrow();
    expect(ui.getState().theme).toBe('light');
  });

  it('collapses the sidebar in a narrow window and opens it there only for the moment', () => {
    const storage = memoryStorage();
    const ui = createUiStore(storage, 900);
    expect(selectSidebarCollapsed(ui.getState())).toBe(true);
    ui.getState().toggleSidebar();
    expect(selectSidebarCollapsed(ui.getState())).toBe(false);
    // the wide-window choice was not touched
    expect(ui.getState().sidebarCollapsed).toBe(false);
    ui.getState().setViewportWidth(1400);
    expect(selectSidebarCollapsed(ui.getState())).toBe(false);
    // narrow again: collapsed again, whatever was opened before
    ui.getState().setViewportWidth(SIDEBAR_AUTO_COLLAPSE_WIDTH - 1);
    expect(selectSidebarCollapsed(ui.getState())).toBe(true);
  });

  it('remembers a collapsed sidebar in a wide window, and opens it to show a panel', () => {
    const storage = memoryStorage();
    const ui = createUiStore(storage, 1400);
    ui.getState().toggleSidebar();
    expect(selectSidebarCollapsed(ui.getState())).toBe(true);
    expect(selectSidebarCollapsed(createUiStore(storage, 1400).getState())).toBe(true);
    ui.getState().showSidebarPanel('history');
    expect(ui.getState()).toMatchObject({ sidebarPanel: 'history', sidebarCollapsed: false });
  });
});
