import { useReactFlow } from '@xyflow/react';
import { useRef, useState } from 'react';
import { tableKey } from '../../../../shared/design';
import { comboText } from '../../app/key-combos';
import { ContextMenu } from '../../components/context-menu';
import { IconPlus, IconSearch } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useUi } from '../../stores/app-stores';
import type { DesignDoc } from '../../stores/designer.store';
import { exportDesign, type ExportFormat } from './design-export';
import { nodeHeight, NODE_WIDTH } from './geometry';
import { designTitleFromPath } from './design-tab.model';

export interface SearchHit {
  key: string;
  /** The matching column, or '' when the table's name matched. */
  column: string;
}

/** Tables and columns whose name contains `query`, in the design's order. */
export function searchDesign(doc: DesignDoc, query: string): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const table of doc.design.tables) {
    const key = tableKey(table);
    if (table.name.toLowerCase().includes(q)) hits.push({ key, column: '' });
    for (const column of table.columns)
      if (column.name.toLowerCase().includes(q)) hits.push({ key, column: column.name });
  }
  return hits;
}

interface ToolbarProps {
  path: string;
  doc: DesignDoc;
  hit: SearchHit | null;
  onHit(hit: SearchHit | null): void;
  focusHops: number;
  onFocusHops(hops: number): void;
  dbmlOpen: boolean;
  onToggleDbml(): void;
  onCompare(): void;
}

/** Add, arrange, fit, search, focus, undo/redo, export, compare, DBML — and whether the file is saved. */
export function DesignToolbar(props: ToolbarProps) {
  const { path, doc } = props;
  const flow = useReactFlow();
  const theme = useUi((s) => s.theme);
  const [query, setQuery] = useState('');
  const [hitIndex, setHitIndex] = useState(0);
  const [exportMenu, setExportMenu] = useState<{ x: number; y: number } | null>(null);
  const [arranging, setArranging] = useState(false);
  const exportRef = useRef<HTMLButtonElement>(null);
  const designer = stores.designer.getState();
  const hits = searchDesign(doc, query);

  const show = (hit: SearchHit) => {
    props.onHit(hit);
    designer.select(path, [hit.key]);
    const at = doc.layout.tables[hit.key];
    const table = doc.design.tables.find((t) => tableKey(t) === hit.key);
    if (at && table)
      void flow.setCenter(at.x + NODE_WIDTH / 2, at.y + nodeHeight(table) / 2, {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 250,
      });
  };

  const runExport = (format: ExportFormat) => {
    exportDesign(format, { name: designTitleFromPath(path), design: doc.design, layout: doc.layout, theme }).catch(
      (error: unknown) =>
        stores.notifications.getState().notifyError(`Could not export as ${format.toUpperCase()}`, error),
    );
  };

  const status = doc.saveError
    ? { text: 'Not saved', className: 'design-status-error', title: doc.saveError }
    : doc.saving || doc.dirty
      ? { text: 'Saving…', className: '', title: 'Edits are written to the file a moment after you make them' }
      : { text: 'Saved', className: 'design-status-saved', title: `designs/${path}` };

  return (
    <div className="design-toolbar" role="toolbar" aria-label="Design tools">
      <button
        type="button"
        className="button button-small button-primary"
        data-testid="design-add-table"
        onClick={() =>
          void designer.addTable(path).then((key) => {
            // bring the new table into view, where its columns are edited next
            if (key)
              requestAnimationFrame(() => void flow.fitView({ nodes: [{ id: key }], maxZoom: 1, duration: 200 }));
          })
        }
      >
        <IconPlus /> Table
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={arranging || doc.design.tables.length === 0}
        title="Arrange every table (undo puts them back)"
        data-testid="design-arrange"
        onClick={() => {
          setArranging(true);
          void designer
            .arrangeAll(path)
            .then(() => requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 250 })))
            .finally(() => setArranging(false));
        }}
      >
        {arranging && <Spinner label="Arranging" />} Arrange
      </button>
      <button
        type="button"
        className="button button-small"
        title="Zoom to fit the whole diagram"
        data-testid="design-fit"
        onClick={() => void flow.fitView({ padding: 0.15, duration: 250 })}
      >
        Fit
      </button>
      <div className="search-box design-search">
        <IconSearch />
        <input
          className="input"
          type="search"
          placeholder="Find table or column"
          aria-label="Find a table or column"
          data-testid="design-search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setHitIndex(0);
            props.onHit(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
              props.onHit(null);
            }
            if (e.key !== 'Enter' || hits.length === 0) return;
            e.preventDefault();
            const at = hitIndex % hits.length;
            const hit = hits[at];
            if (hit) show(hit);
            setHitIndex(at + 1);
          }}
        />
        {query.trim() && (
          <span className="design-search-count" data-testid="design-search-count">
            {hits.length === 0 ? 'none' : `${Math.min(hitIndex, hits.length) || '–'}/${hits.length}`}
          </span>
        )}
      </div>
      <label className="design-focus" title="Show only the selected table and the tables this many links away">
        <input
          type="checkbox"
          checked={props.focusHops > 0}
          data-testid="design-focus"
          onChange={(e) => props.onFocusHops(e.target.checked ? 1 : 0)}
        />
        Focus
        <input
          className="input design-hops"
          type="number"
          min={1}
          max={9}
          aria-label="Links away"
          disabled={props.focusHops === 0}
          value={Math.max(1, props.focusHops)}
          onChange={(e) => props.onFocusHops(Math.min(9, Math.max(1, Number(e.target.value) || 1)))}
        />
      </label>
      <span className="designer-spacer" />
      <button
        type="button"
        className="button button-small"
        disabled={doc.past.length === 0}
        title={`Undo (${comboText('Mod+Z')})`}
        data-testid="design-undo"
        onClick={() => designer.undo(path)}
      >
        Undo
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={doc.future.length === 0}
        title={`Redo (${comboText('Mod+Shift+Z')})`}
        data-testid="design-redo"
        onClick={() => designer.redo(path)}
      >
        Redo
      </button>
      <button
        ref={exportRef}
        type="button"
        className="button button-small"
        aria-haspopup="menu"
        data-testid="design-export"
        onClick={() => {
          const rect = exportRef.current?.getBoundingClientRect();
          setExportMenu(rect ? { x: rect.left, y: rect.bottom + 2 } : { x: 0, y: 0 });
        }}
      >
        Export
      </button>
      <button
        type="button"
        className="button button-small"
        title="Compare the design with a database and apply the differences"
        data-testid="design-compare"
        onClick={props.onCompare}
      >
        Compare / apply…
      </button>
      <button
        type="button"
        className="button button-small"
        aria-pressed={props.dbmlOpen}
        data-testid="design-dbml-toggle"
        onClick={props.onToggleDbml}
      >
        DBML
      </button>
      <span className={`design-status ${status.className}`} title={status.title} data-testid="design-status">
        {status.text}
      </span>
      {exportMenu && (
        <ContextMenu
          x={exportMenu.x}
          y={exportMenu.y}
          testId="design-export-menu"
          onClose={() => setExportMenu(null)}
          items={[
            { label: 'SQL (CREATE script)', onSelect: () => runExport('sql') },
            { label: 'DBML', onSelect: () => runExport('dbml') },
            { label: 'SVG image (whole diagram)', onSelect: () => runExport('svg') },
            { label: 'PNG image (whole diagram)', onSelect: () => runExport('png') },
          ]}
        />
      )}
    </div>
  );
}
