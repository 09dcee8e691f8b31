import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createNotificationsStore } from './notifications.store';

afterEach(() => {
  vi.useRealTimers();
});

describe('notifications store', () => {
  it('shows an error with its code until dismissed; info fades on its own', () => {
    vi.useFakeTimers();
    const store = createNotificationsStore({ infoMs: 1000 });
    store.getState().notifyError('Could not connect', new AppError('CONNECTION_REFUSED', 'Nothing listens on 5432.'));
    store.getState().notify({ kind: 'info', title: 'Saved', message: 'a.sql' });
    expect(store.getState().toasts.map((t) => t.code ?? t.kind)).toEqual(['CONNECTION_REFUSED', 'info']);
    vi.advanceTimersByTime(1000);
    expect(store.getState().toasts.map((t) => t.title)).toEqual(['Could not connect']);
    store.getState().dismissCode('CONNECTION_REFUSED');
    expect(store.getState().toasts).toEqual([]);
  });

  it('collapses identical toasts and keeps at most `max`', () => {
    const store = createNotificationsStore({ max: 2 });
    for (let i = 0; i < 3; i++) store.getState().notify({ kind: 'error', title: 'Lost', message: 'down' });
    expect(store.getState().toasts).toHaveLength(1);
    store.getState().notify({ kind: 'error', title: 'A', message: '1' });
    store.getState().notify({ kind: 'error', title: 'B', message: '2' });
    expect(store.getState().toasts.map((t) => t.title)).toEqual(['A', 'B']);
  });

  it('numbers toasts per store, so two stores never share ids', () => {
    const a = createNotificationsStore();
    const b = createNotificationsStore();
    a.getState().notify({ kind: 'error', title: 'x', message: 'x' });
    b.getState().notify({ kind: 'error', title: 'y', message: 'y' });
    expect(a.getState().toasts[0]!.id).toBe(1);
    expect(b.getState().toasts[0]!.id).toBe(1);
  });
});
