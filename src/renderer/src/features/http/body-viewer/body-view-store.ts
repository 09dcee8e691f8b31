import { useStore } from 'zustand';
import { client } from '../../../rpc/client';
import { createBodyViewStore, type BodyViewState } from '../../../stores/http-body-view';

/** The big-body viewer's store over the app's client (its own, so the HTTP store stays as it is). */
export const bodyViews = createBodyViewStore({ client });

export const useBodyView = <T>(selector: (s: BodyViewState) => T): T => useStore(bodyViews, selector);
