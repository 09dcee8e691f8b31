/**
 * Key combos as commands write them: `Mod+Shift+Enter`, `Alt+T`, `?`, `Escape`, `Ctrl+PageDown`. `Mod` is Cmd on
 * macOS and Ctrl elsewhere; `Ctrl` is Ctrl everywhere.
 */

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** True when the keyboard event is the combo. */
export function matchesCombo(event: KeyboardEvent, combo: string, mac = isMac): boolean {
  const parts = combo.split('+');
  const key = parts.pop() ?? '';
  const want = new Set(parts.map((p) => p.toLowerCase()));
  const ctrl = want.has('ctrl') || (!mac && want.has('mod'));
  const meta = mac && want.has('mod');
  if (ctrl !== event.ctrlKey) return false;
  if (meta !== event.metaKey) return false;
  if (want.has('alt') !== event.altKey) return false;
  // `?` is produced with Shift on most layouts: compare the character, ignore Shift for symbols
  const symbol = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!symbol && want.has('shift') !== event.shiftKey) return false;
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

/** A combo in CodeMirror's notation (`Shift-Mod-Enter`). */
export function toCodeMirrorKey(combo: string): string {
  const parts = combo.split('+');
  const key = parts.pop() ?? '';
  const mods = parts.map((p) => (p === 'Mod' ? 'Mod' : p === 'Ctrl' ? 'Ctrl' : p === 'Alt' ? 'Alt' : 'Shift'));
  return [...mods, key.length === 1 ? key.toLowerCase() : key].join('-');
}

/** Shows a combo the way the platform writes it: `Ctrl+Shift+Enter` or `⇧⌘↩`. */
export function formatCombo(combo: string, mac = isMac): string[] {
  return combo.split('+').map((part) => {
    if (part === 'Mod') return mac ? '⌘' : 'Ctrl';
    if (part === 'Ctrl') return mac ? '⌃' : 'Ctrl';
    if (part === 'Alt') return mac ? '⌥' : 'Alt';
    if (part === 'Shift') return mac ? '⇧' : 'Shift';
    if (part === 'Enter') return mac ? '↩' : 'Enter';
    if (part === 'Escape') return 'Esc';
    if (part === 'PageDown') return 'PgDn';
    if (part === 'PageUp') return 'PgUp';
    return part;
  });
}

/** A combo as inline text for hints: `Ctrl+Shift+Enter`, or `⇧⌘↩` on macOS. */
export function comboText(combo: string, mac = isMac): string {
  return formatCombo(combo, mac).join(mac ? '' : '+');
}

/** True when a key press would type into what has focus (an input, a textarea, the editor). */
export function isTyping(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null
  );
}

/** Function keys and combos with Mod, Ctrl or Alt type nothing, so they work while typing too. */
export function typesNothing(combo: string): boolean {
  return /(Mod|Ctrl|Alt)\+/.test(combo) || /^F\d{1,2}$/.test(combo);
}
