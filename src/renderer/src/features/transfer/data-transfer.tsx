import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/contract';
import { ContextMenu } from '../../components/context-menu';
import { stores, useResults, useTabs } from '../../stores/app-stores';
import { ExportBar } from '../results/export-bar';
import './transfer.css';

const EXPORT_FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'tsv', label: 'TSV' },
  { format: 'json', label: 'JSON (array of objects)' },
  { format: 'ndjson', label: 'NDJSON (one object per line)' },
  { format: 'sql', label: 'SQL INSERT statements' },
];

/** The result a data tab shows its rows from (its exports live there, as for a SQL tab's result). */
const useDataResultId = (tabId: string) => useResults((s) => s.resultsByEditorTab[tabId]?.activeId ?? null);

/**
 * The data tab's Import… (into this table) and Export… (the rows the tab shows: its filters, WHERE and sort, in
 * the format chosen from a menu) buttons.
 */
export function DataTransferButtons({ tabId, readOnlyReason }: { tabId: string; readOnlyReason: string | null }) {
  const tab = useTabs((s) => s.tabs.find((t) => t.id === tabId));
  const resultId = useDataResultId(tabId);
  const exporting = useResults((s) => {
    const state = resultId ? s.resultsById[resultId]?.exportState : null;
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
        disabled={!!readOnlyReason}
        title={readOnlyReason ?? `Import rows from a CSV, TSV or JSON file into ${table}`}
        onClick={() => stores.transfer.getState().openImport({ connectionId, schema, table })}
        data-testid="data-import"
      >
        Import…
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={!resultId || exporting}
        title="Export the rows this tab shows (its filters and sort) to a file"
        aria-haspopup="menu"
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setMenu({ x: r.left, y: r.bottom + 2 });
        }}
        data-testid="data-export"
      >
        Export…
      </button>
      {menu && resultId && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          testId="data-export-menu"
          onClose={() => setMenu(null)}
          items={EXPORT_FORMATS.map(({ format, label }) => ({
            label,
            onSelect: () => void stores.results.getState().startExport(resultId, format),
          }))}
        />
      )}
    </>
  );
}

/** A data tab's export in progress (with Cancel), then where the file went. */
export function DataExportBar({ tabId }: { tabId: string }) {
  const resultId = useDataResultId(tabId);
  const state = useResults((s) => (resultId ? s.resultsById[resultId]?.exportState : null));
  if (!resultId || !state) return null;
  const results = stores.results.getState();
  return (
    <ExportBar
      state={state}
      onCancel={() => void results.cancelExport(resultId)}
      onDismiss={() => results.dismissExport(resultId)}
    />
  );
}
