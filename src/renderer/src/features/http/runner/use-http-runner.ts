import { useStore } from 'zustand';
import { stores } from '../../../stores/app-stores';
import type { HttpRunnerState } from '../../../stores/http-runner.store';

/** Narrow slices of the runner store: `useHttpRunner((s) => s.byTab[id]?.status)`. */
export const useHttpRunner = <T>(selector: (s: HttpRunnerState) => T): T => useStore(stores.httpRunner, selector);

export const runnerStore = () => stores.httpRunner.getState();

/** Opens the run tab of a collection or folder (the open one when there is one). */
export function openRunTab(path: string, name: string): string {
  const id = stores.tabs.getState().openTab({ kind: 'httpRun', path, connectionId: null, title: `Run ${name}` });
  runnerStore().ensureSession(id, path);
  return id;
}

/** A latency as people read it: `87 ms`, `1.24 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
