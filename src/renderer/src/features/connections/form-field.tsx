import type { ReactNode } from 'react';
import type { ConnectionForm, FormErrors, FormField } from './connection-form';

/** What a section of the connection dialog needs to show and edit its fields. */
export interface FieldsProps {
  form: ConnectionForm;
  errors: FormErrors;
  update<K extends FormField>(key: K, value: ConnectionForm[K]): void;
  /** The element id of a field (unique per dialog). */
  fieldId(name: string): string;
}

/** One labelled field: its error (announced) replaces its hint. */
export function FieldRow({
  name,
  label,
  fieldId,
  error,
  hint,
  children,
}: {
  name: FormField;
  label: string;
  fieldId: (name: string) => string;
  error: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`form-field form-field-${name}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      {children}
      {error ? (
        <div className="field-error" id={`${fieldId(name)}-error`} role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
}

/** The id and ARIA attributes of a field's control, pointing at its error when there is one. */
export function controlProps(name: FormField, fieldId: (name: string) => string, errors: FormErrors) {
  return {
    id: fieldId(name),
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${fieldId(name)}-error` : undefined,
  };
}
