import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/contract';
import { ContextMenu } from '../../components/context-menu';
import { stores, useTabs, useTransfer } from '../../stores/app-stores';
import { ExportBar } from '../results/export-bar';
import './transfer.css';

const EXPORT_FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'tsv', label: 'TSV' },
  { format: 'json', label: 'JSON (array of objects)' },
  { format: 'ndjson', label: 'NDJSON (one object per line)' },
  { format: 'sql', label: 'SQL INSERT statements' },
];

/**
 * The data tab's Import… (into this table) and Export… (the rows the tab shows: its filters, WHERE and sort, in
 * the format chosen from a menu) buttons. Import is off only for views and read-only connections (`importBlocked`
 * says why): an INSERT needs no key, so a table whose rows cannot be edited still takes imports.
 */
export function DataTransferButtons({ tabId, importBlocked }: { tabId: string; importBlocked: string | null }) {
  const tab = useTabs((s) => s.tabs.find((t) => t.id === tabId));
  const exporting = useTransfer((s) => {
    const state = s.tableExports[tabId];
    return !!state && !state.done;
  });
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  if (tab?.kind !== 'data' || !tab.connectionId) return null;
  const { connectionId, schema, table } = tab;
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={!!importBlocked}
        title={importBlocked ?? `Import rows from a CSV, TSV or JSON file into ${table}`}
        onClick={() => stores.transfer.getState().openImport({ connectionId, schema, table })}
        data-testid="data-import"
      >
        Import…
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={exporting}
        title={
          exporting
            ? 'An export of this tab is running'
            : 'Export the rows this tab shows (its filters and sort) to a file'
        }
        aria-haspopup="menu"
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setMenu({ x: r.left, y: r.bottom + 2 });
        }}
        data-testid="data-export"
      >
        Export…
      </button>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          testId="data-export-menu"
          onClose={() => setMenu(null)}
          items={EXPORT_FORMATS.map(({ format, label }) => ({
            label,
            onSelect: () => void stores.transfer.getState().startTableExport(tabId, format),
          }))}
        />
      )}
    </>
  );
}

/**
 * A data tab's export in progress (with Cancel), then where the file went. Kept by the tab, not by the rows on
 * screen: a sort, filter or reload while it runs leaves it shown.
 */
export function DataExportBar({ tabId }: { tabId: string }) {
  const state = useTransfer((s) => s.tableExports[tabId]);
  if (!state) return null;
  const transfer = stores.transfer.getState();
  return (
    <ExportBar
      state={state}
      onCancel={() => void transfer.cancelTableExport(tabId)}
      onDismiss={() => transfer.dismissTableExport(tabId)}
    />
  );
}
