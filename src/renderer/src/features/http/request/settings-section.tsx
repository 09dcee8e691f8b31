/**
 * The request editor's Settings section (issue 8, item 5): timeout, redirects, TLS verification, proxy, client
 * certificate and HTTP/2. A field left empty is not written to the file: the folder's, the collection's, then
 * the app's default applies (30 s, follow up to 10 redirects, verify TLS, HTTP/1.1).
 */
import type { SendSettings } from '../../../../../shared/http-request';

const DEFAULTS = { timeoutMs: 30_000, maxRedirects: 10 };

/** Tri-state: inherit (the field absent), on, off. */
function Toggle({
  label,
  value,
  onChange,
  testId,
  inherited,
}: {
  label: string;
  value: boolean | undefined;
  onChange(value: boolean | undefined): void;
  testId: string;
  inherited: string;
}) {
  return (
    <label className="http-form-row">
      <span className="http-form-label">{label}</span>
      <select
        className="select"
        aria-label={label}
        data-testid={testId}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
      >
        <option value="">Inherit ({inherited})</option>
        <option value="true">On</option>
        <option value="false">Off</option>
      </select>
    </label>
  );
}

function TextField({
  label,
  value,
  onChange,
  testId,
  placeholder,
  type = 'text',
}: {
  label: string;
  value: string | number | undefined;
  onChange(value: string): void;
  testId: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'password';
}) {
  return (
    <label className="http-form-row">
      <span className="http-form-label">{label}</span>
      <input
        className="input input-mono"
        type={type}
        aria-label={label}
        data-testid={testId}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function SettingsSection({
  settings,
  onChange,
}: {
  settings: SendSettings | undefined;
  onChange(settings: SendSettings | undefined): void;
}) {
  const current = settings ?? {};
  const set = (key: keyof SendSettings, value: SendSettings[keyof SendSettings] | undefined) => {
    const next: Record<string, unknown> = { ...current, [key]: value };
    if (value === undefined) delete next[key];
    onChange(Object.keys(next).length > 0 ? (next as SendSettings) : undefined);
  };
  const whole = (text: string) => {
    const n = Number(text);
    return text.trim() === '' || !Number.isInteger(n) || n < 0 ? undefined : n;
  };
  const text = (value: string) => (value.trim() === '' ? undefined : value);

  return (
    <div className="http-settings" data-testid="http-settings-section">
      <TextField
        label="Timeout (ms)"
        type="number"
        testId="http-settings-timeout"
        placeholder={`${DEFAULTS.timeoutMs} (0: none)`}
        value={current.timeoutMs}
        onChange={(value) => set('timeoutMs', whole(value))}
      />
      <Toggle
        label="Follow redirects"
        testId="http-settings-follow"
        inherited="on"
        value={current.followRedirects}
        onChange={(value) => set('followRedirects', value)}
      />
      <TextField
        label="Max redirects"
        type="number"
        testId="http-settings-max-redirects"
        placeholder={String(DEFAULTS.maxRedirects)}
        value={current.maxRedirects}
        onChange={(value) => set('maxRedirects', whole(value))}
      />
      <Toggle
        label="Verify TLS certificates"
        testId="http-settings-verify-tls"
        inherited="on"
        value={current.verifyTls}
        onChange={(value) => set('verifyTls', value)}
      />
      <Toggle
        label="HTTP/2 (when the server offers it)"
        testId="http-settings-http2"
        inherited="off"
        value={current.http2}
        onChange={(value) => set('http2', value)}
      />
      <TextField
        label="Proxy"
        testId="http-settings-proxy"
        placeholder="http://proxy.local:3128"
        value={current.proxy}
        onChange={(value) => set('proxy', text(value))}
      />
      <TextField
        label="Client certificate (PEM)"
        testId="http-settings-client-cert"
        placeholder="certs/client.crt (inside the workspace)"
        value={current.clientCert}
        onChange={(value) => set('clientCert', text(value))}
      />
      <TextField
        label="Client key (PEM)"
        testId="http-settings-client-key"
        placeholder="certs/client.key"
        value={current.clientKey}
        onChange={(value) => set('clientKey', text(value))}
      />
      <TextField
        label="Key passphrase"
        testId="http-settings-client-passphrase"
        placeholder="{{clientKeyPassphrase}}"
        value={current.clientKeyPassphrase}
        onChange={(value) => set('clientKeyPassphrase', text(value))}
      />
      <p className="http-hint">
        Empty fields inherit from the folder, then the collection, then the defaults. Write the passphrase as a secret{' '}
        {'{{variable}}'} so it stays out of the file.
      </p>
    </div>
  );
}
