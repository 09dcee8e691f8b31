import { useShortcut } from '../../app/shortcuts';
import { useAppStore } from '../../stores/app-store';
import type { EditorCommands } from './sql-editor';

const active = () => useAppStore.getState().activeTabId;

/**
 * The workspace's global keys. Inside the editor CodeMirror's own bindings answer first (and stop the event);
 * these make the same keys work with the focus in the results, the tabs or the sidebar.
 */
export function useWorkspaceShortcuts(commands: EditorCommands): void {
  useShortcut(
    {
      id: 'tabs.new',
      combos: ['Mod+T', 'Alt+T'],
      description: 'New editor tab (in a browser Ctrl+T belongs to the browser: use Alt+T or +)',
      group: 'Tabs',
    },
    () => useAppStore.getState().openTab(),
  );
  useShortcut(
    {
      id: 'tabs.close',
      combos: ['Mod+W', 'Alt+W'],
      description: 'Close the editor tab (in a browser use Alt+W)',
      group: 'Tabs',
    },
    () => {
      const id = active();
      if (id) useAppStore.getState().requestCloseTab(id);
    },
  );
  // the same keys as inside the editor, for when the focus is in the results grid
  useShortcut(
    {
      id: 'editor.runStatement',
      combos: ['Mod+Enter'],
      description: 'Run the statement at the cursor (or the selection)',
      group: 'Editor',
    },
    () => {
      const id = active();
      if (id) commands.run(id);
    },
  );
  useShortcut(
    { id: 'editor.runAll', combos: ['Shift+Mod+Enter'], description: 'Run all statements', group: 'Editor' },
    () => {
      const id = active();
      if (id) commands.runAll(id);
    },
  );
  useShortcut(
    {
      id: 'editor.format',
      combos: ['Shift+Alt+F'],
      description: 'Format SQL (the selection, else everything)',
      group: 'Editor',
    },
    () => {
      const id = active();
      if (id) commands.format(id);
    },
  );
  useShortcut(
    { id: 'editor.save', combos: ['Mod+S'], description: 'Save the query to the workspace', group: 'Editor' },
    () => {
      const id = active();
      if (id) commands.save(id);
    },
  );
}

/** Escape cancels only while something runs, so it never steals Escape from dialogs and popups otherwise. */
export function CancelShortcut({ commands }: { commands: EditorCommands }) {
  useShortcut(
    { id: 'editor.cancel', combos: ['Escape'], description: 'Cancel the running query', group: 'Editor' },
    () => {
      const id = useAppStore.getState().activeTabId;
      if (id) commands.cancel(id);
    },
  );
  return null;
}
