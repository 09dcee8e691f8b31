import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * SQL colours from the app theme's `--syntax-*` variables (theme.css), so dark and light are one definition.
 * Identifiers use the plain text colour: the usual dark presets colour them coral red, which reads as an error.
 */
const sqlHighlight = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--syntax-keyword)' },
  { tag: t.typeName, color: 'var(--syntax-type)' },
  { tag: t.standard(t.name), color: 'var(--syntax-builtin)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--syntax-string)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--syntax-number)' },
  { tag: [t.lineComment, t.blockComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [t.name, t.special(t.name)], color: 'var(--fg)' },
  { tag: [t.operator, t.punctuation, t.paren, t.brace, t.squareBracket], color: 'var(--syntax-punctuation)' },
]);

/** The editor's chrome (background, gutters, cursor, selection, popups) from the app's variables. */
function chrome(dark: boolean): Extension {
  return EditorView.theme(
    {
      '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--bg)', color: 'var(--fg)' },
      '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
      '.cm-content': { caretColor: 'var(--fg)' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
        { backgroundColor: 'var(--selection-strong)' },
      '.cm-gutters': {
        backgroundColor: 'var(--panel)',
        borderRight: '1px solid var(--border)',
        color: 'var(--fg-muted)',
      },
      '.cm-activeLine': { backgroundColor: 'var(--hover)' },
      '.cm-activeLineGutter': { backgroundColor: 'var(--hover)' },
      '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--selection)', outline: '1px solid var(--border)' },
      '.cm-placeholder': { color: 'var(--fg-muted)' },
      '.cm-tooltip': { border: '1px solid var(--border)', backgroundColor: 'var(--bg-elevated)', color: 'var(--fg)' },
      // doubled class: the base theme styles the selected option with the same specificity, later
      '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': {
        backgroundColor: 'var(--accent)',
        color: 'var(--accent-fg)',
      },
      // nothing is preselected (Enter stays a line break); Tab would take the first option, so hint at it
      '.cm-tooltip.cm-tooltip-autocomplete > ul:not(:has(li[aria-selected])) > li:first-child': {
        boxShadow: 'inset 0 0 0 1px var(--border)',
      },
      '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit' },
      '.cm-completionDetail': { opacity: 0.7, fontStyle: 'normal', marginLeft: '1em' },
      '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: 600 },
      // the default keyword icon is an emoji, which shows as a box where no emoji font is installed
      '.cm-completionIcon-keyword:after': { content: "'K'", fontSize: '0.8em' },
      '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
      '&.cm-focused': { outline: 'none' },
    },
    { dark },
  );
}

/** Everything the SQL editor looks like, for the app's theme. */
export function editorTheme(theme: 'dark' | 'light'): Extension {
  return [chrome(theme === 'dark'), syntaxHighlighting(sqlHighlight)];
}
