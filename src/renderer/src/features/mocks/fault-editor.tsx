import type { MockRouteResponse } from '../../../../shared/mock-definition';
import {
  DEFAULT_FAULT_STATUS,
  faultKindOf,
  patchFault,
  setFaultKind,
  type FaultKind,
} from '../../stores/mock-edits-form';
import { FieldIssue } from './field-issues';
import { numberOrUndefined } from './latency-input';

const KINDS: { value: FaultKind; label: string }[] = [
  { value: 'none', label: 'none (always answer)' },
  { value: 'drop', label: 'drop the connection' },
  { value: 'error', label: 'answer an error status' },
];

/**
 * A fault this response gives instead of its answer, for a share of requests: the connection dropped without an
 * answer, or an error status. `at` is the response's path in the definition, for the save's field messages.
 */
export function FaultEditor({
  response,
  onChange,
  at,
}: {
  response: MockRouteResponse;
  onChange(response: MockRouteResponse): void;
  at: string;
}) {
  const kind = faultKindOf(response);
  const fault = response.fault;
  return (
    <div className="mock-fields-row mock-fault" data-testid="mock-fault">
      <label className="mock-field">
        <span>Fault</span>
        <select
          className="select"
          aria-label="Fault"
          data-testid="mock-fault-type"
          value={kind}
          onChange={(e) => onChange(setFaultKind(response, e.target.value as FaultKind))}
        >
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {fault?.type === 'error' && (
        <label className="mock-field mock-field-narrow">
          <span>Error status</span>
          <input
            className="input"
            type="number"
            min={100}
            max={599}
            placeholder={String(DEFAULT_FAULT_STATUS)}
            aria-label="Fault status"
            data-testid="mock-fault-status"
            value={fault.status ?? ''}
            onChange={(e) => onChange(patchFault(response, { status: numberOrUndefined(e.target.value) }))}
          />
          <FieldIssue path={`${at}.fault.status`} />
        </label>
      )}
      {fault && (
        <label className="mock-field mock-field-narrow">
          <span>Rate (0–1)</span>
          <input
            className="input"
            type="number"
            min={0}
            max={1}
            step={0.05}
            placeholder="1"
            title="The share of requests that get the fault: 1 every request, 0.25 one in four (empty: every request)"
            aria-label="Fault rate"
            data-testid="mock-fault-rate"
            value={fault.rate ?? ''}
            onChange={(e) => onChange(patchFault(response, { rate: numberOrUndefined(e.target.value) }))}
          />
          <FieldIssue path={`${at}.fault.rate`} />
        </label>
      )}
    </div>
  );
}
