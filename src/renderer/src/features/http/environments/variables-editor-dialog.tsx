import { useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorMessage } from '../../../components/error-message';
import { IconPlus, IconTrash } from '../../../components/icons';
import { ModalDialog } from '../../../components/modal-dialog';
import { stores } from '../../../stores/app-stores';
import { selectEditorDirty, type VariablesTarget } from '../../../stores/http-environments.store';
import { PromptDialog } from '../../query-editor/prompt-dialog';
import { environmentsStore, useHttpEnvironments } from './use-http-environments';
import { VariablesTable } from './variables-table';

const required = (value: string) => (value.trim() ? null : 'Give a name');
const sameTarget = (a: VariablesTarget, b: VariablesTarget) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Edits variables: the environments and the globals (a list on the left, New and Delete), or one collection's
 * variables (`collection.yaml`; its headers and auth are edited elsewhere). Unsaved edits are asked about before
 * they are dropped; a file changed on disk meanwhile is said, with Reload.
 */
export function VariablesEditorDialog({ onClose }: { onClose(): void }) {
  const editor = useHttpEnvironments((s) => s.editor);
  const environments = useHttpEnvironments((s) => s.environments) ?? [];
  const dirty = useHttpEnvironments((s) => selectEditorDirty(s.editor));
  const [prompt, setPrompt] = useState<'new' | 'delete' | null>(null);
  if (!editor) return null;
  const { target } = editor;
  const collection = target.kind === 'collection';

  // unsaved edits are lost only when the user says so
  const leave = async (then: () => void) => {
    if (
      !dirty ||
      (await stores.ui.getState().askConfirmation({
        title: 'Discard unsaved variables?',
        message: `Your edits to ${editor.name || 'these variables'} are not saved.`,
        confirmLabel: 'Discard',
        danger: true,
      }))
    )
      then();
  };
  const open = (next: VariablesTarget) => {
    if (!sameTarget(next, target)) void leave(() => void environmentsStore().openEditor(next));
  };
  const close = () =>
    void leave(() => {
      environmentsStore().closeEditor();
      onClose();
    });

  const title = collection ? `Collection variables — ${editor.name}` : 'Environments and globals';
  return (
    <ModalDialog
      title={title}
      onClose={close}
      width={collection ? 720 : 860}
      data-testid="http-vars-dialog"
      footer={
        <>
          {dirty && <span className="http-vars-unsaved">Unsaved</span>}
          <button type="button" className="button" data-testid="http-vars-close" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="http-vars-save"
            disabled={!editor.saved}
            onClick={() => void environmentsStore().saveEditor()}
          >
            Save
          </button>
        </>
      }
    >
      <div className={collection ? 'http-vars-layout http-vars-single' : 'http-vars-layout'}>
        {!collection && (
          <nav className="http-vars-list" aria-label="Environments">
            <button
              type="button"
              className={`http-vars-item${target.kind === 'globals' ? ' is-active' : ''}`}
              data-testid="http-vars-globals"
              onClick={() => open({ kind: 'globals' })}
            >
              Globals
            </button>
            {environments.map((env) => (
              <button
                type="button"
                key={env.path}
                className={`http-vars-item${target.kind === 'environment' && target.path === env.path ? ' is-active' : ''}`}
                data-testid="http-vars-environment"
                data-path={env.path}
                title={env.error ?? `environments/${env.path}`}
                onClick={() => open({ kind: 'environment', path: env.path })}
              >
                {env.name}
              </button>
            ))}
            <button
              type="button"
              className="button button-small"
              data-testid="http-vars-new-environment"
              onClick={() => void leave(() => setPrompt('new'))}
            >
              <IconPlus /> Environment
            </button>
          </nav>
        )}
        <div className="http-vars-main">
          {target.kind === 'environment' && (
            <div className="http-vars-name">
              <label>
                Name
                <input
                  className="input"
                  data-testid="http-vars-name"
                  value={editor.name}
                  onChange={(e) => environmentsStore().renameInEditor(e.target.value)}
                />
              </label>
              <span className="http-vars-file">environments/{target.path}</span>
              <button
                type="button"
                className="button button-small button-danger"
                data-testid="http-vars-delete-environment"
                onClick={() => setPrompt('delete')}
              >
                <IconTrash /> Delete
              </button>
            </div>
          )}
          {target.kind === 'globals' && (
            <p className="http-hint">Globals apply to every request, in every environment.</p>
          )}
          {editor.changedOnDisk && (
            <div className="http-vars-disk" role="status" data-testid="http-vars-changed-on-disk">
              The file changed on disk; your unsaved edits are kept (Save overwrites it).
              <button
                type="button"
                className="button button-small"
                onClick={() => void environmentsStore().reloadEditor()}
              >
                Reload from disk
              </button>
            </div>
          )}
          {editor.error && <ErrorMessage error={editor.error} compact />}
          {!editor.loading && !editor.error && (
            <VariablesTable
              rows={editor.variables}
              onChange={(rows) => environmentsStore().editVariables(() => rows)}
            />
          )}
        </div>
      </div>
      {prompt === 'new' && (
        <PromptDialog
          title="New environment"
          label="Name"
          initialValue=""
          confirmLabel="Create"
          validate={required}
          onConfirm={(name) =>
            void environmentsStore()
              .createEnvironment(name)
              .then((ok) => ok && setPrompt(null))
          }
          onCancel={() => setPrompt(null)}
        />
      )}
      {prompt === 'delete' && target.kind === 'environment' && (
        <ConfirmDialog
          title="Delete environment?"
          confirmLabel="Delete"
          danger
          onCancel={() => setPrompt(null)}
          onConfirm={() => {
            setPrompt(null);
            void environmentsStore()
              .deleteEnvironment(target.path)
              .then((ok) => ok && void environmentsStore().openEditor({ kind: 'globals' }));
          }}
        >
          <strong>{editor.name}</strong> (environments/{target.path}) is deleted with its secret values.
        </ConfirmDialog>
      )}
    </ModalDialog>
  );
}
