import type { MockRouteResponse } from '../../../../shared/mock-definition';
import { patchResponse } from '../../stores/mock-edits-form';
import { BodyEditor } from './body-editor';
import { FaultEditor } from './fault-editor';
import { FieldIssue } from './field-issues';
import { HeadersTable } from './headers-table';
import { LatencyInput, numberOrUndefined } from './latency-input';
import { RulesEditor } from './rules-editor';

export interface ResponseEditorProps {
  response: MockRouteResponse;
  onChange(response: MockRouteResponse): void;
  onToggleDefault(): void;
  theme: 'dark' | 'light';
  editorKey: string;
  /** The response's path in the definition (`routes.0.responses.1`), for the save's field messages. */
  at: string;
}

/** One response of a route: status, latency, default mark, fault, headers, body and the rules that pick it. */
export function ResponseEditor({ response, onChange, onToggleDefault, theme, editorKey, at }: ResponseEditorProps) {
  const patch = (change: Partial<MockRouteResponse>) => onChange(patchResponse(response, change));
  return (
    <div className="mock-response" data-testid="mock-response">
      <div className="mock-fields-row">
        <label className="mock-field mock-field-narrow">
          <span>Status</span>
          <input
            className="input"
            type="number"
            min={100}
            max={599}
            data-testid="mock-response-status"
            value={response.status ?? 200}
            onChange={(e) => patch({ status: numberOrUndefined(e.target.value) })}
          />
          <FieldIssue path={`${at}.status`} />
        </label>
        <label className="mock-field">
          <span>Latency</span>
          <LatencyInput label="Response latency" value={response.latency} onChange={(latency) => patch({ latency })} />
          <FieldIssue path={`${at}.latency`} />
          <FieldIssue path={`${at}.latency.max`} />
        </label>
        <label className="mock-inline mock-default">
          <input type="checkbox" checked={response.default === true} onChange={onToggleDefault} />
          Default (when no rule matches)
        </label>
      </div>
      <FaultEditor response={response} onChange={onChange} at={at} />
      <div className="mock-section-title">Headers</div>
      <HeadersTable headers={response.headers} onChange={(headers) => patch({ headers })} />
      <BodyEditor response={response} onChange={onChange} theme={theme} editorKey={editorKey} at={at} />
      <div className="mock-section-title">Rules</div>
      <RulesEditor response={response} onChange={patch} />
    </div>
  );
}
