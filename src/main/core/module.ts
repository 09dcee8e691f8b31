import type Database from 'better-sqlite3';
import type { Handlers } from '../../shared/dispatcher';
import type { EmitFn } from '../../shared/events';
import type { Logger } from './logging/logger';
import type { SecretStore } from './secrets/secret-store';
import type { DialogPort, ServiceDeps } from './services-deps';

/** What every domain module is built from: the host's injected dependencies, resolved. */
export interface ModuleContext {
  host: ServiceDeps['host'];
  dataDir: string;
  workspaceDir: string;
  appDb: Database.Database;
  secrets: SecretStore;
  emit: EmitFn;
  now: () => Date;
  logger: Logger;
  dialogs?: DialogPort;
  openUrl?: ServiceDeps['openUrl'];
}

/**
 * One domain of the core: the contract handlers it serves and how it lets go of what it holds. `services.ts`
 * only assembles modules; a new domain (data, http, mock…) is a new module and a new key of the contract.
 */
export interface CoreModule<D extends keyof Handlers> {
  handlers: Pick<Handlers, D>;
  /**
   * Stops what the module runs and releases what it holds. All modules are disposed at once, so a module must
   * not wait for another's work to wind down first (a statement stuck on a session ends when that session closes).
   */
  dispose?(): Promise<void>;
}
