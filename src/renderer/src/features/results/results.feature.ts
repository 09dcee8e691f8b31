import type { Registry } from '../../app/registry';

/** Keys of the result grid's toolbar. */
export function registerResults(registry: Registry): void {
  registry.registerCommand({
    id: 'results.goToRow',
    title: 'Go to a row of the result by its number',
    group: 'Results',
    combos: ['Mod+G', 'Alt+G'],
    enabled: () => document.querySelector('[data-testid="go-to-row"]') !== null,
    run: () => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="go-to-row"]');
      input?.focus();
      input?.select();
    },
  });
  registry.registerCommand({
    id: 'results.lastRow',
    title: 'Read to the last row and show it (with the focus in the grid)',
    group: 'Results',
    combos: ['Mod+End'],
    // handled by the grid itself; listed here so the help shows it
  });
}
