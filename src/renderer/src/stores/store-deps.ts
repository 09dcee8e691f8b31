import type { Client } from '../../../shared/client';
import type { AppErrorShape } from '../../../shared/errors';

/** The typed client a store calls: the app's real one, or one over an in-memory transport in tests. */
export type AppClient = Client;

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  /** Short context ("Could not connect to Sample shop"). */
  title: string;
  message: string;
  code?: AppErrorShape['code'];
  /** What the toast is about (`mock-start:<path>`): a later success there dismisses it with `dismissKey`. */
  key?: string;
}

/** How a store tells the user something: the notifications store, passed to the others explicitly. */
export interface Notifier {
  notify(toast: Omit<Toast, 'id'>): void;
  /** An error toast with its ErrorCode and message. */
  notifyError(title: string, error: unknown, key?: string): void;
  /** Dismisses the toasts about `key` (an error that a later success made stale). */
  dismissKey?(key: string): void;
}
