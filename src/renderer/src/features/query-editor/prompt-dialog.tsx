import { useState } from 'react';
import { FormDialog } from '../../components/form-dialog';

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
  return (
    <FormDialog
      title={title}
      confirmLabel={confirmLabel}
      canSubmit={!(error && touched)}
      onSubmit={() => {
        setTouched(true);
        if (!error) onConfirm(value.trim());
      }}
      onClose={onCancel}
      width={440}
      formClassName="prompt-form"
      data-testid="prompt-dialog"
    >
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
    </FormDialog>
  );
}
