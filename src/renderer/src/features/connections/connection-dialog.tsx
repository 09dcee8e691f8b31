import { useId, useRef, useState, type ClipboardEvent } from 'react';
import type { ConnectionInput, ConnectionSafety, Engine, SavedConnection } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { IconCheck } from '../../components/icons';
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
  paramsFromForm as paramsFromFormIn,
  passwordFromForm,
  SAFETY_LABELS,
  suggestName as suggestNameAmong,
  urlEngineConflict,
  validateForm,
  type ConnectionForm,
  type FormErrors,
  type FormField,
} from './connection-form';
import './connections.css';
import { controlProps, FieldRow, type FieldsProps } from './form-field';
import { ServerFields } from './server-fields';
import { SqliteFields } from './sqlite-fields';

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
  const urlRef = useRef<HTMLInputElement>(null);
  const idPrefix = useId();
  const isSample = saved?.isSample ?? false;

  // the server said the SQLite file is missing: point at the checkbox that creates it
  const [fileMissing, setFileMissing] = useState(false);
  const update = <K extends FormField>(key: K, value: ConnectionForm[K]) => {
    if (key === 'file' || key === 'create') setFileMissing(false);
    // the error of a URL pasted while SQLite is chosen stands in for the hidden URL field's until the next edit
    if (form.engine === 'sqlite') setUrlError(null);
    setForm((f) => ({ ...f, [key]: value }));
    // "create" answers a missing-file error, so that error goes with it
    setErrors((e) => ({ ...e, [key]: undefined, ...(key === 'create' ? { file: undefined } : {}) }));
    setTest({ kind: 'idle' });
  };

  const showServerError = (error: unknown, f: ConnectionForm) => {
    const shape = toErrorShape(error);
    const fieldErrors: FormErrors = {};
    for (const [key, message] of invalidInputFields(shape)) {
      const field = fieldForIssue(key);
      if (field) fieldErrors[field] = message;
    }
    const field = FIELD_BY_CODE[shape.code];
    if (field) fieldErrors[field] = shape.message;
    setErrors((e) => ({ ...e, ...fieldErrors }));
    setFileMissing(shape.code === 'FILE_NOT_FOUND' && f.engine === 'sqlite' && !f.create);
    return shape;
  };

  const checkForm = (f: ConnectionForm): boolean => {
    const found = validateForm(f);
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  /**
   * Applies URL text to `base`: the form with the URL's parts (also shown in the fields), `base` when there is no
   * text, or null when the URL is malformed or for another engine than the edited connection's — its error is then
   * shown under the URL field, which keeps the text and takes the focus.
   */
  const withUrl = async (base: ConnectionForm, text: string): Promise<ConnectionForm | null> => {
    if (!text.trim()) return base;
    setUrlError(null);
    const refuse = (error: AppErrorShape) => {
      setUrlError(error);
      urlRef.current?.focus();
      return null;
    };
    let parsed: ConnectionInput;
    try {
      parsed = await parseConnectionUrl(text.trim());
    } catch (error) {
      return refuse(toErrorShape(error));
    }
    const conflict = urlEngineConflict(saved, parsed);
    if (conflict) return refuse({ code: 'INVALID_INPUT', message: conflict });
    const next = applyParsedUrl(base, parsed);
    setForm(next);
    setErrors({});
    setUrl('');
    return next;
  };

  // the URL field is hidden for SQLite, so what it still holds is not what the user sees
  const visibleUrl = (f: ConnectionForm) => (f.engine === 'sqlite' ? '' : url);

  // Save and Test use a URL left in its field as "Fill from URL" would: what is saved is what the URL says
  const onTest = async () => {
    setServerError(null);
    setTest({ kind: 'testing' });
    const current = await withUrl(form, visibleUrl(form));
    if (!current || !checkForm(current)) {
      setTest({ kind: 'idle' });
      return;
    }
    const password = passwordFromForm(current);
    const unchangedSaved =
      saved &&
      password === undefined &&
      JSON.stringify(paramsFromForm(current)) === JSON.stringify(paramsFromForm(formFromSaved(saved)));
    try {
      // a saved connection tests with its stored password; edited params are tested as typed
      const result = await testConnection(
        unchangedSaved ? { id: saved.id } : { params: paramsFromForm(current), password },
      );
      setTest({
        kind: 'ok',
        text: `Connected · ${formatServerVersion(current.engine, result.serverVersion)} · ${Math.round(result.latencyMs)} ms`,
      });
    } catch (error) {
      setTest({ kind: 'error', error: showServerError(error, current) });
    }
  };

  const onSave = async () => {
    setServerError(null);
    setTest({ kind: 'idle' });
    setSaving(true);
    const current = await withUrl(form, visibleUrl(form));
    if (!current || !checkForm(current)) {
      setSaving(false);
      return;
    }
    const name = current.name.trim() || suggestName(current);
    try {
      if (saved) {
        await updateConnection({
          id: saved.id,
          name,
          params: isSample ? undefined : paramsFromForm(current),
          password: passwordFromForm(current),
        });
        onClose();
      } else {
        const created = await createConnection({
          name,
          params: paramsFromForm(current),
          password: passwordFromForm(current) ?? undefined,
        });
        onClose();
        void connect(created.id);
      }
    } catch (error) {
      setServerError(showServerError(error, current));
      setSaving(false);
    }
  };

  const onApplyUrl = async (text = url) => {
    if (await withUrl(form, text)) setTest({ kind: 'idle' });
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
  const sectionProps: FieldsProps = { form, errors, update, fieldId };

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
        <FieldRow name="name" label="Name" fieldId={fieldId} error={errors.name}>
          <input
            {...controlProps('name', fieldId, errors)}
            className="input"
            value={form.name}
            placeholder={suggestName(form)}
            onChange={(e) => update('name', e.target.value)}
            data-autofocus
          />
        </FieldRow>

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
                  setUrlError(null);
                  setTest({ kind: 'idle' });
                }}
              />
              <span className={`engine-badge engine-${engine}`}>{ENGINE_LABELS[engine]}</span>
            </label>
          ))}
        </fieldset>

        {form.engine === 'sqlite' ? (
          <SqliteFields
            {...sectionProps}
            isSample={isSample}
            workspaceDir={workspaceDir}
            onBrowse={nativeDialogs ? () => void onBrowse() : undefined}
            fileMissing={fileMissing}
          />
        ) : (
          <ServerFields
            {...sectionProps}
            saved={saved}
            url={url}
            onUrlChange={(text) => {
              setUrl(text);
              setUrlError(null);
            }}
            onApplyUrl={() => void onApplyUrl()}
            urlError={urlError}
            urlRef={urlRef}
          />
        )}

        <FieldRow
          name="safety"
          label="Safety"
          fieldId={fieldId}
          error={errors.safety}
          hint={
            form.safety === 'production'
              ? 'Marked in red; every statement that may change data asks first.'
              : form.safety === 'readOnly'
                ? 'Nothing can be changed through this connection.'
                : undefined
          }
        >
          <select
            {...controlProps('safety', fieldId, errors)}
            className="select"
            value={form.safety}
            onChange={(e) => update('safety', e.target.value as ConnectionSafety)}
            data-testid="connection-safety"
          >
            {(Object.keys(SAFETY_LABELS) as ConnectionSafety[]).map((safety) => (
              <option key={safety} value={safety}>
                {SAFETY_LABELS[safety]}
              </option>
            ))}
          </select>
        </FieldRow>

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
          {/* a server URL pasted while SQLite is chosen: the URL field (and its error) is not on screen */}
          {form.engine === 'sqlite' && urlError && <ErrorMessage error={urlError} data-testid="connection-url-error" />}
        </div>
      </form>
    </ModalDialog>
  );
}
