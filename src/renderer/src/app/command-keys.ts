import { isTyping, matchesCombo, typesNothing } from './key-combos';
import type { Registry } from './registry';

/**
 * Installs the one window keydown listener that runs registered commands by their combos (the newest command
 * first when two share a combo). Returns the uninstall function.
 */
export function installCommandKeys(registry: Registry, target: Window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    // a modal owns the keyboard (and Escape must still close it)
    if (target.document.querySelector('dialog[open]')) return;
    const commands = registry.listCommands();
    for (let i = commands.length - 1; i >= 0; i--) {
      const command = commands[i]!;
      if (!command.run) continue;
      const combo = command.combos?.find((c) => matchesCombo(event, c));
      if (!combo) continue;
      if (isTyping(event.target) && !(command.allowInInputs ?? typesNothing(combo))) continue;
      if (command.enabled && !command.enabled()) continue;
      event.preventDefault();
      command.run();
      return;
    }
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
