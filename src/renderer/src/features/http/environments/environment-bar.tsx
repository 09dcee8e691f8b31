import { useEffect, useState } from 'react';
import { IconEdit } from '../../../components/icons';
import { CookiesDialog } from './cookies-dialog';
import { environmentsStore, useHttpEnvironments } from './use-http-environments';
import { VariablesEditorDialog } from './variables-editor-dialog';

/**
 * The HTTP panel's environment row: which environment every send uses (kept per workspace), the environments and
 * globals editor, and the cookie jar.
 */
export function EnvironmentBar() {
  const environments = useHttpEnvironments((s) => s.environments);
  const selected = useHttpEnvironments((s) => s.selected);
  const editorOpen = useHttpEnvironments((s) => s.editor !== null);
  const [cookiesOpen, setCookiesOpen] = useState(false);
  useEffect(() => void environmentsStore().loadEnvironments(), []);

  return (
    <div className="http-env-bar">
      <select
        className="select http-env-select"
        aria-label="Environment"
        title="The environment every request is sent with"
        data-testid="http-env-select"
        value={selected ?? ''}
        onChange={(e) => environmentsStore().select(e.target.value || null)}
      >
        <option value="">No environment</option>
        {(environments ?? []).map((env) => (
          <option key={env.path} value={env.path} disabled={env.error !== null}>
            {env.error ? `${env.name} (does not load)` : env.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button"
        aria-label="Edit environments and globals"
        title="Edit environments and globals"
        data-testid="http-env-edit"
        onClick={() =>
          void environmentsStore().openEditor(selected ? { kind: 'environment', path: selected } : { kind: 'globals' })
        }
      >
        <IconEdit />
      </button>
      <button
        type="button"
        className="button button-small"
        data-testid="http-cookies-open"
        onClick={() => setCookiesOpen(true)}
      >
        Cookies
      </button>
      {editorOpen && <VariablesEditorDialog onClose={() => undefined} />}
      {cookiesOpen && <CookiesDialog onClose={() => setCookiesOpen(false)} />}
    </div>
  );
}
