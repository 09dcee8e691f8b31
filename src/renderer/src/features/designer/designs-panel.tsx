import { useEffect, useState } from 'react';
import type { DesignSummary } from '../../../../shared/contract/designer.contract';
import { EmptyState } from '../../components/empty-state';
import { DeleteFileDialog, FileListPanel } from '../../components/file-list-panel';
import { IconFolderOpen, IconPlus, IconTrash } from '../../components/icons';
import { stores, useDesigner } from '../../stores/app-stores';
import { DIALECT_LABEL, ImportDesignDialog, NewDesignDialog } from './design-dialogs';
import { IconDesign } from './design-icon';
import { openDesignTab } from './open-design';
import './designer.css';

function DesignItem({ design, onDelete }: { design: DesignSummary; onDelete(): void }) {
  const facts = design.error
    ? 'does not parse'
    : `${design.dialect ? DIALECT_LABEL[design.dialect] : 'no dialect'} · ${design.tables} ${design.tables === 1 ? 'table' : 'tables'}`;
  return (
    <li className="design-item" data-testid="design-item" data-path={design.path}>
      <button
        type="button"
        className="design-item-open"
        title={design.error ? `designs/${design.path}: ${design.error}` : `Open designs/${design.path}`}
        onClick={() => openDesignTab(design.path)}
      >
        <IconDesign />
        <span className="design-item-name" data-testid="design-name">
          {design.name}
        </span>
        <span className={`design-item-facts ${design.error ? 'design-item-error' : ''}`}>{facts}</span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Delete ${design.name}`}
        title="Delete this design"
        data-testid="design-delete"
        onClick={onDelete}
      >
        <IconTrash />
      </button>
    </li>
  );
}

/** The workspace's schema designs: new, import, open and delete. */
export function DesignsPanel() {
  const designs = useDesigner((s) => s.designs);
  const loaded = useDesigner((s) => s.loaded);
  const loading = useDesigner((s) => s.loading);
  const error = useDesigner((s) => s.error);
  const [dialog, setDialog] = useState<'new' | 'import' | null>(null);
  const [deleting, setDeleting] = useState<DesignSummary | null>(null);
  const designer = () => stores.designer.getState();

  useEffect(() => {
    void designer().loadDesigns();
  }, []);

  return (
    <FileListPanel
      label="Schema designs"
      data-testid="designs-panel"
      noun="designs"
      folder="designs"
      loaded={loaded}
      loading={loading}
      error={error}
      count={designs.length}
      onRefresh={() => void designer().loadDesigns()}
      errorTestId="designs-error"
      actions={
        <>
          <button
            type="button"
            className="button button-small"
            data-testid="design-new"
            onClick={() => setDialog('new')}
          >
            <IconPlus /> New design
          </button>
          <button
            type="button"
            className="button button-small"
            title="A new design from DBML or a SQL dump"
            data-testid="design-import"
            onClick={() => setDialog('import')}
          >
            <IconFolderOpen /> Import
          </button>
        </>
      }
      empty={
        <EmptyState
          icon={<IconDesign size={22} />}
          title="No schema designs yet"
          hint="Draw tables and relations, or right-click a connection’s schema and choose Open as diagram."
          action={
            <button type="button" className="button button-primary button-small" onClick={() => setDialog('new')}>
              <IconPlus /> New design
            </button>
          }
          data-testid="designs-empty"
        />
      }
      dialogs={
        <>
          {dialog === 'new' && <NewDesignDialog onClose={() => setDialog(null)} />}
          {dialog === 'import' && <ImportDesignDialog onClose={() => setDialog(null)} />}
          {deleting && (
            <DeleteFileDialog
              title="Delete design?"
              path={deleting.path}
              onCancel={() => setDeleting(null)}
              onDelete={(path) => void designer().deleteDesign(path)}
            >
              <strong>{deleting.name}</strong> (<code>designs/{deleting.path}</code>) and its layout are deleted.
              Databases are not changed.
            </DeleteFileDialog>
          )}
        </>
      }
    >
      <ul className="file-list">
        {designs.map((design) => (
          <DesignItem key={design.path} design={design} onDelete={() => setDeleting(design)} />
        ))}
      </ul>
    </FileListPanel>
  );
}
