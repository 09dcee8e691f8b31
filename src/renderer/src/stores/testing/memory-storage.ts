/* Test support only: a UiStorage kept in memory. */
import type { PersistedUi, UiStorage } from '../ui.store';

export function memoryStorage(initial: unknown = {}): UiStorage & { value: unknown } {
  const storage = {
    value: initial,
    read: () => storage.value,
    write: (value: PersistedUi) => {
      storage.value = value;
    },
  };
  return storage;
}
