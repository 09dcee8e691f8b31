import { useId, useState, type ClipboardEvent, type ReactNode } from 'react';
import type { Engine, SavedConnection, SslMode } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { IconCheck, IconFolderOpen } from '../../components/icons';
import { ModalDialog } from '../../components/modal-dialog';
import { Spinner } from '../../components/spinner';
import { invalidInputFields, toErrorShape } from '../../rpc/error-shape';
import { useConnections, useNotifications } from '../../stores/app-stores';
import {
  applyParsedUrl,
  changeEngine,
  emptyForm,
  ENGINE_LABELS,
  fieldForIssue,
  formatServerVersion,
  formFromSaved,
  looksLikeConnectionUrl,
  offersCleartextChoice,
  paramsFromForm as paramsFromFormIn,
  passwordFromForm,
  passwordMustBeReentered,
  SSL_MODE_LABELS,
  sqliteFileHint,
  suggestName as suggestNameAmong,
  validateForm,
  type ConnectionForm,
  type FormErrors,
  type FormField,
} from './connection-form';
import './connections.css';

// Errors the server reports about one field are also shown next to that field.
const FIELD_BY_CODE: Partial<Record<AppErrorShape['code'], FormField>> = {
  FILE_NOT_FOUND: 'file',
  NOT_A_DATABASE: 'file',
  HOST_NOT_FOUND: 'host',
  CONNECTION_REFUSED: 'port',
  AUTH_FAILED: 'password',
  DATABASE_NOT_FOUND: 'database',
  SSL_REQUIRED: 'sslMode',
  SSL_ERROR: 'sslMode',
};

type TestState =
  { kind: 'idle' } | { kind: 'testing' } | { kind: 'ok'; text: string } | { kind: 'error'; error: AppErrorShape };

export interface ConnectionDialogProps {
  /** The saved connection being edited; undefined creates a new one. */
  saved?: SavedConnection;
  onClose(): void;
}

/** Create or edit a saved connection: engine, file or server fields, URL paste, Test and Save. */
export function ConnectionDialog({ saved, onClose }: ConnectionDialogProps) {
  const nativeDialogs = useConnections((s) => s.appInfo?.nativeDialogs ?? false);
  const workspaceDir = useConnections((s) => s.appInfo?.workspaceDir ?? null);
  // a suggested name never repeats another connection's (the app database refuses duplicates anyway)
  const takenNames = useConnections((s) =>
    s.connections
      .filter((c) => c.id !== saved?.id)
      .map((c) => c.name)
      .join('\n'),
  );
  const createConnection = useConnections((s) => s.createConnection);
  const updateConnection = useConnections((s) => s.updateConnection);
  const testConnection = useConnections((s) => s.testConnection);
  const parseConnectionUrl = useConnections((s) => s.parseConnectionUrl);
  const pickPath = useConnections((s) => s.pickPath);
  const connect = useConnections((s) => s.connect);
  const notifyError = useNotifications((s) => s.notifyError);
  const suggestName = (f: ConnectionForm) => suggestNameAmong(f, takenNames ? takenNames.split('\n') : []);
  const paramsFromForm = (f: ConnectionForm) => paramsFromFormIn(f, workspaceDir);

  const [form, setForm] = useState<ConnectionForm>(() => (saved ? formFromSaved(saved) : emptyForm('postgres')));
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<AppErrorShape | null>(null);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [saving, setSaving] = useState(false);
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<AppErrorShape | null>(null);
  const idPrefix = useId();
  const isSample = saved?.isSample ?? false;

  // the server said the SQLite file is missing: point at the checkbox that creates it
  const [fileMissing, setFileMissing] = useState(false);
  const update = <K extends FormField>(key: K, value: ConnectionForm[K]) => {
    if (key === 'file' || key === 'create') setFileMissing(false);
    setForm((f) => ({ ...f, [key]: value }));
    // "create" answers a missing-file error, so that error goes with it
    setErrors((e) => ({ ...e, [key]: undefined, ...(key === 'create' ? { file: undefined } : {}) }));
    setTest({ kind: 'idle' });
  };

  const showServerError = (error: unknown) => {
    const shape = toErrorShape(error);
    const fieldErrors: FormErrors = {};
    for (const [key, message] of invalidInputFields(shape)) {
      const field = fieldForIssue(key);
      if (field) fieldErrors[field] = message;
    }
    const field = FIELD_BY_CODE[shape.code];
    if (field) fieldErrors[field] = shape.message;
    setErrors((e) => ({ ...e, ...fieldErrors }));
    setFileMissing(shape.code === 'FILE_NOT_FOUND' && form.engine === 'sqlite' && !form.create);
    return shape;
  };

  const checkForm = (): boolean => {
    const found = validateForm(form);
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const onTest = async () => {
    setServerError(null);
    if (!checkForm()) return;
    setTest({ kind: 'testing' });
    const password = passwordFromForm(form);
    const unchangedSaved =
      saved &&
      password === undefined &&
      JSON.stringify(paramsFromForm(form)) === JSON.stringify(paramsFromForm(formFromSaved(saved)));
    try {
      // a saved connection tests with its stored password; edited params are tested as typed
      const result = await testConnection(
        unchangedSaved ? { id: saved.id } : { params: paramsFromForm(form), password },
      );
      setTest({
        kind: 'ok',
        text: `Connected · ${formatServerVersion(form.engine, result.serverVersion)} · ${Math.round(result.latencyMs)} ms`,
      });
    } catch (error) {
      setTest({ kind: 'error', error: showServerError(error) });
    }
  };

  const onSave = async () => {
    setServerError(null);
    setTest({ kind: 'idle' });
    if (!checkForm()) return;
    setSaving(true);
    const name = form.name.trim() || suggestName(form);
    try {
      if (saved) {
        await updateConnection({
          id: saved.id,
          name,
          params: isSample ? undefined : paramsFromForm(form),
          password: passwordFromForm(form),
        });
        onClose();
      } else {
        const created = await createConnection({
          name,
          params: paramsFromForm(form),
          password: passwordFromForm(form) ?? undefined,
        });
        onClose();
        void connect(created.id);
      }
    } catch (error) {
      setServerError(showServerError(error));
      setSaving(false);
    }
  };

  const onApplyUrl = async (text = url) => {
    setUrlError(null);
    if (!text.trim()) return;
    try {
      const parsed = await parseConnectionUrl(text.trim());
      setForm((f) => applyParsedUrl(f, parsed));
      setErrors({});
      setTest({ kind: 'idle' });
      setUrl('');
    } catch (error) {
      setUrlError(toErrorShape(error));
    }
  };

  // a pasted connection URL fills the form at once, whichever field it was pasted into (not the password)
  const onPaste = (event: ClipboardEvent<HTMLFormElement>) => {
    const text = event.clipboardData.getData('text');
    const target = event.target as HTMLInputElement;
    if (target.type === 'password' || !looksLikeConnectionUrl(text)) return;
    event.preventDefault();
    setUrl(text.trim());
    void onApplyUrl(text);
  };

  const onBrowse = async () => {
    try {
      const path = await pickPath({
        mode: form.create ? 'save' : 'open',
        title: form.create ? 'Create SQLite database' : 'Open SQLite database',
        defaultPath: form.file || undefined,
        filters: [
          { name: 'SQLite databases', extensions: ['sqlite', 'sqlite3', 'db', 'db3'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (path) update('file', path);
    } catch (error) {
      notifyError('Could not open the file dialog', error);
    }
  };

  const fieldId = (name: string) => `${idPrefix}-${name}`;
  const field = (name: FormField, label: string, control: ReactNode, hint?: ReactNode) => (
    <div className={`form-field form-field-${name}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      {control}
      {errors[name] ? (
        <div className="field-error" id={`${fieldId(name)}-error`} role="alert">
          {errors[name]}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
  const inputProps = (name: FormField) => ({
    id: fieldId(name),
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${fieldId(name)}-error` : undefined,
  });

  const title = saved ? `Edit connection · ${saved.name}` : 'New connection';
  const busy = saving || test.kind === 'testing';

  return (
    <ModalDialog
      title={title}
      onClose={onClose}
      width={560}
      data-testid="connection-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onTest} disabled={busy} data-testid="connection-test">
            {test.kind === 'testing' ? <Spinner label="Testing" /> : null}
            Test
          </button>
          <span className="footer-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={onSave}
            disabled={busy}
            data-testid="connection-save"
          >
            {saving ? <Spinner label="Saving" /> : null}
            Save
          </button>
        </>
      }
    >
      <form
        className="connection-form"
        onPaste={onPaste}
        onSubmit={(event) => {
          event.preventDefault();
          void onSave();
        }}
        noValidate
      >
        {field(
          'name',
          'Name',
          <input
            {...inputProps('name')}
            className="input"
            value={form.name}
            placeholder={suggestName(form)}
            onChange={(e) => update('name', e.target.value)}
            data-autofocus
          />,
        )}

        <fieldset className="engine-choice" disabled={Boolean(saved)}>
          <legend>Engine</legend>
          {(['sqlite', 'postgres', 'mysql'] as Engine[]).map((engine) => (
            <label key={engine} className={`engine-option${form.engine === engine ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name={`${idPrefix}-engine`}
                value={engine}
                checked={form.engine === engine}
                onChange={() => {
                  setForm((f) => changeEngine(f, engine));
                  setErrors({});
                  setTest({ kind: 'idle' });
                }}
              />
              <span className={`engine-badge engine-${engine}`}>{ENGINE_LABELS[engine]}</span>
            </label>
          ))}
        </fieldset>

        {form.engine === 'sqlite' ? (
          <>
            {field(
              'file',
              'Database file',
              <div className="input-with-button">
                <input
                  {...inputProps('file')}
                  className="input input-mono"
                  value={form.file}
                  placeholder="/path/to/database.sqlite"
                  onChange={(e) => update('file', e.target.value)}
                  disabled={isSample}
                  spellCheck={false}
                />
                {nativeDialogs && !isSample && (
                  <button type="button" className="button" onClick={onBrowse}>
                    <IconFolderOpen /> Browse…
                  </button>
                )}
              </div>,
              isSample
                ? 'The sample database lives in the data folder and cannot be moved.'
                : sqliteFileHint(form, workspaceDir),
            )}
            <div className="checkbox-row">
              <label>
                <input
                  type="checkbox"
                  checked={form.create}
                  disabled={isSample}
                  onChange={(e) => update('create', e.target.checked)}
                />
                Create a new file if it does not exist
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={form.readOnly}
                  disabled={isSample}
                  onChange={(e) => update('readOnly', e.target.checked)}
                />
                Read-only
              </label>
            </div>
            {fileMissing && (
              <div className="field-hint" role="note" data-testid="create-file-hint">
                Tick “Create a new file if it does not exist” to create it there (its folder must exist).
              </div>
            )}
          </>
        ) : (
          <>
            <div className="paste-url">
              <label htmlFor={fieldId('url')}>Paste URL</label>
              <div className="input-with-button">
                <input
                  id={fieldId('url')}
                  className="input input-mono"
                  value={url}
                  placeholder={
                    form.engine === 'mysql'
                      ? 'mysql://user:password@host:3306/database'
                      : 'postgres://user:password@host:5432/database'
                  }
                  onChange={(e) => {
                    setUrl(e.target.value);
                    setUrlError(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void onApplyUrl();
                    }
                  }}
                  spellCheck={false}
                  autoComplete="off"
                />
                <button type="button" className="button" onClick={() => void onApplyUrl()} disabled={!url.trim()}>
                  Fill from URL
                </button>
              </div>
              {urlError && <ErrorMessage error={urlError} compact />}
            </div>
            <div className="form-grid">
              {field(
                'host',
                'Host',
                <input
                  {...inputProps('host')}
                  className="input"
                  value={form.host}
                  onChange={(e) => update('host', e.target.value)}
                  spellCheck={false}
                />,
              )}
              {field(
                'port',
                'Port',
                <input
                  {...inputProps('port')}
                  className="input"
                  inputMode="numeric"
                  value={form.port}
                  onChange={(e) => update('port', e.target.value)}
                />,
              )}
              {field(
                'user',
                'User',
                <input
                  {...inputProps('user')}
                  className="input"
                  value={form.user}
                  onChange={(e) => update('user', e.target.value)}
                  spellCheck={false}
                  autoComplete="off"
                />,
              )}
              {field(
                'password',
                'Password',
                <input
                  {...inputProps('password')}
                  className="input"
                  type="password"
                  value={form.password}
                  placeholder={saved?.hasPassword && !form.clearPassword ? 'unchanged' : ''}
                  disabled={form.clearPassword}
                  onChange={(e) => update('password', e.target.value)}
                  autoComplete="new-password"
                />,
                passwordMustBeReentered(saved, form) ? (
                  <span className="field-warning" data-testid="password-reenter">
                    The saved password is only sent to the host, port and user it was entered for: enter it again, or
                    the connection is saved without one.
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
                ) : undefined,
              )}
              {field(
                'database',
                'Database',
                <input
                  {...inputProps('database')}
                  className="input"
                  value={form.database}
                  placeholder={form.engine === 'postgres' ? 'same as user' : 'none'}
                  onChange={(e) => update('database', e.target.value)}
                  spellCheck={false}
                />,
              )}
              {field(
                'sslMode',
                'SSL mode',
                <select
                  {...inputProps('sslMode')}
                  className="select"
                  value={form.sslMode}
                  onChange={(e) => update('sslMode', e.target.value as SslMode)}
                >
                  {(Object.keys(SSL_MODE_LABELS) as SslMode[]).map((mode) => (
                    <option key={mode} value={mode}>
                      {SSL_MODE_LABELS[mode]}
                    </option>
                  ))}
                </select>,
              )}
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
                    Only on a network you trust: without TLS, anyone on the way to {form.host.trim()} can read the
                    password and every query.
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
        )}

        {/* submit on Enter inside any field */}
        <button type="submit" hidden tabIndex={-1} />

        <div className="connection-outcome" aria-live="polite">
          {test.kind === 'ok' && (
            <div className="test-ok" data-testid="connection-test-ok">
              <IconCheck /> {test.text}
            </div>
          )}
          {test.kind === 'error' && <ErrorMessage error={test.error} data-testid="connection-error" />}
          {serverError && <ErrorMessage error={serverError} data-testid="connection-error" />}
        </div>
      </form>
    </ModalDialog>
  );
}
