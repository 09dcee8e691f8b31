/**
 * The request editor's Auth section (issue 8, item 2): the auth type and its fields. Every text may hold a
 * `{{variable}}` — the way to keep a secret out of the request file. OAuth 2.0 gets its token here (Get token,
 * showing when it expires; Clear tokens); a sign-in page the core waits on is offered as a link.
 */
import { useEffect, type ReactNode } from 'react';
import type { Auth } from '../../../../../shared/http-request';
import { httpOauth, useHttpOauth } from '../../../stores/app-stores';
import { FormRowInput } from './form-row-input';

type AuthType = Auth['type'];
type Of<T extends AuthType> = Extract<Auth, { type: T }>;

const AUTH_TYPES: { type: AuthType; label: string }[] = [
  { type: 'inherit', label: 'Inherit from parent' },
  { type: 'none', label: 'No auth' },
  { type: 'basic', label: 'Basic' },
  { type: 'bearer', label: 'Bearer token' },
  { type: 'apikey', label: 'API key' },
  { type: 'digest', label: 'Digest' },
  { type: 'oauth2', label: 'OAuth 2.0' },
  { type: 'awsv4', label: 'AWS Signature v4' },
];

/** A new auth of `type`, keeping what the old one had under the same names (username, password…). */
function authOfType(type: AuthType, old: Auth): Auth {
  const o = old as Record<string, unknown>;
  const text = (key: string) => (typeof o[key] === 'string' ? (o[key] as string) : '');
  switch (type) {
    case 'inherit':
    case 'none':
      return { type };
    case 'basic':
    case 'digest':
      return { type, username: text('username'), password: text('password') };
    case 'bearer':
      return { type, token: text('token') };
    case 'apikey':
      return { type, name: text('name') || 'X-API-Key', value: text('value'), in: 'header' };
    case 'oauth2':
      return { type, grant: 'client_credentials', tokenUrl: text('tokenUrl'), clientId: text('clientId') };
    case 'awsv4':
      return { type, accessKeyId: '', secretAccessKey: '', region: 'us-east-1', service: 'execute-api' };
  }
}

export function AuthSection({
  tabId,
  auth,
  path,
  inherited,
  onChange,
}: {
  tabId: string;
  /** undefined: inherit (what a request without `auth` does). */
  auth: Auth | undefined;
  /** The request's file, for what it inherits. */
  path: string | null;
  /** What `inherit` gives here (which folder or collection, what auth); else a general hint. */
  inherited?: ReactNode;
  onChange(auth: Auth | undefined): void;
}) {
  const current: Auth = auth ?? { type: 'inherit' };
  const set = <T extends AuthType>(change: Partial<Of<T>>) => onChange({ ...current, ...change } as Auth);
  const field = (key: string, label: string, extra: { placeholder?: string; secret?: boolean } = {}) => (
    <FormRowInput
      label={label}
      value={(current as Record<string, unknown>)[key] as string | undefined}
      testId={`http-auth-${key}`}
      onChange={(value) => set({ [key]: value } as Partial<Of<AuthType>>)}
      placeholder={extra.placeholder}
      type={extra.secret ? 'password' : 'text'}
    />
  );

  return (
    <div className="http-auth" data-testid="http-auth-section">
      <label className="http-form-row">
        <span className="http-form-label">Type</span>
        <select
          className="select"
          aria-label="Auth type"
          data-testid="http-auth-type"
          value={current.type}
          onChange={(e) => {
            const next = authOfType(e.target.value as AuthType, current);
            onChange(next.type === 'inherit' ? undefined : next);
          }}
        >
          {AUTH_TYPES.map(({ type, label }) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {current.type === 'inherit' && inherited}
      {current.type === 'inherit' && !inherited && (
        <p className="http-hint">
          {path
            ? "Uses the nearest folder's auth, else the collection's (set them in folder.yaml or collection.yaml)."
            : 'An unsaved request has no folder or collection to inherit from: it is sent without auth.'}
        </p>
      )}
      {current.type === 'none' && (
        <p className="http-hint">Sent without auth, whatever the folder or collection says.</p>
      )}
      {(current.type === 'basic' || current.type === 'digest') && (
        <>
          {field('username', 'Username')}
          {field('password', 'Password', { secret: true, placeholder: '{{password}}' })}
        </>
      )}
      {current.type === 'bearer' && field('token', 'Token', { secret: true, placeholder: '{{token}}' })}
      {current.type === 'apikey' && (
        <>
          {field('name', 'Name')}
          {field('value', 'Value', { secret: true, placeholder: '{{apiKey}}' })}
          <label className="http-form-row">
            <span className="http-form-label">Add to</span>
            <select
              className="select"
              aria-label="Add API key to"
              data-testid="http-auth-in"
              value={current.in}
              onChange={(e) => set<'apikey'>({ in: e.target.value as 'header' | 'query' })}
            >
              <option value="header">Header</option>
              <option value="query">Query parameter</option>
            </select>
          </label>
        </>
      )}
      {current.type === 'awsv4' && (
        <>
          {field('accessKeyId', 'Access key ID')}
          {field('secretAccessKey', 'Secret access key', { secret: true, placeholder: '{{awsSecret}}' })}
          {field('sessionToken', 'Session token (optional)', { secret: true })}
          {field('region', 'Region', { placeholder: 'us-east-1' })}
          {field('service', 'Service', { placeholder: 'execute-api, s3…' })}
        </>
      )}
      {current.type === 'oauth2' && <OAuth2Fields tabId={tabId} auth={current} path={path} set={set} field={field} />}
    </div>
  );
}

function OAuth2Fields({
  tabId,
  auth,
  path,
  set,
  field,
}: {
  tabId: string;
  auth: Of<'oauth2'>;
  path: string | null;
  set(change: Partial<Of<'oauth2'>>): void;
  field(key: string, label: string, extra?: { placeholder?: string; secret?: boolean }): React.ReactNode;
}) {
  const state = useHttpOauth((s) => s.byTab[tabId]);
  const signInUrl = useHttpOauth((s) => s.signInUrl);
  const ready = auth.tokenUrl.trim() !== '' && auth.clientId.trim() !== '';
  const input = { auth, ...(path ? { path } : {}) };
  const { grant, tokenUrl, clientId, scope } = auth;
  useEffect(() => {
    // what is cached for these settings (the cache's key: token URL, client id, scope; no request is made)
    if (!tokenUrl.trim() || !clientId.trim()) return;
    const key = { type: 'oauth2' as const, grant, tokenUrl, clientId, ...(scope ? { scope } : {}) };
    void httpOauth.getState().loadToken(tabId, { auth: key, ...(path ? { path } : {}), mode: 'cached' });
  }, [tabId, grant, tokenUrl, clientId, scope, path]);
  return (
    <>
      <label className="http-form-row">
        <span className="http-form-label">Grant</span>
        <select
          className="select"
          aria-label="Grant type"
          data-testid="http-auth-grant"
          value={auth.grant}
          onChange={(e) => set({ grant: e.target.value as Of<'oauth2'>['grant'] })}
        >
          <option value="client_credentials">Client credentials</option>
          <option value="authorization_code">Authorization code (PKCE, in the browser)</option>
        </select>
      </label>
      {auth.grant === 'authorization_code' && field('authorizationUrl', 'Authorization URL')}
      {field('tokenUrl', 'Token URL', { placeholder: 'https://auth.example.com/oauth/token' })}
      {field('clientId', 'Client ID')}
      {field('clientSecret', 'Client secret', { secret: true, placeholder: '{{clientSecret}}' })}
      {field('scope', 'Scope', { placeholder: 'read write' })}
      <label className="http-form-row">
        <span className="http-form-label">Client auth</span>
        <select
          className="select"
          aria-label="Client authentication"
          data-testid="http-auth-clientAuth"
          value={auth.clientAuth ?? 'basic'}
          onChange={(e) => set({ clientAuth: e.target.value === 'body' ? 'body' : undefined })}
        >
          <option value="basic">HTTP Basic header</option>
          <option value="body">In the request body</option>
        </select>
      </label>
      {auth.grant === 'authorization_code' && (
        <label className="http-radio">
          <input
            type="checkbox"
            data-testid="http-auth-pkce"
            checked={auth.pkce !== false}
            onChange={(e) => set({ pkce: e.target.checked ? undefined : false })}
          />
          PKCE (S256)
        </label>
      )}
      <div className="http-auth-token">
        <button
          type="button"
          className="button"
          data-testid="http-auth-get-token"
          disabled={!ready || state?.busy}
          onClick={() => void httpOauth.getState().loadToken(tabId, { ...input, mode: 'new' })}
        >
          {state?.busy ? 'Getting token…' : 'Get token'}
        </button>
        <button
          type="button"
          className="button"
          data-testid="http-auth-clear-tokens"
          disabled={!ready}
          onClick={() =>
            void httpOauth.getState().clearTokens(tabId, { tokenUrl: auth.tokenUrl, clientId: auth.clientId })
          }
        >
          Clear tokens
        </button>
        <span className="http-hint" data-testid="http-auth-token-status" role="status">
          {state?.token
            ? `${state.token.tokenType} ${state.token.preview} — ${
                state.token.expiresAt
                  ? `expires ${new Date(state.token.expiresAt).toLocaleString()}`
                  : 'no expiry given'
              }${state.token.hasRefreshToken ? ', refreshable' : ''}`
            : state?.cleared !== undefined
              ? `Cleared ${state.cleared} token${state.cleared === 1 ? '' : 's'}.`
              : 'No token yet: Send or Get token fetches one.'}
        </span>
      </div>
      {state?.busy && signInUrl && (
        <p className="http-hint" data-testid="http-auth-sign-in">
          Waiting for the sign-in in your browser.{' '}
          <a href={signInUrl} target="_blank" rel="noopener noreferrer">
            Open the sign-in page
          </a>
        </p>
      )}
      {state?.error && (
        <p className="http-field-issue" role="alert" data-testid="http-auth-error">
          {state.error.message}
        </p>
      )}
    </>
  );
}
