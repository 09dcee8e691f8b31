import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { IconClose } from './icons';

const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

export interface ModalDialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons at the bottom right. */
  footer?: ReactNode;
  width?: number;
  'data-testid'?: string;
}

/**
 * A modal built on the native <dialog>: the browser gives us the focus trap, Escape, the top layer and inert
 * background for free.
 */
export function ModalDialog({ title, onClose, children, footer, width = 520, ...rest }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });

  // a layout effect so close() runs while the dialog is still in the document: the browser then hands the
  // focus back to the element that had it before (a passive cleanup runs after removal and leaves it on <body>)
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs before showModal, which then moves focus to the first control (the close
      // button): start instead on `data-autofocus`, else on the body's first field
      dialog
        .querySelector<HTMLElement>(
          '[data-autofocus], .modal-body input:not([type="hidden"]):not(:disabled), .modal-body textarea, .modal-body select',
        )
        ?.focus();
    }
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      style={{ width }}
      data-testid={rest['data-testid']}
      onKeyDown={(event) => {
        // a native modal lets Tab leave for the browser's own UI after the last control; keep it in the dialog
        if (event.key !== 'Tab' || !ref.current) return;
        const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
          (el) => el.offsetParent !== null || el === document.activeElement,
        );
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      onCancel={(event) => {
        // Escape: let React decide (the parent unmounts us) instead of the browser closing it behind our back
        event.preventDefault();
        closeRef.current();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          title="Close (Esc)"
          onClick={() => closeRef.current()}
        >
          <IconClose />
        </button>
      </header>
      <div className="modal-body">{children}</div>
      {footer && <footer className="modal-footer">{footer}</footer>}
    </dialog>
  );
}
