import { useRef, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ContextMenu } from '../../../components/context-menu';
import { IconChevronDown } from '../../../components/icons';
import { importExportStore } from './import-export-stores';

/**
 * "Code ▾" beside Send: copies the tab's request as a cURL command or fetch code, `{{variables}}` as written or
 * resolved in the chosen environment (secret values only after asking).
 */
export function RequestCodeMenu({ tabId }: { tabId: string }) {
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [askSecrets, setAskSecrets] = useState(false);
  const copy = (format: 'curl' | 'fetch', options?: { resolve?: boolean; secrets?: boolean }) => {
    setMenu(null);
    void importExportStore.getState().copyRequestAs(tabId, format, options);
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        data-testid="http-code-menu"
        title="Copy this request as a cURL command or fetch code, variables as written or resolved"
        onClick={() => {
          const box = button.current?.getBoundingClientRect();
          setMenu(box ? { x: box.left, y: box.bottom + 2 } : { x: 0, y: 0 });
        }}
      >
        Code <IconChevronDown size={12} />
      </button>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          testId="http-code-menu-items"
          onClose={() => setMenu(null)}
          items={[
            { label: 'Copy as cURL', onSelect: () => copy('curl') },
            { label: 'Copy as cURL (variables resolved)', onSelect: () => copy('curl', { resolve: true }) },
            {
              label: 'Copy as cURL (variables and secrets resolved)…',
              onSelect: () => {
                setMenu(null);
                setAskSecrets(true);
              },
            },
            { label: 'Copy as fetch', onSelect: () => copy('fetch') },
          ]}
        />
      )}
      {askSecrets && (
        <ConfirmDialog
          title="Copy with secret values?"
          confirmLabel="Copy with secrets"
          danger
          onCancel={() => setAskSecrets(false)}
          onConfirm={() => {
            setAskSecrets(false);
            copy('curl', { resolve: true, secrets: true });
          }}
        >
          The command will hold the values of secret variables (tokens, passwords) in clear text, on the clipboard and
          wherever you paste it.
        </ConfirmDialog>
      )}
    </>
  );
}
