import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface ContextMenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  /** Needed when two items share a label (tabs with the same title). */
  id?: string;
  /** Marks the current choice (the active tab in the tab list). */
  checked?: boolean;
  /** Tooltip. */
  title?: string;
}

/**
 * A small menu at the pointer; closes on Escape, a click elsewhere, scroll or blur. Arrow keys, Home and End
 * move between items; on close the focus returns to where it was (the grid), unless the user clicked elsewhere.
 */
export function ContextMenu({
  x,
  y,
  items,
  onClose,
  testId,
}: {
  x: number;
  y: number;
  items: ContextMenuItem[];
  onClose(): void;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const menu = ref.current;
    menu?.querySelector('button')?.focus();
    const restore = () => {
      const active = document.activeElement;
      if (!active || active === document.body || menu?.contains(active)) previous?.focus?.();
    };
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event.type === 'mousedown' && ref.current?.contains(event.target as Node)) return;
      onClose();
    };
    window.addEventListener('mousedown', close, true);
    window.addEventListener('keydown', close, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('mousedown', close, true);
      window.removeEventListener('keydown', close, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
      restore();
    };
  }, [onClose]);
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next: Record<string, number> = {
      ArrowDown: (at + 1) % buttons.length,
      ArrowUp: (at - 1 + buttons.length) % buttons.length,
      Home: 0,
      End: buttons.length - 1,
    };
    const index = next[event.key];
    if (index === undefined) return;
    event.preventDefault();
    buttons[index]?.focus();
  };
  const left = Math.max(4, Math.min(x, window.innerWidth - 260));
  const top = Math.max(4, Math.min(y, window.innerHeight - items.length * 28 - 12));
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      style={{ left, top, maxHeight: window.innerHeight - top - 8 }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {items.map((item) => (
        <button
          key={item.id ?? item.label}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={item.checked}
          className={`context-menu-item${item.checked ? ' is-checked' : ''}`}
          disabled={item.disabled}
          title={item.title}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
