import { describe, expect, it } from 'vitest';
import { comboText, formatCombo, matchesCombo, toCodeMirrorKey, typesNothing } from './key-combos';

const key = (init: Partial<KeyboardEvent>) =>
  ({ key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init }) as KeyboardEvent;

describe('key combos', () => {
  it('matches Mod as Ctrl elsewhere and Cmd on macOS; Ctrl is Ctrl on both', () => {
    expect(matchesCombo(key({ key: 'Enter', ctrlKey: true }), 'Mod+Enter', false)).toBe(true);
    expect(matchesCombo(key({ key: 'Enter', metaKey: true }), 'Mod+Enter', false)).toBe(false);
    expect(matchesCombo(key({ key: 'Enter', metaKey: true }), 'Mod+Enter', true)).toBe(true);
    expect(matchesCombo(key({ key: 'PageDown', ctrlKey: true }), 'Ctrl+PageDown', true)).toBe(true);
    expect(matchesCombo(key({ key: 'PageDown', ctrlKey: true, shiftKey: true }), 'Ctrl+PageDown', false)).toBe(false);
  });

  it('matches letters by their physical key (Alt on macOS types other characters)', () => {
    expect(matchesCombo(key({ key: '†', code: 'KeyT', altKey: true }), 'Alt+T', true)).toBe(true);
    expect(matchesCombo(key({ key: '?', shiftKey: true }), '?', false)).toBe(true);
  });

  it('writes combos for CodeMirror and for people', () => {
    expect(toCodeMirrorKey('Shift+Mod+Enter')).toBe('Shift-Mod-Enter');
    expect(toCodeMirrorKey('Mod+S')).toBe('Mod-s');
    expect(toCodeMirrorKey('Tab')).toBe('Tab');
    expect(formatCombo('Shift+Mod+Enter', true)).toEqual(['⇧', '⌘', '↩']);
    expect(comboText('Ctrl+PageDown', false)).toBe('Ctrl+PgDn');
    expect(typesNothing('Alt+T')).toBe(true);
    expect(typesNothing('?')).toBe(false);
    expect(typesNothing('F1')).toBe(true);
  });
});
