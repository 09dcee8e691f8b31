import { resolveDataDir } from '../core/data-dir';
import { decideTransport } from '../core/connections/transport-policy';
import { openQuerySession, type QuerySession } from './open-query-session';
import { resolveTarget, type ResolveOptions } from './resolve-target';

/**
 * A session for a command's <target> (a saved connection's name, an SQLite file, a URL), opened as
 * `backbench query` opens it, with PostgreSQL's column types looked up (import checks values against them,
 * export writes JSON and SQL from them).
 */
export async function openTargetSession(
  target: string,
  dataDir: string | undefined,
  env: Record<string, string | undefined>,
  options: ResolveOptions = {},
): Promise<QuerySession> {
  const resolved = await resolveTarget(target, resolveDataDir(dataDir, env), options);
  // a saved password travels as the app would send it (see query-command.ts)
  const params = resolved.saved ? decideTransport(resolved.params, resolved.password !== null).params : resolved.params;
  return openQuerySession({ params, password: resolved.password }, { columnDetails: true });
}
