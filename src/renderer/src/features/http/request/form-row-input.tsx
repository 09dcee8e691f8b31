/** One row of the request editor's forms (Auth, Settings): a label on the left, a one-line input on the right. */
export function FormRowInput({
  label,
  value,
  onChange,
  testId,
  placeholder,
  type = 'text',
}: {
  /** Shown, and the input's accessible name. */
  label: string;
  value: string | number | undefined;
  onChange(value: string): void;
  testId: string;
  placeholder?: string;
  /** `password` for a secret (which may still be a `{{variable}}`). */
  type?: 'text' | 'number' | 'password';
}) {
  return (
    <label className="http-form-row">
      <span className="http-form-label">{label}</span>
      <input
        className="input input-mono"
        type={type}
        aria-label={label}
        data-testid={testId}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
