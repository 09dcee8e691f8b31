import type { RefObject } from 'react';
import type { SavedConnection, SslMode } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { offersCleartextChoice, passwordMustBeReentered, SSL_MODE_LABELS } from './connection-form';
import { controlProps, FieldRow, type FieldsProps } from './form-field';

export interface ServerFieldsProps extends FieldsProps {
  saved: SavedConnection | undefined;
  /** The URL field's text; Save and Test apply it first, so it never has to be "filled" by hand. */
  url: string;
  onUrlChange(text: string): void;
  onApplyUrl(): void;
  urlError: AppErrorShape | null;
  urlRef: RefObject<HTMLInputElement | null>;
}

/** The PostgreSQL / MySQL part of the connection dialog: URL, host, port, user, password, database, SSL. */
export function ServerFields({
  form,
  errors,
  update,
  fieldId,
  saved,
  url,
  onUrlChange,
  onApplyUrl,
  urlError,
  urlRef,
}: ServerFieldsProps) {
  const input = (name: Parameters<typeof controlProps>[0]) => controlProps(name, fieldId, errors);
  return (
    <>
      <div className="paste-url">
        <label htmlFor={fieldId('url')}>Paste URL</label>
        <div className="input-with-button">
          <input
            id={fieldId('url')}
            ref={urlRef}
            className="input input-mono"
            value={url}
            placeholder={
              form.engine === 'mysql'
                ? 'mysql://user:password@host:3306/database'
                : 'postgres://user:password@host:5432/database'
            }
            aria-invalid={urlError ? true : undefined}
            onChange={(e) => onUrlChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onApplyUrl();
              }
            }}
            spellCheck={false}
            autoComplete="off"
          />
          <button type="button" className="button" onClick={onApplyUrl} disabled={!url.trim()}>
            Fill from URL
          </button>
        </div>
        {urlError ? (
          <ErrorMessage error={urlError} compact data-testid="connection-url-error" />
        ) : (
          url.trim() && (
            <div className="field-hint">Save and Test use this URL; its parts replace the fields below.</div>
          )
        )}
      </div>
      <div className="form-grid">
        <FieldRow name="host" label="Host" fieldId={fieldId} error={errors.host}>
          <input
            {...input('host')}
            className="input"
            value={form.host}
            onChange={(e) => update('host', e.target.value)}
            spellCheck={false}
          />
        </FieldRow>
        <FieldRow name="port" label="Port" fieldId={fieldId} error={errors.port}>
          <input
            {...input('port')}
            className="input"
            inputMode="numeric"
            value={form.port}
            onChange={(e) => update('port', e.target.value)}
          />
        </FieldRow>
        <FieldRow name="user" label="User" fieldId={fieldId} error={errors.user}>
          <input
            {...input('user')}
            className="input"
            value={form.user}
            onChange={(e) => update('user', e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </FieldRow>
        <FieldRow
          name="password"
          label="Password"
          fieldId={fieldId}
          error={errors.password}
          hint={
            passwordMustBeReentered(saved, form) ? (
              <span className="field-warning" data-testid="password-reenter">
                The saved password is only sent to the host, port and user it was entered for: enter it again, or the
                connection is saved without one.
              </span>
            ) : saved?.hasPassword ? (
              <label className="inline-check">
                <input
                  type="checkbox"
                  checked={form.clearPassword}
                  onChange={(e) => update('clearPassword', e.target.checked)}
                />
                Remove the saved password
              </label>
            ) : undefined
          }
        >
          <input
            {...input('password')}
            className="input"
            type="password"
            value={form.password}
            placeholder={saved?.hasPassword && !form.clearPassword ? 'unchanged' : ''}
            disabled={form.clearPassword}
            onChange={(e) => update('password', e.target.value)}
            autoComplete="new-password"
          />
        </FieldRow>
        <FieldRow name="database" label="Database" fieldId={fieldId} error={errors.database}>
          <input
            {...input('database')}
            className="input"
            value={form.database}
            placeholder={form.engine === 'postgres' ? 'same as user' : 'none'}
            onChange={(e) => update('database', e.target.value)}
            spellCheck={false}
          />
        </FieldRow>
        <FieldRow name="sslMode" label="SSL mode" fieldId={fieldId} error={errors.sslMode}>
          <select
            {...input('sslMode')}
            className="select"
            value={form.sslMode}
            onChange={(e) => update('sslMode', e.target.value as SslMode)}
          >
            {(Object.keys(SSL_MODE_LABELS) as SslMode[]).map((mode) => (
              <option key={mode} value={mode}>
                {SSL_MODE_LABELS[mode]}
              </option>
            ))}
          </select>
        </FieldRow>
      </div>
      {offersCleartextChoice(form) && (
        <div className="cleartext-choice">
          <label className="inline-check">
            <input
              type="checkbox"
              checked={form.allowCleartextPassword}
              onChange={(e) => update('allowCleartextPassword', e.target.checked)}
              data-testid="allow-cleartext-password"
            />
            Allow the password without TLS
          </label>
          {form.allowCleartextPassword ? (
            <div className="field-warning" role="note">
              Only on a network you trust: without TLS, anyone on the way to {form.host.trim()} can read the password
              and every query.
            </div>
          ) : (
            <div className="field-hint">
              {form.host.trim()} is not this machine, so a password goes there only over TLS: SSL mode
              &ldquo;Disable&rdquo; is refused and &ldquo;Prefer&rdquo; does not fall back to plain text.
            </div>
          )}
        </div>
      )}
    </>
  );
}
