import { useRef, useState } from 'react';
import { Spinner } from '../../components/spinner';
import { stores, useMocks } from '../../stores/app-stores';
import type { MockSummary } from '../../../../shared/contract/mock.contract';

/** The files a mock can be imported from: OpenAPI/Swagger (JSON or YAML), Mockoon JSON, mock YAML. */
export const MOCK_IMPORT_ACCEPT = '.json,.yaml,.yml';

/**
 * "Import…": an OpenAPI, Swagger, Mockoon or mock YAML file becomes a new mock (uploaded in the browser host as
 * the import dialog does, the native open dialog on the desktop); its warnings show in a toast and its tab opens.
 */
export function ImportMockButton({ onImported }: { onImported(summary: MockSummary): void }) {
  const canUpload = useMocks((s) => s.canUpload);
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const run = async (file?: File) => {
    setBusy(true);
    const imported = await stores.mocks.getState().importMock(file);
    setBusy(false);
    if (imported) onImported(imported);
  };
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        title="Make a mock from an OpenAPI, Swagger, Mockoon or mock YAML file"
        data-testid="mock-import"
        onClick={() => (canUpload ? fileInput.current?.click() : void run())}
      >
        {busy && <Spinner label="Importing" />}
        Import…
      </button>
      {canUpload && (
        <input
          ref={fileInput}
          type="file"
          accept={MOCK_IMPORT_ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-label="File to import as a mock"
          data-testid="mock-import-input"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            e.target.value = '';
            if (picked) void run(picked);
          }}
        />
      )}
    </>
  );
}
