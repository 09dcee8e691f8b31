import { useEffect, useRef } from 'react';

/**
 * Keyboard shortcuts. Combos are written `Mod+Shift+Enter`, `Alt+T`, `?`, `Escape`; `Mod` is Cmd on macOS and
 * Ctrl elsewhere. Global handlers live here; editor keys are bound inside CodeMirror by the query editor and
 * only documented here, so the help dialog lists every shortcut in one place.
 */
export interface ShortcutDoc {
  id: string;
  /** One or more combos that do the same thing. */
  combos: string[];
  description: string;
  group: 'General' | 'Editor' | 'Tabs' | 'Sidebar';
}

export interface ShortcutBinding extends ShortcutDoc {
  handler(event: KeyboardEvent): void;
  /** Fire even while typing in an input, textarea or the editor (default: only for combos with a modifier). */
  allowInInputs?: boolean;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Shortcuts handled elsewhere (CodeMirror keymaps, editor toolbar) that the help dialog also lists. */
export const DOCUMENTED_SHORTCUTS: ShortcutDoc[] = [
  {
    id: 'editor.runStatement',
    combos: ['Mod+Enter'],
    description: 'Run the statement at the cursor (or the selection)',
    group: 'Editor',
  },
  { id: 'editor.runAll', combos: ['Shift+Mod+Enter'], description: 'Run all statements', group: 'Editor' },
  { id: 'editor.cancel', combos: ['Escape'], description: 'Cancel the running query', group: 'Editor' },
  { id: 'editor.format', combos: ['Shift+Alt+F'], description: 'Format SQL', group: 'Editor' },
  { id: 'editor.save', combos: ['Mod+S'], description: 'Save the query to the workspace', group: 'Editor' },
  {
    id: 'tabs.new',
    combos: ['Mod+T', 'Alt+T'],
    description: 'New editor tab (in a browser Ctrl+T belongs to the browser: use Alt+T or +)',
    group: 'Tabs',
  },
  {
    id: 'tabs.close',
    combos: ['Mod+W', 'Alt+W'],
    description: 'Close the editor tab (in a browser use Alt+W)',
    group: 'Tabs',
  },
];

const bindings = new Map<string, ShortcutBinding>();
const docListeners = new Set<() => void>();
let snapshot: ShortcutDoc[] | null = null;

function changed(): void {
  snapshot = null;
  docListeners.forEach((l) => l());
}

/** The current list, the same array until a shortcut is registered or removed (for useSyncExternalStore). */
export function getShortcutsSnapshot(): ShortcutDoc[] {
  snapshot ??= listShortcuts();
  return snapshot;
}

/** Registers a global shortcut; the newest binding of a combo wins. Returns the unregister function. */
export function registerShortcut(binding: ShortcutBinding): () => void {
  bindings.set(binding.id, binding);
  changed();
  return () => {
    if (bindings.get(binding.id) === binding) bindings.delete(binding.id);
    changed();
  };
}

/** Everything the help dialog shows: registered bindings plus the documented editor keys. */
export function listShortcuts(): ShortcutDoc[] {
  const byId = new Map<string, ShortcutDoc>();
  for (const doc of DOCUMENTED_SHORTCUTS) byId.set(doc.id, doc);
  for (const binding of bindings.values()) {
    const { id, combos, description, group } = binding;
    byId.set(id, { id, combos, description, group });
  }
  return [...byId.values()];
}

/** True when the keyboard event is the combo. */
export function matchesCombo(event: KeyboardEvent, combo: string): boolean {
  const parts = combo.split('+');
  const key = parts.pop() ?? '';
  const want = new Set(parts.map((p) => p.toLowerCase()));
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (want.has('mod') !== mod) return false;
  if (want.has('alt') !== event.altKey) return false;
  // `?` is produced with Shift on most layouts: compare the character, ignore Shift for symbols
  const symbol = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!symbol && want.has('shift') !== event.shiftKey) return false;
  if (!isMac && !want.has('mod') && event.metaKey) return false;
  if (key.length === 1 && !symbol) {
    // with Alt on macOS `event.key` is a special character: match the physical key instead
    return (
      event.code === `Key${key.toUpperCase()}` ||
      event.code === `Digit${key}` ||
      event.key.toLowerCase() === key.toLowerCase()
    );
  }
  return event.key.toLowerCase() === key.toLowerCase();
}

/** Shows a combo the way the platform writes it: `Ctrl+Shift+Enter` or `⇧⌘↩`. */
export function formatCombo(combo: string): string[] {
  return combo.split('+').map((part) => {
    if (part === 'Mod') return isMac ? '⌘' : 'Ctrl';
    if (part === 'Alt') return isMac ? '⌥' : 'Alt';
    if (part === 'Shift') return isMac ? '⇧' : 'Shift';
    if (part === 'Enter') return isMac ? '↩' : 'Enter';
    if (part === 'Escape') return 'Esc';
    return part;
  });
}

/** A combo as inline text for hints: `Ctrl+Shift+Enter`, or `⇧⌘↩` on macOS. */
export function comboText(combo: string): string {
  return formatCombo(combo).join(isMac ? '' : '+');
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null
  );
}

/** Installs the one window keydown listener that dispatches registered shortcuts. */
export function installShortcutListener(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    // a modal owns the keyboard (and Escape must still close it)
    if (document.querySelector('dialog[open]')) return;
    for (const binding of [...bindings.values()].reverse()) {
      const combo = binding.combos.find((c) => matchesCombo(event, c));
      if (!combo) continue;
      // function keys type nothing, so F1 works from the editor too (unlike `?`)
      const typesNothing = /Mod\+|Alt\+/.test(combo) || /^F\d{1,2}$/.test(combo);
      if (isTyping(event.target) && !(binding.allowInInputs ?? typesNothing)) continue;
      event.preventDefault();
      binding.handler(event);
      return;
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}

/** Registers a shortcut for the lifetime of a component; the handler may change between renders. */
export function useShortcut(
  doc: ShortcutDoc & { allowInInputs?: boolean },
  handler: (event: KeyboardEvent) => void,
): void {
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  const { id, description, group, allowInInputs } = doc;
  const combosKey = doc.combos.join(' ');
  useEffect(
    () =>
      registerShortcut({
        id,
        combos: combosKey.split(' '),
        description,
        group,
        allowInInputs,
        handler: (event) => handlerRef.current(event),
      }),
    [id, combosKey, description, group, allowInInputs],
  );
}

/** Subscribes to changes of the registered set (for the help dialog). */
export function subscribeShortcuts(listener: () => void): () => void {
  docListeners.add(listener);
  return () => docListeners.delete(listener);
}
