import { useState, type FormEvent } from 'react';
import { ModalDialog } from '../../components/modal-dialog';

export interface PromptDialogProps {
  title: string;
  label: string;
  initialValue: string;
  confirmLabel: string;
  hint?: string;
  /** Returns an error message to show, or null when the value is acceptable. */
  validate?(value: string): string | null;
  onConfirm(value: string): void;
  onCancel(): void;
}

/** Asks for one line of text (the file name of a saved query). */
export function PromptDialog({
  title,
  label,
  initialValue,
  confirmLabel,
  hint,
  validate,
  onConfirm,
  onCancel,
}: PromptDialogProps) {
  const [value, setValue] = useState(initialValue);
  const [touched, setTouched] = useState(false);
  const error = validate?.(value) ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!error) onConfirm(value.trim());
  };
  return (
    <ModalDialog
      title={title}
      onClose={onCancel}
      width={440}
      data-testid="prompt-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="submit"
            form="prompt-dialog-form"
            className="button button-primary"
            disabled={!!error && touched}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <form id="prompt-dialog-form" className="prompt-form" onSubmit={submit}>
        <label className="prompt-label">
          {label}
          <input
            className="input input-mono"
            value={value}
            autoFocus
            onFocus={(e) => e.currentTarget.select()}
            onChange={(e) => {
              setValue(e.target.value);
              setTouched(true);
            }}
            aria-invalid={!!error && touched}
          />
        </label>
        {touched && error ? (
          <div className="prompt-error">{error}</div>
        ) : hint ? (
          <div className="prompt-hint">{hint}</div>
        ) : null}
      </form>
    </ModalDialog>
  );
}
