import { create } from 'zustand';
import { createConnectionsSlice, type ConnectionsSlice } from './connections.slice';
import { createEditorSlice, type EditorSlice } from './editor.slice';
import { createHistorySlice, type HistorySlice } from './history.slice';
import { createResultsSlice, type ResultsSlice } from './results.slice';
import { createSchemaSlice, type SchemaSlice } from './schema.slice';
import { createUiSlice, type UiSlice } from './ui.slice';

/** The one store of the renderer: each feature owns a slice; only slices call the client. */
export type AppState = ConnectionsSlice & SchemaSlice & HistorySlice & UiSlice & EditorSlice & ResultsSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createConnectionsSlice(...a),
  ...createSchemaSlice(...a),
  ...createHistorySlice(...a),
  ...createUiSlice(...a),
  ...createEditorSlice(...a),
  ...createResultsSlice(...a),
}));
