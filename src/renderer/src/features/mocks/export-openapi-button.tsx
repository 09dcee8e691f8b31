import { useState } from 'react';
import { Spinner } from '../../components/spinner';
import { stores } from '../../stores/app-stores';

/** `orders/shop-api.yaml` → `shop-api.openapi.json`. */
export function openApiFileName(path: string): string {
  return `${path.replace(/^.*\//, '').replace(/\.ya?ml$/i, '')}.openapi.json`;
}

/** Hands `text` to the browser as a file download (kept as text: never parsed or rendered here). */
function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // the click has started the download; the object URL can go once the event loop moves on
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Export OpenAPI": the mock's file as an OpenAPI 3.0 JSON document, downloaded (warnings in a toast). */
export function ExportOpenApiButton({ path, disabled }: { path: string; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button-small"
      disabled={busy || disabled}
      title="Download this mock as an OpenAPI 3.0 JSON document (saved changes only)"
      data-testid="mock-export-openapi"
      onClick={() => {
        setBusy(true);
        void stores.mocks
          .getState()
          .exportOpenApi(path)
          .then((document) => {
            if (document !== null) downloadText(document, openApiFileName(path));
          })
          .finally(() => setBusy(false));
      }}
    >
      {busy && <Spinner label="Exporting" />}
      Export OpenAPI
    </button>
  );
}
