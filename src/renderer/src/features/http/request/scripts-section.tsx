import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { Prec } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, type KeyBinding } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { Scripts } from '../../../../../shared/http-request';
import { appRegistry } from '../../../app/app-registry';
import { toCodeMirrorKey } from '../../../app/key-combos';
import { useCodeMirror } from '../../query-editor/use-code-mirror';
import type { SectionContext } from './request-section';

type Phase = keyof Scripts;

const EXAMPLES: Record<Phase, string> = {
  preRequest:
    "bb.variables.set('startedAt', String(Date.now()));\nbb.request.setHeader('X-Started-At', bb.variables.get('startedAt'));",
  postResponse:
    "bb.test('status is 200', () => {\n  bb.expect(bb.response.status).to.equal(200);\n});\nbb.environment.set('token', bb.response.json().token);",
};

/** The scripts without an empty one (none at all gives no field, so a file without scripts stays without). */
function withScript(scripts: Scripts | undefined, phase: Phase, text: string): Scripts | undefined {
  const next: Scripts = { ...scripts, [phase]: text };
  if (!text.trim()) delete next[phase];
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Pre-request and post-response scripts (JavaScript run in the QuickJS sandbox with the `bb` and `pm` APIs). */
export function ScriptsSection({ draft, update, theme, tabId }: SectionContext) {
  return (
    <ScriptsEditors
      id={tabId}
      scripts={draft.scripts}
      theme={theme}
      onChange={(change) => update((d) => ({ ...d, scripts: change(d.scripts) }))}
    />
  );
}

/**
 * The two script editors, for a request or (`level` set) for a collection or folder, whose scripts run before
 * those of every request inside it.
 */
export function ScriptsEditors({
  id,
  scripts,
  theme,
  onChange,
  level,
}: {
  /** Keys the editors (a new id, new editors). */
  id: string;
  scripts: Scripts | undefined;
  theme: 'dark' | 'light';
  onChange(change: (scripts: Scripts | undefined) => Scripts | undefined): void;
  level?: 'collection' | 'folder';
}) {
  const phases: { phase: Phase; title: string; when: string }[] = [
    {
      phase: 'preRequest',
      title: 'Pre-request',
      when: level
        ? `Runs before every request of this ${level}, after the scripts above it and before the request’s own.`
        : 'Runs before the send, after the collection’s and folders’ scripts: may set variables and change the request.',
    },
    {
      phase: 'postResponse',
      title: 'Post-response',
      when: level
        ? `Runs on the response of every request of this ${level}, before the request’s own post-response script.`
        : 'Runs on the response: bb.test / pm.test record tests (shown in the response’s Tests tab), bb.environment.set keeps values.',
    },
  ];
  return (
    <div className="http-scripts" data-testid="http-scripts">
      {phases.map(({ phase, title, when }) => (
        <section key={phase} className="http-script">
          <h3 className="http-subheading">{title}</h3>
          <p className="http-hint">{when}</p>
          <ScriptEditor
            key={`${id}-${phase}`}
            label={`${title} script`}
            theme={theme}
            minHeight={90}
            value={scripts?.[phase] ?? ''}
            data-testid={`http-script-${phase}`}
            onChange={(text) => onChange((current) => withScript(current, phase, text))}
          />
          <details className="http-script-example">
            <summary>Example</summary>
            <pre>{EXAMPLES[phase]}</pre>
          </details>
        </section>
      ))}
      <p className="http-hint" data-testid="http-scripts-api">
        The API: <code>bb.variables</code> / <code>bb.environment</code> / <code>bb.collection</code> /{' '}
        <code>bb.globals</code> (<code>get</code>, <code>set</code>, <code>unset</code>), <code>bb.request</code>,{' '}
        <code>bb.response</code> (<code>status</code>, <code>header(name)</code>, <code>json()</code>, <code>time</code>
        ), <code>bb.test(name, fn)</code>, <code>bb.expect(value)</code> (chai-style), and Postman&apos;s common{' '}
        <code>pm.*</code> calls. No network, files or timers; 1 s and 32 MB per script. The full reference is
        docs/http-scripts.md in the Backbench repository.
      </p>
    </div>
  );
}

const SEND_COMMAND = 'http.send';

/**
 * The send command's keys (Mod+Enter) ahead of CodeMirror's defaults, which would insert a line: in a script as
 * anywhere else in the tab they send (or cancel a send under way), as the SQL editor's run key runs.
 */
function sendKeymap(): KeyBinding[] {
  const combos = appRegistry.command(SEND_COMMAND)?.combos ?? ['Mod+Enter'];
  return combos.map((combo) => ({
    key: toCodeMirrorKey(combo),
    preventDefault: true,
    run: () => appRegistry.runCommand(SEND_COMMAND),
  }));
}

const look = EditorView.theme({
  '&': { fontSize: '12px', border: '1px solid var(--border)', borderRadius: '5px' },
  '&.cm-focused': { outline: '1px solid var(--accent)' },
  '.cm-scroller': { lineHeight: '1.5', overflow: 'auto' },
});

interface ScriptEditorProps {
  value: string;
  onChange(text: string): void;
  theme: 'dark' | 'light';
  label: string;
  minHeight: number;
  'data-testid': string;
}

/** A script's CodeMirror editor: the mock text editor's setup, with the send keys first. */
function ScriptEditor({ value, onChange, theme, label, minHeight, ...rest }: ScriptEditorProps) {
  const live = useRef({ value, onChange });
  useEffect(() => {
    live.current = { value, onChange };
  });
  const { hostRef } = useCodeMirror({
    value,
    theme,
    look,
    extensions: () => [
      Prec.highest(keymap.of(sendKeymap())),
      lineNumbers(),
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const text = update.state.doc.toString();
        if (text !== live.current.value) live.current.onChange(text);
      }),
    ],
  });
  return <div ref={hostRef} className="mock-text-editor" style={{ minHeight }} data-testid={rest['data-testid']} />;
}
