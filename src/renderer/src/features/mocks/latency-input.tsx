import type { Latency } from '../../../../shared/mock-definition';

/** A number typed in a field, or undefined when it is empty or not a number (the field is then cleared). */
export function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Fixed milliseconds, or a random delay from min to max. */
export function LatencyInput({
  value,
  onChange,
  label,
}: {
  value: Latency | undefined;
  onChange(value: Latency | undefined): void;
  label: string;
}) {
  const range = typeof value === 'object';
  return (
    <span className="mock-latency">
      <select
        className="select"
        aria-label={`${label}: fixed or random`}
        value={range ? 'range' : 'fixed'}
        onChange={(e) =>
          onChange(
            e.target.value === 'range'
              ? { min: typeof value === 'number' ? value : 0, max: typeof value === 'number' ? value : 100 }
              : typeof value === 'object'
                ? value.min
                : value,
          )
        }
      >
        <option value="fixed">fixed</option>
        <option value="range">random</option>
      </select>
      {range ? (
        <>
          <input
            className="input mock-num"
            type="number"
            min={0}
            aria-label={`${label} minimum (ms)`}
            value={value.min}
            onChange={(e) => onChange({ ...value, min: numberOrUndefined(e.target.value) ?? 0 })}
          />
          –
          <input
            className="input mock-num"
            type="number"
            min={0}
            aria-label={`${label} maximum (ms)`}
            value={value.max}
            onChange={(e) => onChange({ ...value, max: numberOrUndefined(e.target.value) ?? 0 })}
          />
        </>
      ) : (
        <input
          className="input mock-num"
          type="number"
          min={0}
          placeholder="0"
          aria-label={`${label} (ms)`}
          value={value ?? ''}
          onChange={(e) => onChange(numberOrUndefined(e.target.value))}
        />
      )}
      <span className="mock-unit">ms</span>
    </span>
  );
}
