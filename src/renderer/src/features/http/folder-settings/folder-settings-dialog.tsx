import { useState } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { ModalDialog } from '../../../components/modal-dialog';
import { stores, useUi } from '../../../stores/app-stores';
import { selectSettingsDirty, type FolderSettingsEditor } from '../../../stores/http-folder-settings.store';
import { VariablesTable } from '../environments/variables-table';
import { HttpHeadersTable } from '../http-headers-table';
import { AuthSection } from '../request/auth-section';
import { counted } from '../request/request-section';
import { ScriptsEditors } from '../request/scripts-section';
import { InheritedAuthNote } from './inherited-auth-note';
import { folderSettingsStore, useFolderSettings } from './folder-settings-stores';
import './folder-settings.css';

type SectionId = 'auth' | 'headers' | 'variables' | 'scripts';

function sectionsOf(editor: FolderSettingsEditor): { id: SectionId; label: string }[] {
  const { draft } = editor;
  return [
    { id: 'auth', label: 'Auth' },
    { id: 'headers', label: counted('Headers', draft.headers?.length ?? 0) },
    // variables belong to a collection (collection.yaml); a folder has none
    ...(editor.kind === 'collection'
      ? [{ id: 'variables' as const, label: counted('Variables', draft.variables?.length ?? 0) }]
      : []),
    {
      id: 'scripts',
      label: counted('Scripts', [draft.scripts?.preRequest, draft.scripts?.postResponse].filter(Boolean).length),
    },
  ];
}

/**
 * A collection's or folder's settings (collection.yaml / folder.yaml): the auth, headers, variables (a
 * collection's) and scripts every request inside it inherits, edited with the request editor's own sections and
 * saved with `http.saveSettings`. Unsaved edits are asked about before they are dropped.
 */
export function FolderSettingsDialog() {
  const editor = useFolderSettings((s) => s.editor);
  const dirty = useFolderSettings((s) => selectSettingsDirty(s.editor));
  const theme = useUi((s) => s.theme);
  const [sectionId, setSectionId] = useState<SectionId>('auth');
  if (!editor) return null;
  const store = folderSettingsStore.getState();
  const sections = sectionsOf(editor);
  const section = sections.find((s) => s.id === sectionId) ?? sections[0]!;
  const { draft, kind, path } = editor;

  const close = async () => {
    if (
      dirty &&
      !(await stores.ui.getState().askConfirmation({
        title: 'Discard unsaved settings?',
        message: `Your edits to the settings of ${editor.name} are not saved.`,
        confirmLabel: 'Discard',
        danger: true,
      }))
    )
      return;
    store.close();
  };

  return (
    <ModalDialog
      title={`${kind === 'collection' ? 'Collection' : 'Folder'} settings — ${editor.name}`}
      onClose={() => void close()}
      width={760}
      data-testid="http-folder-settings"
      footer={
        <>
          {dirty && <span className="http-vars-unsaved">Unsaved</span>}
          <button
            type="button"
            className="button"
            data-testid="http-folder-settings-close"
            onClick={() => void close()}
          >
            Close
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="http-folder-settings-save"
            disabled={!editor.saved || editor.saving}
            onClick={() => void store.save()}
          >
            {editor.saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <p className="http-hint http-folder-settings-file">
        collections/{path}/{kind === 'collection' ? 'collection.yaml' : 'folder.yaml'}: every request inside this {kind}{' '}
        inherits these (a request&apos;s own auth, and its headers of the same name, win).
      </p>
      {editor.error && <ErrorMessage error={editor.error} compact />}
      {editor.loading && <p className="http-hint">Reading the settings…</p>}
      {editor.saved && (
        <>
          <div className="http-sections" role="tablist" aria-label={`${kind} settings`}>
            {sections.map((s) => (
              <button
                key={s.id}
                type="button"
                role="tab"
                aria-selected={s.id === section.id}
                className="http-section-tab"
                data-testid={`http-folder-section-${s.id}`}
                onClick={() => setSectionId(s.id)}
              >
                {s.label}
              </button>
            ))}
          </div>
          <div className="http-section http-folder-settings-section" role="tabpanel" aria-label={section.id}>
            {section.id === 'auth' && (
              <AuthSection
                tabId={`settings:${path}`}
                auth={draft.auth}
                path={null}
                inherited={
                  kind === 'folder' ? (
                    <InheritedAuthNote path={path} />
                  ) : (
                    <p className="http-hint">A collection has nothing above it: its requests are sent without auth.</p>
                  )
                }
                onChange={(auth) => store.edit((d) => ({ ...d, auth }))}
              />
            )}
            {section.id === 'headers' && (
              <HttpHeadersTable
                rows={draft.headers ?? []}
                onChange={(rows) => store.edit((d) => ({ ...d, headers: rows }))}
              />
            )}
            {section.id === 'variables' && (
              <VariablesTable
                rows={draft.variables ?? []}
                onChange={(rows) => store.edit((d) => ({ ...d, variables: rows }))}
              />
            )}
            {section.id === 'scripts' && (
              <ScriptsEditors
                id={`settings:${path}`}
                level={kind}
                scripts={draft.scripts}
                theme={theme}
                onChange={(change) => store.edit((d) => ({ ...d, scripts: change(d.scripts) }))}
              />
            )}
          </div>
        </>
      )}
    </ModalDialog>
  );
}
