import type { EmitFn } from '../../shared/events';
import type { Logger } from './logging/logger';
import type { SecretStore } from './secrets/secret-store';

/** A native dialog, where the host has one (Electron). */
export interface DialogPort {
  pickPath(options: {
    mode: 'open' | 'save';
    title?: string;
    defaultPath?: string;
    filters?: { name: string; extensions: string[] }[];
  }): Promise<string | null>;
}

/** What a host injects to build the services. */
export interface ServiceDeps {
  host: 'electron' | 'browser' | 'cli' | 'test';
  /** App data: app database, key file, sample DB, exports. */
  dataDir: string;
  /** Git-friendly workspace folder; defaults to `<dataDir>/workspace`. */
  workspaceDir?: string;
  /** Defaults to a file-key store in dataDir. */
  secretStore?: SecretStore;
  emit?: EmitFn;
  dialogs?: DialogPort;
  /**
   * Opens a URL in the user's browser (an OAuth 2.0 sign-in). Without one the URL only goes out as the
   * `http.authorizationRequested` event, for the page to offer it (the browser host).
   */
  openUrl?: (url: string) => Promise<void>;
  /** Create the sample SQLite database and its saved connection on first start (default true). */
  createSample?: boolean;
  now?: () => Date;
  /** Where the core logs; defaults to rolling files in `<dataDir>/logs`. */
  logger?: Logger;
}
