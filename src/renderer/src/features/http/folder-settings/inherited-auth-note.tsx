import { useEffect } from 'react';
import type { Auth } from '../../../../../shared/http-request';
import { authLabel } from '../../../stores/http-folder-settings.store';
import { folderSettingsStore, useFolderSettings } from './folder-settings-stores';

/** A secret typed in as it is shows as dots; a `{{variable}}` (the way secrets are kept) shows as written. */
const secret = (text: string | undefined) => (!text ? '(empty)' : /^\s*\{\{.*\}\}\s*$/.test(text) ? text : '••••••');

/** The auth's fields a user may read back (never a typed-in secret). */
export function authSummary(auth: Auth): string {
  switch (auth.type) {
    case 'basic':
    case 'digest':
      return `user ${auth.username || '(empty)'}, password ${secret(auth.password)}`;
    case 'bearer':
      return `token ${secret(auth.token)}`;
    case 'apikey':
      return `${auth.name} in the ${auth.in === 'query' ? 'query' : 'headers'}, value ${secret(auth.value)}`;
    case 'oauth2':
      return `${auth.grant === 'authorization_code' ? 'authorization code' : 'client credentials'} at ${auth.tokenUrl || '(no token URL)'}, client ${auth.clientId || '(none)'}`;
    case 'awsv4':
      return `${auth.service} in ${auth.region}`;
    default:
      return '';
  }
}

/**
 * What an inheriting request (or folder) at `path` gets: the nearest folder's auth, else the collection's, with
 * where it is set (`folder "users"`), or that nothing above sets one.
 */
export function InheritedAuthNote({ path }: { path: string }) {
  const found = useFolderSettings((s) => s.inherited[path]);
  useEffect(() => {
    // worked out on every showing: a folder.yaml may have changed since (another tab, git pull)
    void folderSettingsStore.getState().loadInherited(path);
  }, [path]);
  useEffect(() => {
    // dropped when settings were saved: worked out again
    if (found === undefined) void folderSettingsStore.getState().loadInherited(path);
  }, [path, found]);
  if (found === undefined) return <p className="http-hint">Looking up what it inherits…</p>;
  if (found === null) {
    return (
      <p className="http-hint" data-testid="http-auth-inherited">
        No folder or collection above sets auth: sent without auth. Set it in a folder&apos;s or the collection&apos;s
        settings (right-click it in the tree).
      </p>
    );
  }
  const where = `${found.kind} "${found.name}"`;
  const summary = authSummary(found.auth);
  return (
    <p className="http-hint" data-testid="http-auth-inherited" title={`collections/${found.from}`}>
      Inherits <strong>{authLabel(found.auth)}</strong> from the {where}
      {summary ? ` (${summary})` : ''}.
    </p>
  );
}
