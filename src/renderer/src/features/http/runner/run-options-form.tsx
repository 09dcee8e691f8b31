import { useEffect, useRef } from 'react';
import { IconPlay } from '../../../components/icons';
import type { RunForm } from '../../../stores/http-runner.store';
import { environmentsStore, useHttpEnvironments } from '../environments/use-http-environments';
import { runnerStore, useHttpRunner } from './use-http-runner';

/** The number fields of the options form, in order (typed as text: the store checks them on Run). */
const NUMBER_FIELDS: {
  key: 'iterations' | 'delayMs' | 'concurrency' | 'timeoutMs';
  label: string;
  testId: string;
  hint(form: RunForm): string;
}[] = [
  {
    key: 'iterations',
    label: 'Iterations',
    testId: 'run-iterations',
    hint: (form) =>
      form.data ? 'Rows are reused in turn past the last one.' : 'How many times the whole run repeats.',
  },
  { key: 'delayMs', label: 'Delay (ms)', testId: 'run-delay', hint: () => 'Waited before each request.' },
  {
    key: 'concurrency',
    label: 'Concurrency',
    testId: 'run-concurrency',
    hint: () => 'Iterations in flight at once (each in order).',
  },
  { key: 'timeoutMs', label: 'Timeout (ms)', testId: 'run-timeout', hint: () => "Empty: each request's own timeout." },
];

/** The run's options: environment, iterations or a data file, delay, concurrency, bail, timeout; then Run. */
export function RunOptionsForm({ tabId }: { tabId: string }) {
  const form = useHttpRunner((s) => s.byTab[tabId]?.form);
  const formError = useHttpRunner((s) => s.byTab[tabId]?.formError ?? null);
  const environments = useHttpEnvironments((s) => s.environments);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (environments === null) void environmentsStore().loadEnvironments();
  }, [environments]);
  if (!form) return null;
  const edit = (patch: Partial<RunForm>) => runnerStore().editForm(tabId, patch);

  const chooseData = async (file: File | undefined) => {
    if (!file) return;
    await runnerStore().loadDataFile(tabId, { name: file.name, text: await file.text() });
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <form
      className="run-form"
      data-testid="run-form"
      onSubmit={(e) => {
        e.preventDefault();
        void runnerStore().start(tabId);
      }}
    >
      <label className="run-field">
        <span>Environment</span>
        <select
          className="select"
          value={form.environment ?? ''}
          data-testid="run-environment"
          onChange={(e) => edit({ environment: e.target.value || null })}
        >
          <option value="">No environment</option>
          {(environments ?? []).map((env) => (
            <option key={env.path} value={env.path} disabled={env.error !== null}>
              {env.name}
            </option>
          ))}
        </select>
        <span className="field-hint">Its variables fill the requests&apos; {'{{variables}}'}.</span>
      </label>
      <div className="run-field">
        <span>Data file</span>
        <div className="run-data">
          <input
            ref={fileInput}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            className="run-file-input"
            data-testid="run-data-file"
            onChange={(e) => void chooseData(e.target.files?.[0])}
          />
          <button type="button" className="button button-small" onClick={() => fileInput.current?.click()}>
            Choose CSV or JSON…
          </button>
          {form.data && (
            <>
              <span data-testid="run-data-summary">
                {form.data.fileName}: {form.data.rows.length} rows, columns {form.data.columns.join(', ')}
              </span>
              <button type="button" className="button button-small" onClick={() => edit({ data: null })}>
                Remove
              </button>
            </>
          )}
        </div>
        <span className="field-hint">One iteration per row; its columns are variables of that iteration.</span>
      </div>
      {NUMBER_FIELDS.map((field) => (
        <label key={field.key} className="run-field">
          <span>{field.label}</span>
          <input
            className="input"
            inputMode="numeric"
            value={form[field.key]}
            data-testid={field.testId}
            onChange={(e) => edit({ [field.key]: e.target.value })}
          />
          <span className="field-hint">{field.hint(form)}</span>
        </label>
      ))}
      <label className="run-check">
        <input type="checkbox" checked={form.bail} onChange={(e) => edit({ bail: e.target.checked })} />
        Stop at the first failure
      </label>
      {formError && (
        <p className="field-error" role="alert" data-testid="run-form-error">
          {formError}
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" data-testid="run-start">
          <IconPlay size={12} /> Run
        </button>
      </div>
    </form>
  );
}
