import {
  acceptCompletion,
  autocompletion,
  completionStatus,
  selectedCompletionIndex,
  setSelectedCompletion,
  type CompletionSource,
} from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import type { Command } from '@codemirror/view';

/**
 * Tab takes the highlighted option, or the first one when the user has not moved into the list: the popup
 * opens on its own while typing, so only a deliberate key may accept from it.
 */
export const acceptWithTab: Command = (view) => {
  if (completionStatus(view.state) !== 'active') return false;
  if (selectedCompletionIndex(view.state) === null) view.dispatch({ effects: setSelectedCompletion(0) });
  return acceptCompletion(view);
};

/**
 * Completion that never takes over typing: nothing is preselected, so Enter inserts a line break unless the
 * user moved into the list with the arrow keys (then Enter accepts). Tab (`acceptWithTab`) is bound through the
 * registered `editor.acceptCompletion` command, so the shortcuts help lists it.
 */
export function sqlCompletion(source: CompletionSource): Extension {
  // no interaction delay: it guards against an Enter meant as a line break as the popup opens, which cannot
  // accept here anyway (nothing is preselected), and it made a quick Tab or ↓ indent or move the cursor
  return autocompletion({ override: [source], selectOnOpen: false, icons: true, interactionDelay: 0 });
}
