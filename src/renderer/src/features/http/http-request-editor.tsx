import { useEffect, useState } from 'react';
import { comboText } from '../../app/key-combos';
import { Spinner } from '../../components/spinner';
import { stores, useHttp, useTabs, useUi } from '../../stores/app-stores';
import { COMMON_METHODS } from '../../stores/http-format';
import { queryParamsOf, withUrl } from '../../stores/http-url-params';
import type { HttpDraft } from '../../stores/http.store';
import type { HttpTabState } from '../../stores/tab-types';
import { HttpHeadersTable } from './http-headers-table';
import { AuthSection } from './request/auth-section';
import { InheritedAuthNote } from './folder-settings/inherited-auth-note';
import { BodySection, bodyLabel } from './request/body-section';
import { ParamsSection } from './request/params-section';
import { counted, type RequestSection, type SectionContext } from './request/request-section';
import { ScriptsSection } from './request/scripts-section';
import { SettingsSection } from './request/settings-section';
import { TestsSection } from './request/tests-section';
import { VariableHighlight } from './request/variable-highlight';
import './request/request-editor.css';
import { pasteCurlInto } from './import-export/curl-paste';
import { RequestCodeMenu } from './import-export/request-code-menu';

const CUSTOM = '__custom__';

/** The Auth section: it needs the tab's file to tell what an inheriting request gets. */
function AuthSectionOf({ tabId, draft, edit }: SectionContext) {
  const path = useTabs((s) => {
    const tab = s.tabs.find((t): t is HttpTabState => t.id === tabId && t.kind === 'http');
    return tab?.path ?? null;
  });
  return (
    <AuthSection
      tabId={tabId}
      auth={draft.auth}
      path={path}
      inherited={path ? <InheritedAuthNote path={path} /> : undefined}
      onChange={(auth) => edit({ auth })}
    />
  );
}

/** The sections of the request, in tab order: a feature adds one with one entry. */
const SECTIONS: RequestSection[] = [
  {
    id: 'params',
    label: ({ draft }) => counted('Params', queryParamsOf(draft.url).length + (draft.pathParams?.length ?? 0)),
    render: (ctx) => <ParamsSection {...ctx} />,
  },
  {
    id: 'headers',
    label: ({ draft }) => counted('Headers', draft.headers?.length ?? 0),
    render: ({ draft, edit }) => (
      <HttpHeadersTable rows={draft.headers ?? []} onChange={(rows) => edit({ headers: rows })} />
    ),
  },
  { id: 'body', label: ({ draft }) => bodyLabel(draft.body), render: (ctx) => <BodySection {...ctx} /> },
  { id: 'auth', label: () => 'Auth', render: (ctx) => <AuthSectionOf {...ctx} /> },
  {
    id: 'tests',
    label: ({ draft }) => counted('Tests', draft.assertions?.length ?? 0),
    render: (ctx) => <TestsSection {...ctx} />,
  },
  {
    id: 'scripts',
    label: ({ draft }) =>
      counted('Scripts', [draft.scripts?.preRequest, draft.scripts?.postResponse].filter(Boolean).length),
    render: (ctx) => <ScriptsSection {...ctx} />,
  },
  {
    id: 'settings',
    label: () => 'Settings',
    render: ({ draft, edit }) => (
      <SettingsSection settings={draft.settings} onChange={(settings) => edit({ settings })} />
    ),
  },
];

/** A method from the list, or any token typed in the box beside it. */
function MethodPicker({ method, onChange }: { method: string; onChange(method: string): void }) {
  const listed = (COMMON_METHODS as readonly string[]).includes(method);
  const [custom, setCustom] = useState(!listed);
  return (
    <>
      <select
        className="select http-method"
        aria-label="Method"
        data-testid="http-method"
        value={custom ? CUSTOM : method}
        onChange={(e) => {
          const custom = e.target.value === CUSTOM;
          setCustom(custom);
          if (!custom) onChange(e.target.value);
        }}
      >
        {COMMON_METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {custom && (
        <input
          className="input input-mono http-method-custom"
          aria-label="Custom method"
          data-testid="http-method-custom"
          placeholder="PROPFIND"
          value={method}
          onChange={(e) => onChange(e.target.value.toUpperCase())}
        />
      )}
    </>
  );
}

/** The URL bar (method, URL with its variables, Send/Cancel) and the request's sections below it. */
export function HttpRequestEditor({ tabId, draft }: { tabId: string; draft: HttpDraft }) {
  const sending = useHttp((s) => s.byTab[tabId]?.sendId != null);
  const variables = useHttp((s) => s.byTab[tabId]?.variables ?? null);
  const theme = useUi((s) => s.theme);
  const [sectionId, setSectionId] = useState('params');
  const update = (change: (d: HttpDraft) => HttpDraft) => stores.http.getState().editDraft(tabId, change);
  const ctx: SectionContext = { tabId, draft, update, edit: (change) => update((d) => ({ ...d, ...change })), theme };
  const section = SECTIONS.find((s) => s.id === sectionId) ?? SECTIONS[0]!;
  const hasVariables = draft.url.includes('{{');
  // the URL's variables are looked up once one is typed (and again on hover: a file may have changed)
  useEffect(() => {
    if (hasVariables) void stores.http.getState().loadVariables(tabId);
  }, [tabId, hasVariables]);

  return (
    <div className="http-request">
      <form
        className="http-url-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void stores.http.getState().send(tabId);
        }}
      >
        <MethodPicker method={draft.method} onChange={(method) => ctx.edit({ method })} />
        <VariableHighlight
          text={draft.url}
          variables={variables}
          onRefresh={() => void stores.http.getState().loadVariables(tabId)}
        >
          <input
            className="input input-mono http-url"
            aria-label="URL"
            data-testid="http-url"
            placeholder="https://api.example.com/items/:id?page=1"
            spellCheck={false}
            value={draft.url}
            onChange={(e) => update((d) => withUrl(d, e.target.value))}
            onPaste={pasteCurlInto(tabId)}
          />
        </VariableHighlight>
        {sending ? (
          <button
            type="button"
            className="button"
            data-testid="http-cancel"
            onClick={() => void stores.http.getState().cancel(tabId)}
          >
            <Spinner label="Sending" /> Cancel
          </button>
        ) : (
          <button
            type="submit"
            className="button button-primary"
            data-testid="http-send"
            disabled={!draft.url.trim()}
            title={`Send (${comboText('Mod+Enter')})`}
          >
            Send
          </button>
        )}
        <RequestCodeMenu tabId={tabId} />
      </form>

      <div className="http-sections" role="tablist" aria-label="Request">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={s.id === section.id}
            className="http-section-tab"
            data-testid={`http-section-${s.id}`}
            onClick={() => setSectionId(s.id)}
          >
            {s.label(ctx)}
          </button>
        ))}
      </div>
      <div className="http-section" role="tabpanel" aria-label={section.id}>
        {section.render(ctx)}
      </div>
    </div>
  );
}
