import { useEffect, useState } from 'react';
import { comboText } from '../../app/key-combos';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { IconPlus, IconRefresh } from '../../components/icons';
import { stores, useHttp } from '../../stores/app-stores';
import { PromptDialog } from '../query-editor/prompt-dialog';
import { EnvironmentBar } from './environments/environment-bar';
import { CollectionsTree } from './http-collections-tree';
import { HttpHistoryView } from './history/http-history-view';
import { HttpImportDialog, ImportButton } from './import-export/import-dialog';
import { IconHttp } from './http-icon';
import { openHttpTab } from './open-http-tab';
import type { FolderNode, RequestNode } from '../../../../shared/contract/http.contract';
import './http.css';

type Node = FolderNode | RequestNode;
type Dialog = { kind: 'collection' } | { kind: 'rename'; node: Node } | { kind: 'delete'; node: Node } | null;

const required = (value: string) => (value.trim() ? null : 'Give a name');

/** The HTTP panel: new request, new collection, and the collections as a tree (click opens a request). */
export function HttpPanel() {
  const collections = useHttp((s) => s.collections);
  const error = useHttp((s) => s.collectionsError);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [view, setView] = useState<'collections' | 'history'>('collections');
  useEffect(() => void stores.http.getState().loadCollections(), []);
  const http = () => stores.http.getState();

  let body;
  if (error && !collections) body = <ErrorMessage error={error} compact data-testid="http-collections-error" />;
  else if (collections && collections.length === 0)
    body = (
      <EmptyState
        icon={<IconHttp size={28} />}
        title="No collections yet"
        hint={`Build a request and send it (${comboText('Mod+Shift+H')}); save it to a collection with ${comboText('Mod+S')}.`}
        data-testid="http-empty"
      />
    );
  else if (collections)
    body = (
      <CollectionsTree
        nodes={collections}
        actions={{
          rename: (node) => setDialog({ kind: 'rename', node }),
          remove: (node) => setDialog({ kind: 'delete', node }),
        }}
      />
    );

  return (
    <section className="http-panel" aria-label="HTTP requests" data-testid="http-panel">
      <div className="panel-toolbar">
        <button
          type="button"
          className="button button-small button-primary"
          data-testid="http-new-request"
          title={`New request (${comboText('Mod+Shift+H')})`}
          onClick={() => openHttpTab()}
        >
          <IconPlus /> New request
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="http-new-collection"
          onClick={() => setDialog({ kind: 'collection' })}
        >
          <IconPlus /> Collection
        </button>
        <span className="http-panel-spacer" />
        <ImportButton />
        <button
          type="button"
          className="icon-button"
          title={view === 'history' ? 'Read the history again' : 'Read the collections folder again'}
          aria-label={view === 'history' ? 'Refresh history' : 'Refresh collections'}
          onClick={() => void (view === 'history' ? stores.httpHistory.getState().load() : http().loadCollections())}
        >
          <IconRefresh />
        </button>
      </div>
      <EnvironmentBar />
      <div className="http-panel-views" role="tablist" aria-label="Show">
        {(['collections', 'history'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className="http-panel-view"
            aria-selected={view === name}
            data-testid={`http-view-${name}`}
            onClick={() => setView(name)}
          >
            {name === 'collections' ? 'Collections' : 'History'}
          </button>
        ))}
      </div>
      {view === 'history' && <HttpHistoryView />}
      {view === 'collections' && error && collections && <ErrorMessage error={error} compact />}
      {view === 'collections' && <div className="http-panel-body">{body}</div>}
      {dialog?.kind === 'collection' && (
        <PromptDialog
          title="New collection"
          label="Name"
          initialValue=""
          confirmLabel="Create"
          validate={required}
          onConfirm={(name) =>
            void http()
              .createCollection(name)
              .then((ok) => ok && setDialog(null))
          }
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'rename' && (
        <PromptDialog
          title={`Rename ${dialog.node.kind === 'request' ? 'request' : 'folder'}`}
          label="Name"
          initialValue={dialog.node.name}
          confirmLabel="Rename"
          validate={required}
          onConfirm={(name) =>
            void http()
              .renameNode(dialog.node.path, name)
              .then((ok) => ok && setDialog(null))
          }
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={dialog.node.kind === 'request' ? 'Delete request?' : 'Delete folder?'}
          confirmLabel="Delete"
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            const path = dialog.node.path;
            setDialog(null);
            void http().deleteNode(path);
          }}
        >
          <strong>{dialog.node.name}</strong> ({`collections/${dialog.node.path}`})
          {dialog.node.kind === 'request' ? ' is deleted.' : ' is deleted with everything in it.'} Open tabs keep their
          request as unsaved.
        </ConfirmDialog>
      )}
      <HttpImportDialog />
    </section>
  );
}
