import { useState } from 'react';
import { comboText } from '../../app/key-combos';
import { Spinner } from '../../components/spinner';
import { stores, useHttp, useTabs } from '../../stores/app-stores';
import { COMMON_METHODS, jsonBodyError } from '../../stores/http-format';
import type { HttpDraft } from '../../stores/http.store';
import type { HttpTabState } from '../../stores/tab-types';
import { HttpHeadersTable } from './http-headers-table';
import { AuthSection } from './request/auth-section';
import { SettingsSection } from './request/settings-section';

const BODY_TYPES = [
  { type: 'none', label: 'None' },
  { type: 'json', label: 'JSON' },
  { type: 'text', label: 'Text' },
] as const;
type EditedBodyType = (typeof BODY_TYPES)[number]['type'];

const CUSTOM = '__custom__';

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

/** The URL bar (method, URL, Send/Cancel) and the headers and body of the request. */
export function HttpRequestEditor({ tabId, draft }: { tabId: string; draft: HttpDraft }) {
  const sending = useHttp((s) => s.byTab[tabId]?.sendId != null);
  const [section, setSection] = useState<'headers' | 'body' | 'auth' | 'settings'>('headers');
  const path = useTabs((s) => {
    const tab = s.tabs.find((t): t is HttpTabState => t.id === tabId && t.kind === 'http');
    return tab?.path ?? null;
  });
  const edit = (change: Partial<HttpDraft>) => stores.http.getState().editDraft(tabId, (d) => ({ ...d, ...change }));
  const body = draft.body ?? { type: 'none' };
  const bodyType: EditedBodyType = body.type === 'json' || body.type === 'text' ? body.type : 'none';
  const bodyText = 'text' in body ? body.text : '';
  const jsonError = body.type === 'json' ? jsonBodyError(body.text) : null;
  const headers = draft.headers ?? [];

  return (
    <div className="http-request">
      <form
        className="http-url-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void stores.http.getState().send(tabId);
        }}
      >
        <MethodPicker method={draft.method} onChange={(method) => edit({ method })} />
        <input
          className="input input-mono http-url"
          aria-label="URL"
          data-testid="http-url"
          placeholder="https://api.example.com/items"
          spellCheck={false}
          value={draft.url}
          onChange={(e) => edit({ url: e.target.value })}
        />
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
      </form>

      <div className="http-sections" role="tablist" aria-label="Request">
        <button
          type="button"
          role="tab"
          aria-selected={section === 'headers'}
          className="http-section-tab"
          data-testid="http-section-headers"
          onClick={() => setSection('headers')}
        >
          Headers{headers.length > 0 ? ` (${headers.length})` : ''}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={section === 'body'}
          className="http-section-tab"
          data-testid="http-section-body"
          onClick={() => setSection('body')}
        >
          Body{bodyType !== 'none' ? ` (${bodyType === 'json' ? 'JSON' : 'text'})` : ''}
        </button>
        {(['auth', 'settings'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={section === id}
            className="http-section-tab"
            data-testid={`http-section-${id}`}
            onClick={() => setSection(id)}
          >
            {id === 'auth' ? 'Auth' : 'Settings'}
          </button>
        ))}
      </div>

      {section === 'auth' ? (
        <AuthSection tabId={tabId} auth={draft.auth} path={path} onChange={(auth) => edit({ auth })} />
      ) : section === 'settings' ? (
        <SettingsSection settings={draft.settings} onChange={(settings) => edit({ settings })} />
      ) : section === 'headers' ? (
        <HttpHeadersTable rows={headers} onChange={(rows) => edit({ headers: rows })} />
      ) : (
        <div className="http-body-editor">
          <div className="http-body-types" role="radiogroup" aria-label="Body type">
            {BODY_TYPES.map(({ type, label }) => (
              <label key={type} className="http-radio">
                <input
                  type="radio"
                  name={`http-body-type-${tabId}`}
                  value={type}
                  checked={bodyType === type}
                  data-testid={`http-body-type-${type}`}
                  onChange={() => edit({ body: type === 'none' ? { type } : { type, text: bodyText } })}
                />
                {label}
              </label>
            ))}
          </div>
          {bodyType === 'none' ? (
            <p className="http-hint">This request sends no body.</p>
          ) : (
            <>
              <textarea
                className="input input-mono http-body-text"
                aria-label="Body"
                data-testid="http-body-text"
                spellCheck={false}
                placeholder={bodyType === 'json' ? '{ "name": "value" }' : 'Text to send'}
                value={bodyText}
                onChange={(e) => edit({ body: { type: bodyType, text: e.target.value } })}
              />
              {jsonError && (
                <p className="http-field-issue" role="alert" data-testid="http-body-error">
                  Not valid JSON: {jsonError}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
