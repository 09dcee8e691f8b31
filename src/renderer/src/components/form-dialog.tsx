import { useId, useRef, useState, type ReactNode } from 'react';
import { ModalDialog } from './modal-dialog';

export interface FormDialogProps {
  title: string;
  /** The primary button's text ("Create", "Import", "Save"…). */
  confirmLabel: string;
  /** False disables the primary button, and with it Enter in a field. */
  canSubmit: boolean;
  /**
   * Runs on the primary button and on Enter in a field. While a returned promise is pending the button is
   * disabled and further submits are ignored, so a slow create cannot run twice.
   */
  onSubmit(): void | Promise<unknown>;
  /** Cancel, the close button and Escape. */
  onClose(): void;
  children: ReactNode;
  width?: number;
  formClassName?: string;
  'data-testid'?: string;
  /** The primary button's test id. */
  confirmTestId?: string;
}

/** A modal whose body is one form, with Cancel and a primary submit button at the bottom right. */
export function FormDialog({
  title,
  confirmLabel,
  canSubmit,
  onSubmit,
  onClose,
  children,
  width,
  formClassName,
  confirmTestId,
  ...rest
}: FormDialogProps) {
  const formId = useId();
  const [busy, setBusy] = useState(false);
  // a ref as well as state: two submits in one tick both see the state from before the first
  const busyRef = useRef(false);
  const submit = async () => {
    if (!canSubmit || busyRef.current) return;
    const result = onSubmit();
    if (!(result instanceof Promise)) return;
    busyRef.current = true;
    setBusy(true);
    try {
      await result;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  return (
    <ModalDialog
      title={title}
      onClose={onClose}
      width={width}
      data-testid={rest['data-testid']}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            className="button button-primary"
            disabled={!canSubmit || busy}
            data-testid={confirmTestId}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className={formClassName}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {children}
      </form>
    </ModalDialog>
  );
}

/** The Name field of a dialog that makes a file (a design, a mock): its file name is derived from it. */
export function NameField({
  className,
  value,
  placeholder,
  onChange,
  ...rest
}: {
  /** The label's class, for the feature's form layout. */
  className: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
  'data-testid': string;
}) {
  return (
    <label className={className}>
      <span>Name</span>
      <input
        className="input"
        value={value}
        maxLength={200}
        placeholder={placeholder}
        data-testid={rest['data-testid']}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
