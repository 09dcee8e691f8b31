import type { CommandGroup, CommandRegistration } from './registry';

const GROUPS: CommandGroup[] = ['Editor', 'Tabs', 'Results', 'Sidebar', 'General'];

/** The commands that have keys, by group in the help's order, each group in registration order. */
export function shortcutGroups(
  commands: readonly CommandRegistration[],
): { group: CommandGroup; items: CommandRegistration[] }[] {
  return GROUPS.map((group) => ({
    group,
    items: commands.filter((c) => c.group === group && (c.combos?.length ?? 0) > 0),
  })).filter((g) => g.items.length > 0);
}
