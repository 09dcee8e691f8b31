/**
 * The request editor's Settings section (issue 8, item 5): timeout, redirects, TLS verification, proxy, client
 * certificate and HTTP/2. A field left empty is not written to the file: the folder's, the collection's, then
 * the app's default applies (30 s, follow up to 10 redirects, verify TLS, HTTP/1.1).
 */
import type { SendSettings } from '../../../../../shared/http-request';
import { FormRowInput } from './form-row-input';

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

type NumberKey = 'timeoutMs' | 'maxRedirects';
type ToggleKey = 'followRedirects' | 'verifyTls' | 'http2';
type TextKey = 'proxy' | 'clientCert' | 'clientKey' | 'clientKeyPassphrase';

/** The rows, in order; each writes `settings[key]` (the test ids spelled out, so a search finds them). */
const ROWS: (
  | { kind: 'number'; key: NumberKey; label: string; testId: string; placeholder: string }
  | { kind: 'toggle'; key: ToggleKey; label: string; testId: string; inherited: 'on' | 'off' }
  | { kind: 'text'; key: TextKey; label: string; testId: string; placeholder: string }
)[] = [
  {
    kind: 'number',
    key: 'timeoutMs',
    label: 'Timeout (ms)',
    testId: 'http-settings-timeout',
    placeholder: `${DEFAULTS.timeoutMs} (0: none)`,
  },
  {
    kind: 'toggle',
    key: 'followRedirects',
    label: 'Follow redirects',
    testId: 'http-settings-follow',
    inherited: 'on',
  },
  {
    kind: 'number',
    key: 'maxRedirects',
    label: 'Max redirects',
    testId: 'http-settings-max-redirects',
    placeholder: String(DEFAULTS.maxRedirects),
  },
  {
    kind: 'toggle',
    key: 'verifyTls',
    label: 'Verify TLS certificates',
    testId: 'http-settings-verify-tls',
    inherited: 'on',
  },
  {
    kind: 'toggle',
    key: 'http2',
    label: 'HTTP/2 (when the server offers it)',
    testId: 'http-settings-http2',
    inherited: 'off',
  },
  { kind: 'text', key: 'proxy', label: 'Proxy', testId: 'http-settings-proxy', placeholder: 'http://proxy.local:3128' },
  {
    kind: 'text',
    key: 'clientCert',
    label: 'Client certificate (PEM)',
    testId: 'http-settings-client-cert',
    placeholder: 'certs/client.crt (inside the workspace)',
  },
  {
    kind: 'text',
    key: 'clientKey',
    label: 'Client key (PEM)',
    testId: 'http-settings-client-key',
    placeholder: 'certs/client.key',
  },
  {
    kind: 'text',
    key: 'clientKeyPassphrase',
    label: 'Key passphrase',
    testId: 'http-settings-client-passphrase',
    placeholder: '{{clientKeyPassphrase}}',
  },
];

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
      {ROWS.map((row) =>
        row.kind === 'toggle' ? (
          <Toggle
            key={row.key}
            label={row.label}
            testId={row.testId}
            inherited={row.inherited}
            value={current[row.key]}
            onChange={(value) => set(row.key, value)}
          />
        ) : (
          <FormRowInput
            key={row.key}
            label={row.label}
            type={row.kind === 'number' ? 'number' : 'text'}
            testId={row.testId}
            placeholder={row.placeholder}
            value={current[row.key]}
            onChange={(value) => set(row.key, row.kind === 'number' ? whole(value) : text(value))}
          />
        ),
      )}
      <p className="http-hint">
        Empty fields inherit from the folder, then the collection, then the defaults. Write the passphrase as a secret{' '}
        {'{{variable}}'} so it stays out of the file.
      </p>
    </div>
  );
}
