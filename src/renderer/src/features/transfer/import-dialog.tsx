import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ImportFormat } from '../../../../shared/contract/transfer.contract';
import type { SchemaTree } from '../../../../shared/domain';
import { isErrorCode } from '../../../../shared/errors';
import { ErrorMessage } from '../../components/error-message';
import { ModalDialog } from '../../components/modal-dialog';
import { Spinner } from '../../components/spinner';
import { stores, useSchema, useTransfer } from '../../stores/app-stores';
import type { ImportDialogState } from '../../stores/transfer.store';
import { ImportPreviewTable } from './import-preview-table';
import {
  columnTypeProblems,
  defaultColumnTypes,
  defaultMapping,
  IMPORT_ACCEPT,
  planImport,
  type FieldMapping,
  type TargetColumn,
} from './import-plan';
import './transfer.css';

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV (comma-separated)' },
  { value: 'tsv', label: 'TSV (tab-separated)' },
  { value: 'json', label: 'JSON (an array of objects)' },
  { value: 'ndjson', label: 'NDJSON (one object per line)' },
];

const fmt = (n: number) => n.toLocaleString('en-US');

/** The import dialog when it is open (mounted once in the app shell). */
export function ImportDialogHost() {
  const dialog = useTransfer((s) => s.dialog);
  if (!dialog) return null;
  const t = dialog.target;
  return <ImportDialog key={`${t.connectionId}/${t.schema ?? ''}/${t.table ?? ''}`} dialog={dialog} />;
}

/** The tables of a tree, qualified by schema where the tree has several. */
function tablesOf(tree: SchemaTree | undefined): { schema: string | null; name: string; columns: TargetColumn[] }[] {
  if (!tree) return [];
  return tree.schemas.flatMap((s) =>
    s.tables
      .filter((t) => t.kind === 'table')
      .map((t) => ({
        schema: t.schema ?? s.name,
        name: t.name,
        columns: t.columns.filter((c) => !c.generated).map((c) => ({ name: c.name, dataType: c.dataType })),
      })),
  );
}

const tableKey = (schema: string | null, name: string) => JSON.stringify([schema, name]);

function ImportDialog({ dialog }: { dialog: ImportDialogState }) {
  const { target, file, preview, job } = dialog;
  const store = stores.transfer.getState();
  const tree = useSchema((s) => s.schemaByConnection[target.connectionId]);
  const tables = useMemo(() => tablesOf(tree), [tree]);
  const [mode, setMode] = useState<'existing' | 'new'>(target.table === null ? 'new' : 'existing');
  const [tableChoice, setTableChoice] = useState<string | null>(
    target.table === null ? null : tableKey(target.schema, target.table),
  );
  const [newName, setNewName] = useState('');
  // edits on top of the defaults, keyed by field (they survive a re-read of the preview as another format)
  const [mappingEdits, setMappingEdits] = useState<FieldMapping>({});
  const [typeEdits, setTypeEdits] = useState<Record<string, string>>({});
  const fileInput = useRef<HTMLInputElement>(null);

  const listed = tables.find((t) => tableKey(t.schema, t.name) === tableChoice);
  // a table the tree does not list (yet): the host still checks its columns
  const unlisted =
    !listed && target.table !== null && tableChoice === tableKey(target.schema, target.table)
      ? { schema: target.schema, name: target.table, columns: [] as TargetColumn[] }
      : undefined;
  const chosen = listed ?? unlisted;
  const fields = preview?.columns.map((c) => c.name) ?? [];
  const mapping: FieldMapping = {
    ...defaultMapping(fields, chosen?.columns.length ? chosen.columns : fields.map((f) => ({ name: f, dataType: '' }))),
    ...mappingEdits,
  };
  const typeDefaults = preview ? defaultColumnTypes(preview) : {};
  const columnTypes = { ...typeDefaults, ...typeEdits };
  const typeProblems = mode === 'new' ? columnTypeProblems(columnTypes) : {};
  const running = job?.state === 'running';
  const finished = job !== null && !running;

  const plan = preview
    ? planImport(
        mode === 'existing'
          ? { mode, schema: chosen?.schema ?? null, table: chosen?.name ?? null, fields, mapping }
          : {
              mode,
              schema: target.schema ?? tree?.defaultSchema ?? null,
              table: newName,
              fields,
              columnTypes,
              defaults: typeDefaults,
              existing: tables
                .filter((t) => t.schema === (target.schema ?? tree?.defaultSchema ?? null))
                .map((t) => t.name),
            },
      )
    : { problem: file ? 'Reading the file…' : 'Choose a file to import.' };
  const canImport = 'request' in plan && !running && job?.state !== 'done' && !dialog.previewLoading;

  const start = () => {
    if ('request' in plan && canImport) void store.startImport(plan.request);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    start();
  };
  // Enter anywhere in the dialog (a select too, which does not submit by itself) starts the import when valid
  const onKeyDown = (event: KeyboardEvent) => {
    const el = event.target as HTMLElement;
    if (event.key !== 'Enter' || event.defaultPrevented || el.tagName === 'BUTTON' || el.tagName === 'TEXTAREA') return;
    if (el instanceof HTMLInputElement && el.type === 'file') return;
    event.preventDefault();
    start();
  };

  const browser = useTransfer((s) => s.canUpload);
  const title =
    mode === 'existing' && chosen
      ? `Import data into ${chosen.name}`
      : mode === 'new'
        ? 'Import into a new table'
        : 'Import data';

  return (
    <ModalDialog
      title={title}
      onClose={() => store.closeImport()}
      width={860}
      data-testid="import-dialog"
      footer={
        <>
          {!finished && 'problem' in plan && preview && (
            <span className="import-problem" data-testid="import-problem">
              {plan.problem}
            </span>
          )}
          <button type="button" className="button" onClick={() => store.closeImport()}>
            {running ? 'Cancel and close' : 'Close'}
          </button>
          {job?.state !== 'done' && (
            <button
              type="submit"
              form="import-form"
              className="button button-primary"
              disabled={!canImport}
              data-testid="import-start"
            >
              {running ? 'Importing…' : job ? 'Import again' : 'Import'}
            </button>
          )}
        </>
      }
    >
      <form id="import-form" className="import-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <div className="import-row">
          <span className="import-label">File</span>
          <button
            type="button"
            className="button button-small"
            disabled={dialog.choosing || running}
            onClick={() => (browser ? fileInput.current?.click() : void store.chooseFile())}
            data-autofocus
            data-testid="import-choose"
          >
            {file ? 'Choose another file…' : 'Choose file…'}
          </button>
          {/* after the button: the dialog focuses the first of them, which must be the visible one */}
          {browser && (
            <input
              ref={fileInput}
              type="file"
              accept={IMPORT_ACCEPT}
              className="visually-hidden"
              tabIndex={-1}
              aria-label="File to import"
              data-testid="import-file-input"
              onChange={(e) => {
                const picked = e.target.files?.[0];
                e.target.value = '';
                if (picked) void store.uploadFile(picked);
              }}
            />
          )}
          {dialog.choosing && <Spinner label={browser ? 'Uploading' : 'Choosing a file'} />}
          {file && (
            <code className="import-file-name" title={file.name} data-testid="import-file-name">
              {file.name}
            </code>
          )}
          <label className="import-format">
            <span className="import-label">Format</span>
            <select
              className="select"
              value={dialog.format ?? ''}
              disabled={!file || running}
              onChange={(e) => void store.setFormat(e.target.value as ImportFormat)}
              data-testid="import-format"
            >
              {dialog.format === null && <option value="">—</option>}
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        </div>

        <fieldset className="import-row import-target" disabled={running}>
          <legend className="import-label">Into</legend>
          <label className="import-radio">
            <input
              type="radio"
              name="import-mode"
              checked={mode === 'existing'}
              onChange={() => setMode('existing')}
              data-testid="import-mode-existing"
            />
            an existing table
          </label>
          <select
            className="select"
            aria-label="Table to import into"
            value={tableChoice ?? ''}
            disabled={mode !== 'existing'}
            onChange={(e) => {
              setTableChoice(e.target.value || null);
              setMappingEdits({});
            }}
            data-testid="import-table"
          >
            <option value="">Choose a table…</option>
            {unlisted && <option value={tableChoice!}>{unlisted.name}</option>}
            {tables.map((t) => (
              <option key={tableKey(t.schema, t.name)} value={tableKey(t.schema, t.name)}>
                {t.schema && tree && t.schema !== tree.defaultSchema ? `${t.schema}.${t.name}` : t.name}
              </option>
            ))}
          </select>
          <label className="import-radio">
            <input
              type="radio"
              name="import-mode"
              checked={mode === 'new'}
              onChange={() => setMode('new')}
              data-testid="import-mode-new"
            />
            a new table
          </label>
          <input
            className="input"
            aria-label="Name of the new table"
            placeholder="new_table"
            value={newName}
            disabled={mode !== 'new'}
            onChange={(e) => setNewName(e.target.value)}
            spellCheck={false}
            data-testid="import-new-name"
          />
        </fieldset>

        {!file && !dialog.choosing && (
          <p className="import-note" data-testid="import-intro">
            CSV, TSV, JSON (an array of objects) or NDJSON (one object per line). In CSV and TSV an empty unquoted field
            is NULL and &quot;&quot; is the empty string. The import runs in one transaction: a bad line stops it and
            nothing is written.
          </p>
        )}
        {dialog.error && <ErrorMessage error={dialog.error} compact data-testid="import-preview-error" />}
        {dialog.previewLoading && (
          <div className="import-note">
            <Spinner label="Reading the file" /> Reading the first rows…
          </div>
        )}
        {preview && (
          <ImportPreviewTable
            preview={preview}
            mode={mode}
            columns={chosen?.columns ?? []}
            mapping={mapping}
            onMap={(field, column) => setMappingEdits((m) => ({ ...m, [field]: column }))}
            columnTypes={columnTypes}
            typeProblems={typeProblems}
            onType={(field, type) => setTypeEdits((t) => ({ ...t, [field]: type }))}
            disabled={running}
          />
        )}
        {job && <ImportOutcome dialog={dialog} />}
      </form>
    </ModalDialog>
  );
}

/** Progress with Cancel, then the outcome: rows imported (and a way to the table), or what went wrong. */
function ImportOutcome({ dialog }: { dialog: ImportDialogState }) {
  const job = dialog.job!;
  const store = stores.transfer.getState();
  const where = job.schema && job.schema !== 'main' ? `${job.schema}.${job.table}` : job.table;
  if (job.state === 'running')
    return (
      <div className="import-status" role="status" data-testid="import-progress">
        <Spinner label="Importing" />
        <span>
          Importing into <strong>{where}</strong>… {fmt(job.rowsImported)} row{job.rowsImported === 1 ? '' : 's'}{' '}
          imported
        </span>
        <button type="button" className="button button-small" onClick={() => void store.cancelImport()}>
          Cancel import
        </button>
      </div>
    );
  if (job.state === 'done')
    return (
      <div className="import-status is-success" role="status" data-testid="import-done">
        <span>
          Imported {fmt(job.rowsImported)} row{job.rowsImported === 1 ? '' : 's'} into <strong>{where}</strong>.
        </span>
        <button
          type="button"
          className="button button-small button-primary"
          data-testid="import-open-table"
          onClick={() => {
            stores.tabs
              .getState()
              .openTab({ kind: 'data', connectionId: job.connectionId, schema: job.schema, table: job.table });
            store.closeImport();
          }}
        >
          Open {job.table}
        </button>
      </div>
    );
  const untouched = job.create
    ? 'Nothing was imported: the table was left untouched (a table this import created is not kept).'
    : 'Nothing was imported: the table was left untouched.';
  const error = job.error ?? { code: 'INTERNAL', message: 'The import failed.' };
  if (job.state === 'cancelled')
    return (
      <div className="import-status" role="status" data-testid="import-cancelled">
        Import cancelled. {untouched}
      </div>
    );
  return (
    <div className="import-failure" data-testid="import-failed">
      <ErrorMessage error={{ code: isErrorCode(error.code) ? error.code : 'INTERNAL', message: error.message }} />
      <p className="import-note">{untouched} Fix the file, then choose it again.</p>
    </div>
  );
}
