import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { tableKey } from '../../../../shared/design';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { IconPlus } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { stores, useConnections, useDesigner, useTabs } from '../../stores/app-stores';
import { deleteTables as deleteTablesOf, neighbourhood } from '../../stores/design-edits';
import { DesignCanvas } from './design-canvas';
import { DesignChangedOnDisk, DesignOverlayBanner, DesignSaveError } from './design-banners';
import { DesignToolbar, type SearchHit } from './design-toolbar';
import { DbmlPane } from './dbml-pane/dbml-pane';
import { EnumsEditor } from './enums-editor';
import { MigrateDialog } from './migrate/migrate-dialog';
import { TableEditor } from './table-editor';
import './designer.css';

/** A design tab: the toolbar, the canvas, the DBML pane when open, and the side panel of the selection. */
export function DesignTabView({ tabId, active }: { tabId: string; active: boolean }) {
  const path = useTabs((s) => {
    const tab = s.tabs.find((t) => t.id === tabId);
    return tab?.kind === 'design' ? tab.path : null;
  });
  const doc = useDesigner((s) => (path ? s.docs[path] : undefined));
  const readError = useDesigner((s) => (path ? s.readErrors[path] : undefined));
  const selectedConnectionId = useConnections((s) => s.selectedConnectionId);
  const [hit, setHit] = useState<SearchHit | null>(null);
  const [focusHops, setFocusHops] = useState(0);
  const [dbmlOpen, setDbmlOpen] = useState(false);
  const [comparing, setComparing] = useState(false);

  useEffect(() => {
    if (path && !stores.designer.getState().docs[path]) void stores.designer.getState().openDesign(path);
  }, [path]);

  const focusKey = doc && doc.selection.length === 1 ? doc.selection[0] : undefined;
  const visible = useMemo(
    () => (doc && focusHops > 0 && focusKey ? neighbourhood(doc.design, focusKey, focusHops) : null),
    [doc?.design, focusHops, focusKey], // eslint-disable-line react-hooks/exhaustive-deps -- the design, not the doc
  );

  if (!path) return null;
  if (!doc) {
    return (
      <div className="tab-view design-tab" hidden={!active} data-testid="design-tab">
        {readError ? (
          <div className="design-message">
            <ErrorMessage error={readError} data-testid="design-read-error" />
            <button
              type="button"
              className="button button-small"
              onClick={() => void stores.designer.getState().openDesign(path, { force: true })}
            >
              Try again
            </button>
          </div>
        ) : (
          <div className="pane-loading">
            <Spinner label="Reading the design" /> Reading the design…
          </div>
        )}
      </div>
    );
  }

  const selected = doc.selection
    .map((key) => doc.design.tables.find((t) => tableKey(t) === key))
    .filter((t) => t !== undefined);
  const only = selected.length === 1 ? selected[0] : undefined;

  return (
    <div className="tab-view design-tab" hidden={!active} data-testid="design-tab" data-path={path}>
      <ReactFlowProvider>
        <DesignToolbar
          path={path}
          doc={doc}
          hit={hit}
          onHit={setHit}
          focusHops={focusHops}
          onFocusHops={setFocusHops}
          dbmlOpen={dbmlOpen}
          onToggleDbml={() => setDbmlOpen((open) => !open)}
          onCompare={() => setComparing(true)}
        />
        {doc.changedOnDisk && <DesignChangedOnDisk path={path} />}
        {doc.saveError && <DesignSaveError path={path} message={doc.saveError} />}
        <DesignOverlayBanner path={path} doc={doc} />
        <div className="design-main">
          <div className="design-canvas-area">
            <DesignCanvas path={path} doc={doc} visible={visible} hit={hit} />
            {doc.design.tables.length === 0 && (
              <div className="design-canvas-empty">
                <EmptyState
                  title="An empty design"
                  hint="Add a table, then its columns; drag from a column’s dot to another table’s column to link them."
                  action={
                    <button
                      type="button"
                      className="button button-primary button-small"
                      onClick={() => void stores.designer.getState().addTable(path)}
                    >
                      <IconPlus /> Add a table
                    </button>
                  }
                  data-testid="design-empty"
                />
              </div>
            )}
          </div>
          {dbmlOpen && (
            <div className="design-dbml" data-testid="design-dbml">
              <DbmlPane
                design={doc.design}
                onDesign={(design) => stores.designer.getState().edit(path, (s) => ({ ...s, design }))}
              />
            </div>
          )}
          {(selected.length > 0 || doc.design.dialect === 'postgres') && (
            <aside className="design-side" aria-label="Selected table">
              {only ? (
                <TableEditor key={tableKey(only)} path={path} table={only} design={doc.design} />
              ) : selected.length > 1 ? (
                <div className="design-editor">
                  <p>{selected.length} tables selected. Drag one to move them together.</p>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => {
                      const keys = selected.map(tableKey);
                      stores.designer.getState().edit(path, (s) => deleteTablesOf(s, keys));
                    }}
                  >
                    Delete {selected.length} tables
                  </button>
                </div>
              ) : (
                <div className="design-editor">
                  <p className="designer-hint" data-testid="design-side-empty">
                    Select a table to edit its columns, indexes, checks and foreign keys. Shift+drag selects several.
                  </p>
                  {doc.design.dialect === 'mysql' ? (
                    <p className="designer-hint" data-testid="design-mysql-enums">
                      MySQL has no enum types: type a column <code>enum('a', 'b')</code> to list its values.
                    </p>
                  ) : (
                    <EnumsEditor path={path} design={doc.design} />
                  )}
                </div>
              )}
            </aside>
          )}
        </div>
        {comparing && (
          <MigrateDialog
            design={doc.design}
            defaultConnectionId={selectedConnectionId}
            onChanges={(changes) => stores.designer.getState().setOverlay(path, changes)}
            onClose={() => setComparing(false)}
          />
        )}
      </ReactFlowProvider>
    </div>
  );
}
