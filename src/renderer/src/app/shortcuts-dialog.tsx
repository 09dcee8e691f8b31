import { useSyncExternalStore } from 'react';
import { ModalDialog } from '../components/modal-dialog';
import { appRegistry } from './app-registry';
import { formatCombo } from './key-combos';
import { shortcutGroups } from './shortcut-groups';

const subscribe = (listener: () => void) => appRegistry.subscribe(listener);
const snapshot = () => appRegistry.listCommands();

/** Every keyboard shortcut, grouped, with the platform's key names (read from the registered commands). */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const commands = useSyncExternalStore(subscribe, snapshot);
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose} width={560} data-testid="shortcuts-dialog">
      {shortcutGroups(commands).map(({ group, items }) => (
        <section key={group} className="shortcut-group">
          <h3>{group}</h3>
          <dl>
            {items.map((item) => (
              <div key={item.id} className="shortcut-row">
                <dt>{item.title}</dt>
                <dd>
                  {item.combos!.map((combo, i) => (
                    <span key={combo} className="shortcut-combo">
                      {i > 0 && <span className="shortcut-or">or</span>}
                      {formatCombo(combo).map((key, k) => (
                        <kbd key={`${key}-${k}`}>{key}</kbd>
                      ))}
                    </span>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </ModalDialog>
  );
}
