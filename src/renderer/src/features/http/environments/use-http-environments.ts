import { useStore } from 'zustand';
import { stores } from '../../../stores/app-stores';
import type { HttpEnvironmentsState } from '../../../stores/http-environments.store';

/** Narrow slices of the environments store: `useHttpEnvironments((s) => s.selected)`. */
export const useHttpEnvironments = <T>(selector: (s: HttpEnvironmentsState) => T): T =>
  useStore(stores.httpEnvironments, selector);

export const environmentsStore = () => stores.httpEnvironments.getState();
