import { useEffect, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorMessage } from '../../../components/error-message';
import { IconEdit, IconPlus, IconRefresh, IconTrash } from '../../../components/icons';
import { ModalDialog } from '../../../components/modal-dialog';
import type { CookieInput, HttpCookie } from '../../../stores/http-environments.store';
import { environmentsStore, useHttpEnvironments } from './use-http-environments';

type Confirm = { kind: 'domain'; domain: string } | { kind: 'all' } | null;
type Form = { cookie: CookieInput; replacing?: HttpCookie } | null;

const blank: CookieInput = {
  name: '',
  value: '',
  domain: '',
  path: '/',
  expires: null,
  secure: false,
  httpOnly: false,
};

/** `2026-12-07T10:00` for a datetime-local input, in local time. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The workspace's cookie jar by domain: delete one, clear a domain or all, add or edit one. */
export function CookiesDialog({ onClose }: { onClose(): void }) {
  const cookies = useHttpEnvironments((s) => s.cookies);
  const error = useHttpEnvironments((s) => s.cookiesError);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [form, setForm] = useState<Form>(null);
  useEffect(() => void environmentsStore().loadCookies(), []);

  const byDomain = new Map<string, HttpCookie[]>();
  for (const cookie of cookies ?? []) byDomain.set(cookie.domain, [...(byDomain.get(cookie.domain) ?? []), cookie]);

  return (
    <ModalDialog
      title="Cookies"
      onClose={onClose}
      width={860}
      data-testid="http-cookies-dialog"
      footer={
        <>
          <button
            type="button"
            className="button"
            data-testid="http-cookies-clear-all"
            disabled={!cookies?.length}
            onClick={() => setConfirm({ kind: 'all' })}
          >
            Clear all
          </button>
          <button
            type="button"
            className="button"
            data-testid="http-cookies-add"
            onClick={() => setForm({ cookie: blank })}
          >
            <IconPlus /> Add cookie
          </button>
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <div className="http-cookies">
        <div className="http-cookies-bar">
          <span className="http-hint">Kept for this workspace in the app's data folder, never in the workspace.</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Read the cookies again"
            title="Read the cookies again"
            onClick={() => void environmentsStore().loadCookies()}
          >
            <IconRefresh />
          </button>
        </div>
        {error && <ErrorMessage error={error} compact />}
        {cookies && cookies.length === 0 && (
          <EmptyState
            title="No cookies"
            hint="Cookies that responses set show up here."
            data-testid="http-cookies-empty"
          />
        )}
        {[...byDomain].map(([domain, list]) => (
          <section key={domain} className="http-cookie-domain" data-testid="http-cookie-domain" data-domain={domain}>
            <header>
              <strong>{domain}</strong>
              <button
                type="button"
                className="button button-small"
                data-testid="http-cookie-clear-domain"
                onClick={() => setConfirm({ kind: 'domain', domain })}
              >
                Clear domain
              </button>
            </header>
            <table className="http-cookie-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Value</th>
                  <th>Path</th>
                  <th>Expires</th>
                  <th>Secure</th>
                  <th>HttpOnly</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((cookie) => (
                  <tr key={`${cookie.path} ${cookie.name}`} data-testid="http-cookie-row" data-name={cookie.name}>
                    <td className="mono">{cookie.name}</td>
                    <td className="mono http-cookie-value" title={cookie.value}>
                      {cookie.value}
                    </td>
                    <td className="mono">{cookie.path}</td>
                    <td>{cookie.expires ? new Date(cookie.expires).toLocaleString() : 'Session'}</td>
                    <td>{cookie.secure ? 'Yes' : ''}</td>
                    <td>{cookie.httpOnly ? 'Yes' : ''}</td>
                    <td className="http-cookie-actions">
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Edit cookie ${cookie.name}`}
                        title="Edit"
                        onClick={() =>
                          setForm({
                            replacing: cookie,
                            cookie: {
                              name: cookie.name,
                              value: cookie.value,
                              domain: cookie.hostOnly ? cookie.domain : `.${cookie.domain}`,
                              path: cookie.path,
                              expires: cookie.expires,
                              secure: cookie.secure,
                              httpOnly: cookie.httpOnly,
                            },
                          })
                        }
                      >
                        <IconEdit />
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Delete cookie ${cookie.name}`}
                        title="Delete"
                        data-testid="http-cookie-delete"
                        onClick={() =>
                          void environmentsStore().removeCookies({
                            domain: cookie.domain,
                            path: cookie.path,
                            name: cookie.name,
                          })
                        }
                      >
                        <IconTrash />
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      {confirm && (
        <ConfirmDialog
          title={confirm.kind === 'all' ? 'Clear every cookie?' : `Clear the cookies of ${confirm.domain}?`}
          confirmLabel="Clear"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void environmentsStore().removeCookies(confirm.kind === 'all' ? {} : { domain: confirm.domain });
          }}
        >
          {confirm.kind === 'all'
            ? 'Every cookie of this workspace is removed; later requests send none until servers set them again.'
            : `Every cookie of ${confirm.domain} is removed.`}
        </ConfirmDialog>
      )}
      {form && (
        <CookieForm
          initial={form.cookie}
          editing={form.replacing !== undefined}
          onCancel={() => setForm(null)}
          onSave={(cookie) =>
            void environmentsStore()
              .saveCookie(cookie, form.replacing)
              .then((ok) => ok && setForm(null))
          }
        />
      )}
    </ModalDialog>
  );
}

function CookieForm({
  initial,
  editing,
  onSave,
  onCancel,
}: {
  initial: CookieInput;
  editing: boolean;
  onSave(cookie: CookieInput): void;
  onCancel(): void;
}) {
  const [cookie, setCookie] = useState(initial);
  const [expires, setExpires] = useState(toLocalInput(initial.expires));
  const change = (patch: Partial<CookieInput>) => setCookie((c) => ({ ...c, ...patch }));
  const problem = !cookie.name.trim() ? 'Give a name' : !cookie.domain.trim() ? 'Give a domain' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    onSave({ ...cookie, expires: expires ? new Date(expires).toISOString() : null });
  };
  return (
    <ModalDialog
      title={editing ? 'Edit cookie' : 'Add cookie'}
      onClose={onCancel}
      width={480}
      data-testid="http-cookie-form"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form="http-cookie-form" className="button button-primary" disabled={problem !== null}>
            Save
          </button>
        </>
      }
    >
      <form id="http-cookie-form" className="http-cookie-form" onSubmit={submit}>
        <label>
          Name
          <input className="input input-mono" value={cookie.name} onChange={(e) => change({ name: e.target.value })} />
        </label>
        <label>
          Value
          <input
            className="input input-mono"
            value={cookie.value}
            onChange={(e) => change({ value: e.target.value })}
          />
        </label>
        <label>
          Domain
          <input
            className="input input-mono"
            placeholder="api.example.com (.example.com for its subdomains too)"
            value={cookie.domain}
            onChange={(e) => change({ domain: e.target.value })}
          />
        </label>
        <label>
          Path
          <input className="input input-mono" value={cookie.path} onChange={(e) => change({ path: e.target.value })} />
        </label>
        <label>
          Expires (empty for a session cookie)
          <input className="input" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <label className="http-cookie-check">
          <input type="checkbox" checked={cookie.secure} onChange={(e) => change({ secure: e.target.checked })} />
          Secure (HTTPS only)
        </label>
        <label className="http-cookie-check">
          <input type="checkbox" checked={cookie.httpOnly} onChange={(e) => change({ httpOnly: e.target.checked })} />
          HttpOnly
        </label>
        {problem && <div className="prompt-hint">{problem}</div>}
      </form>
    </ModalDialog>
  );
}
