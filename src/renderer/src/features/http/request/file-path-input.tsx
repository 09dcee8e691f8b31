import { IconFolderOpen } from '../../../components/icons';
import { stores, useConnections } from '../../../stores/app-stores';

export interface FilePathInputProps {
  value: string;
  onChange(path: string): void;
  label: string;
  'data-testid'?: string;
}

/**
 * A file the core reads when it sends (a multipart part, a binary body). It is a path on the machine that runs
 * Backbench, never an upload: the desktop app picks it in the native dialog; a browser cannot tell the page a
 * picked file's path, so there it is typed.
 */
export function FilePathInput({ value, onChange, label, ...rest }: FilePathInputProps) {
  const info = useConnections((s) => s.appInfo);
  const browse = async () => {
    try {
      const path = await stores.connections.getState().pickPath({
        mode: 'open',
        title: label,
        defaultPath: value || info?.workspaceDir,
      });
      if (path) onChange(path);
    } catch (error) {
      stores.notifications.getState().notifyError('Could not open the file dialog', error);
    }
  };
  return (
    <span className="http-file-path">
      <input
        className="input input-mono"
        aria-label={label}
        placeholder="files/photo.png"
        spellCheck={false}
        value={value}
        title={info ? `A path inside the workspace ${info.workspaceDir}` : undefined}
        data-testid={rest['data-testid']}
        onChange={(e) => onChange(e.target.value)}
      />
      {info?.nativeDialogs && (
        <button type="button" className="button button-small" onClick={() => void browse()}>
          <IconFolderOpen /> Browse…
        </button>
      )}
    </span>
  );
}

/** Where a body file is looked for, said once under the rows that take one. */
export function FilePathHint() {
  const info = useConnections((s) => s.appInfo);
  return (
    <p className="http-hint" data-testid="http-file-path-hint">
      A file is read by Backbench when the request is sent: give its path relative to the request&apos;s folder (the
      workspace folder for an unsaved request), or absolute. It must lie inside the workspace
      {info ? (
        <>
          {' '}
          (<code>{info.workspaceDir}</code>)
        </>
      ) : null}
      : copy a file there first.
      {info && !info.nativeDialogs && ' In the browser the page cannot see a chosen file’s path, so type it.'}
    </p>
  );
}
