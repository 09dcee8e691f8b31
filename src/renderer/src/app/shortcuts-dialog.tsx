import { useSyncExternalStore } from 'react';
import { ModalDialog } from '../components/modal-dialog';
import { formatCombo, getShortcutsSnapshot, subscribeShortcuts, type ShortcutDoc } from './shortcuts';

const GROUPS: ShortcutDoc['group'][] = ['Editor', 'Tabs', 'Sidebar', 'General'];

/** Every keyboard shortcut, grouped, with the platform's key names. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const shortcuts = useSyncExternalStore(subscribeShortcuts, getShortcutsSnapshot);
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose} width={520} data-testid="shortcuts-dialog">
      {GROUPS.map((group) => {
        const items = shortcuts.filter((s) => s.group === group);
        if (items.length === 0) return null;
        return (
          <section key={group} className="shortcut-group">
            <h3>{group}</h3>
            <dl>
              {items.map((item) => (
                <div key={item.id} className="shortcut-row">
                  <dt>{item.description}</dt>
                  <dd>
                    {item.combos.map((combo, i) => (
                      <span key={combo} className="shortcut-combo">
                        {i > 0 && <span className="shortcut-or">or</span>}
                        {formatCombo(combo).map((key) => (
                          <kbd key={key}>{key}</kbd>
                        ))}
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </ModalDialog>
  );
}
