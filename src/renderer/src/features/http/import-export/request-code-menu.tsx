import { useRef, useState } from 'react';
import { ContextMenu } from '../../../components/context-menu';
import { IconChevronDown } from '../../../components/icons';
import { importExportStore } from './import-export-stores';

/** "Code ▾" beside Send: copies the tab's request as a cURL command or fetch code. */
export function RequestCodeMenu({ tabId }: { tabId: string }) {
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const copy = (format: 'curl' | 'fetch') => {
    setMenu(null);
    void importExportStore.getState().copyRequestAs(tabId, format);
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
        title="Copy this request as a cURL command or fetch code"
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
            { label: 'Copy as fetch', onSelect: () => copy('fetch') },
          ]}
        />
      )}
    </>
  );
}
