import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { makeIcon } from '../../../components/icons';
import { ModalDialog } from '../../../components/modal-dialog';
import { Spinner } from '../../../components/spinner';
import { formatLabel } from './import-export.store';
import { importExportStore, useImportExport } from './import-export-stores';
import type { HttpImportPreview } from '../../../../../shared/contract/http.contract';
import './import-export.css';

/** Typing pauses this long before the pasted text is previewed. */
const PREVIEW_DELAY_MS = 300;
const ACCEPT = '.json,.yaml,.yml,.har,application/json';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "12 requests in 3 folders, 1 environment" — what the import will make. */
function previewSummary(preview: HttpImportPreview): string {
  if (preview.kind === 'environment') return `Environment "${preview.name}", ${plural(preview.variables, 'variable')}`;
  if (preview.kind === 'request') return `One request (${preview.name}), opened in a new tab`;
  const parts = [`Collection "${preview.name}": ${plural(preview.requests, 'request')}`];
  if (preview.folders > 0) parts.push(`in ${plural(preview.folders, 'folder')}`);
  const tail = preview.environments > 0 ? `, ${plural(preview.environments, 'environment')}` : '';
  return `${parts.join(' ')}${tail}`;
}

/** An arrow going down into a tray. */
const IconImport = makeIcon('Import', <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 11v2.5h11V11" />);

/** "Import…" in the HTTP panel's toolbar: an icon beside Refresh, as the toolbar has no room for a third label. */
export function ImportButton() {
  return (
    <button
      type="button"
      className="icon-button"
      data-testid="http-import"
      aria-label="Import…"
      title="Import… a Postman collection or environment, OpenAPI/Swagger, HAR, Insomnia or a cURL command"
      onClick={() => importExportStore.getState().openImport()}
    >
      <IconImport />
    </button>
  );
}

/**
 * The Import dialog: a file (chosen in the native dialog, or uploaded in the browser) or pasted text; the format
 * found in it and what the import will make; Import. Errors name the file and what is wrong.
 */
export function HttpImportDialog() {
  const dialog = useImportExport((s) => s.dialog);
  const canUpload = useImportExport((s) => s.canUpload);
  const fileInput = useRef<HTMLInputElement>(null);
  const text = dialog?.text ?? '';
  const fromText = dialog?.source.kind === 'text';
  useEffect(() => {
    if (!fromText) return;
    const timer = setTimeout(() => void importExportStore.getState().previewText(), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, fromText]);
  if (!dialog) return null;
  const store = importExportStore.getState();
  const busy = dialog.choosing || dialog.importing;
  const canImport = dialog.preview !== null && !dialog.previewing && !busy && dialog.error === null;

  return (
    <ModalDialog
      title="Import requests"
      onClose={() => store.closeImport()}
      width={640}
      data-testid="http-import-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={() => store.closeImport()}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!canImport}
            data-testid="http-import-run"
            onClick={() => void store.runImport()}
          >
            {dialog.importing && <Spinner label="Importing" />}
            {dialog.preview?.kind === 'request' ? 'Open as request' : 'Import'}
          </button>
        </>
      }
    >
      <div className="http-import">
        <div className="http-import-row">
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            data-autofocus
            data-testid="http-import-choose"
            onClick={() => (canUpload ? fileInput.current?.click() : void store.chooseFile())}
          >
            {dialog.source.kind === 'file' ? 'Choose another file…' : 'Choose file…'}
          </button>
          {canUpload && (
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPT}
              className="visually-hidden"
              tabIndex={-1}
              aria-label="File to import"
              data-testid="http-import-file-input"
              onChange={(e) => {
                const picked = e.target.files?.[0];
                e.target.value = '';
                if (picked) void store.uploadFile(picked);
              }}
            />
          )}
          {dialog.choosing && <Spinner label={canUpload ? 'Uploading' : 'Choosing a file'} />}
          {dialog.source.kind === 'file' && (
            <code className="http-import-file" title={dialog.source.name} data-testid="http-import-file-name">
              {dialog.source.name}
            </code>
          )}
        </div>
        <label className="http-import-label" htmlFor="http-import-text">
          …or paste a collection, a document or a cURL command
        </label>
        <textarea
          id="http-import-text"
          className="input input-mono http-import-text"
          data-testid="http-import-text"
          spellCheck={false}
          placeholder={'curl https://api.example.com/items -H "Accept: application/json"'}
          value={dialog.text}
          onChange={(e) => store.setText(e.target.value)}
        />
        <div className="http-import-result" aria-live="polite">
          {dialog.previewing && <Spinner label="Reading" />}
          {dialog.error && <ErrorMessage error={dialog.error} compact data-testid="http-import-error" />}
          {dialog.preview && !dialog.error && (
            <div data-testid="http-import-preview">
              <p>
                <span className="http-import-format" data-testid="http-import-format">
                  {formatLabel(dialog.preview.format)}
                </span>{' '}
                {previewSummary(dialog.preview)}
              </p>
              {dialog.preview.warnings.length > 0 && (
                <details className="http-import-warnings">
                  <summary>{plural(dialog.preview.warnings.length, 'warning')}: left out or to check</summary>
                  <ul>
                    {dialog.preview.warnings.map((warning, i) => (
                      <li key={i}>{warning}</li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          )}
        </div>
      </div>
    </ModalDialog>
  );
}
