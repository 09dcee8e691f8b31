import { useEffect, useState } from 'react';
import type { DesignSummary } from '../../../../shared/contract/designer.contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { IconFolderOpen, IconPlus, IconRefresh, IconTrash } from '../../components/icons';
import { Spinner } from '../../components/spinner';
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

  useEffect(() => {
    void stores.designer.getState().loadDesigns();
  }, []);

  let body;
  if (!loaded) {
    body = (
      <div className="pane-loading">
        <Spinner label="Reading designs" /> Reading designs…
      </div>
    );
  } else if (error && designs.length === 0) {
    body = <ErrorMessage error={error} compact data-testid="designs-error" />;
  } else if (designs.length === 0) {
    body = (
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
    );
  } else {
    body = (
      <ul className="design-list">
        {designs.map((design) => (
          <DesignItem key={design.path} design={design} onDelete={() => setDeleting(design)} />
        ))}
      </ul>
    );
  }

  return (
    <section className="designs-panel" aria-label="Schema designs" data-testid="designs-panel">
      <div className="panel-toolbar">
        <button type="button" className="button button-small" data-testid="design-new" onClick={() => setDialog('new')}>
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
        <span className="designer-spacer" />
        <button
          type="button"
          className="icon-button"
          title="Read the designs folder again"
          aria-label="Refresh designs"
          disabled={loading}
          onClick={() => void stores.designer.getState().loadDesigns()}
        >
          {loading && loaded ? <Spinner label="Refreshing" /> : <IconRefresh />}
        </button>
      </div>
      {error && designs.length > 0 && <ErrorMessage error={error} compact />}
      <div className="designs-body">{body}</div>
      {dialog === 'new' && <NewDesignDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportDesignDialog onClose={() => setDialog(null)} />}
      {deleting && (
        <ConfirmDialog
          title="Delete design?"
          confirmLabel="Delete"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const path = deleting.path;
            setDeleting(null);
            void stores.designer.getState().deleteDesign(path);
          }}
        >
          <strong>{deleting.name}</strong> (<code>designs/{deleting.path}</code>) and its layout are deleted. Databases
          are not changed.
        </ConfirmDialog>
      )}
    </section>
  );
}
