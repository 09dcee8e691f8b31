import type { Scripts } from '../../../../../shared/http-request';
import { TextEditor } from '../../mocks/text-editor';
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
  const phases: { phase: Phase; title: string; when: string }[] = [
    {
      phase: 'preRequest',
      title: 'Pre-request',
      when: 'Runs before the send, after the collection’s and folders’ scripts: may set variables and change the request.',
    },
    {
      phase: 'postResponse',
      title: 'Post-response',
      when: 'Runs on the response: bb.test / pm.test record tests (shown in the response’s Tests tab), bb.environment.set keeps values.',
    },
  ];
  return (
    <div className="http-scripts" data-testid="http-scripts">
      {phases.map(({ phase, title, when }) => (
        <section key={phase} className="http-script">
          <h3 className="http-subheading">{title}</h3>
          <p className="http-hint">{when}</p>
          <TextEditor
            key={`${tabId}-${phase}`}
            label={`${title} script`}
            theme={theme}
            minHeight={90}
            value={draft.scripts?.[phase] ?? ''}
            data-testid={`http-script-${phase}`}
            onChange={(text) => update((d) => ({ ...d, scripts: withScript(d.scripts, phase, text) }))}
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
