import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/errors';
import { toErrorShape } from '../rpc/error-shape';
import type { Notifier, Toast } from './store-deps';
import { addToast } from './toast-list';

export type { Toast } from './store-deps';

export interface NotificationsState extends Notifier {
  toasts: Toast[];
  dismiss(id: number): void;
  /** Dismisses every toast of one ErrorCode (CONNECTION_LOST ones once the host is back). */
  dismissCode(code: AppErrorShape['code']): void;
  dismissKey(key: string): void;
}

export interface NotificationsOptions {
  /** How long info and success toasts stay (errors stay until dismissed). */
  infoMs?: number;
  max?: number;
}

/** Toasts in the corner: identical ones collapse, at most `max` show, info and success fade on their own. */
export function createNotificationsStore({ infoMs = 4000, max = 5 }: NotificationsOptions = {}) {
  let nextId = 1;
  return create<NotificationsState>()((set, get) => ({
    toasts: [],
    notify(toast) {
      const id = nextId++;
      set((s) => ({ toasts: addToast(s.toasts, { ...toast, id }, max) }));
      if (toast.kind !== 'error') setTimeout(() => get().dismiss(id), infoMs);
    },
    notifyError(title, error, key) {
      const shape = toErrorShape(error);
      get().notify({ kind: 'error', title, code: shape.code, message: shape.message, ...(key ? { key } : {}) });
    },
    dismissKey(key) {
      if (get().toasts.some((t) => t.key === key)) set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) }));
    },
    dismiss(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
    dismissCode(code) {
      if (get().toasts.some((t) => t.code === code)) set((s) => ({ toasts: s.toasts.filter((t) => t.code !== code) }));
    },
  }));
}

export type NotificationsStore = ReturnType<typeof createNotificationsStore>;
