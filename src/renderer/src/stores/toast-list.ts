import type { Toast } from './store-deps';

/**
 * The toast list after `toast` arrives: an identical toast already showing (same kind, title, code and
 * message) is replaced by the new one at the end instead of stacking — while the host is down every save or
 * refresh fails the same way, and five copies of one error would push the others out. At most `max` stay.
 */
export function addToast(list: readonly Toast[], toast: Toast, max: number): Toast[] {
  const same = (t: Toast) =>
    t.kind === toast.kind && t.title === toast.title && t.code === toast.code && t.message === toast.message;
  return [...list.filter((t) => !same(t)), toast].slice(-max);
}
