import { useState } from 'react';
import {
  HTTP_METHODS,
  RESPONSE_MODES,
  RULE_OPS,
  RULE_TARGETS,
  type Latency,
  type MockRoute,
  type MockRouteResponse,
  type MockRule,
} from '../../../../shared/mock-definition';
import { IconPlus, IconTrash } from '../../components/icons';
import { TextEditor } from './text-editor';

const COMMON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*'];
const OTHER_METHODS = HTTP_METHODS.filter((m) => !COMMON_METHODS.includes(m));

/** The body as the editor shows it: text as is, any other value as indented JSON. */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return body === null ? 'null' : '';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

/** What typed text is stored as: JSON objects and arrays as data (sent as JSON), anything else as text. */
export function bodyValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function numberOrUndefined(text: string): number | undefined {
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

function HeadersTable({
  headers,
  onChange,
}: {
  headers: Record<string, string> | undefined;
  onChange(headers: Record<string, string> | undefined): void;
}) {
  const entries = Object.entries(headers ?? {});
  const write = (next: [string, string][]) => onChange(next.length > 0 ? Object.fromEntries(next) : undefined);
  return (
    <div className="mock-headers">
      {entries.map(([name, value], index) => (
        <div className="mock-header-row" key={index}>
          <input
            className="input input-mono"
            aria-label={`Header ${index + 1} name`}
            value={name}
            onChange={(e) => write(entries.map((entry, i) => (i === index ? [e.target.value, entry[1]] : entry)))}
          />
          <input
            className="input input-mono"
            aria-label={`Header ${index + 1} value`}
            value={value}
            onChange={(e) => write(entries.map((entry, i) => (i === index ? [entry[0], e.target.value] : entry)))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove header ${name}`}
            onClick={() => write(entries.filter((_, i) => i !== index))}
          >
            <IconTrash />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          let name = 'X-Header';
          for (let n = 2; entries.some(([k]) => k === name); n++) name = `X-Header-${n}`;
          write([...entries, [name, '']]);
        }}
      >
        <IconPlus /> Header
      </button>
    </div>
  );
}

function ruleValueText(rule: MockRule): string {
  if (rule.value === undefined) return '';
  return typeof rule.value === 'string' ? rule.value : JSON.stringify(rule.value);
}

function RulesEditor({
  response,
  onChange,
}: {
  response: MockRouteResponse;
  onChange(patch: Partial<MockRouteResponse>): void;
}) {
  const rules = response.rules ?? [];
  const write = (next: MockRule[]) => onChange({ rules: next.length > 0 ? next : undefined });
  const patchRule = (index: number, patch: Partial<MockRule>) =>
    write(rules.map((r, i) => (i === index ? ({ ...r, ...patch } as MockRule) : r)));
  return (
    <div className="mock-rules" data-testid="mock-rules">
      {rules.length > 1 && (
        <label className="mock-inline">
          Match
          <select
            className="select"
            aria-label="Rules operator"
            value={response.rulesOperator ?? 'OR'}
            onChange={(e) => onChange({ rulesOperator: e.target.value as 'AND' | 'OR' })}
          >
            <option value="OR">any rule (OR)</option>
            <option value="AND">every rule (AND)</option>
          </select>
        </label>
      )}
      {rules.map((rule, index) => (
        <div className="mock-rule-row" key={index}>
          <select
            className="select"
            aria-label={`Rule ${index + 1} target`}
            value={rule.target}
            onChange={(e) => {
              const target = e.target.value as MockRule['target'];
              patchRule(
                index,
                target === 'body'
                  ? { target, name: undefined }
                  : { target, path: undefined, name: rule.name ?? rule.path ?? 'name' },
              );
            }}
          >
            {RULE_TARGETS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <input
            className="input input-mono"
            aria-label={`Rule ${index + 1} ${rule.target === 'body' ? 'body path' : 'name'}`}
            placeholder={rule.target === 'body' ? 'path (user.id) or empty' : 'name'}
            value={(rule.target === 'body' ? rule.path : rule.name) ?? ''}
            onChange={(e) =>
              patchRule(
                index,
                rule.target === 'body'
                  ? { path: e.target.value || undefined }
                  : { name: e.target.value === '' ? undefined : e.target.value },
              )
            }
          />
          <select
            className="select"
            aria-label={`Rule ${index + 1} operator`}
            value={rule.op}
            onChange={(e) => patchRule(index, { op: e.target.value as MockRule['op'] })}
          >
            {RULE_OPS.map((op) => (
              <option key={op}>{op}</option>
            ))}
          </select>
          <input
            className="input input-mono"
            aria-label={`Rule ${index + 1} value`}
            placeholder={rule.op === 'exists' ? '(no value)' : rule.op === 'schema' ? '{"type":"object"}' : 'value'}
            disabled={rule.op === 'exists'}
            value={ruleValueText(rule)}
            onChange={(e) => {
              const text = e.target.value;
              // a schema is JSON; other values stay text as typed
              let value: unknown = text === '' ? undefined : text;
              if (rule.op === 'schema') {
                try {
                  value = JSON.parse(text) as unknown;
                } catch {
                  value = text;
                }
              }
              patchRule(index, { value });
            }}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove rule ${index + 1}`}
            onClick={() => write(rules.filter((_, i) => i !== index))}
          >
            <IconTrash />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => write([...rules, { target: 'query', name: 'name', op: 'equals', value: '' }])}
      >
        <IconPlus /> Rule
      </button>
    </div>
  );
}

function ResponseEditor({
  response,
  onChange,
  onToggleDefault,
  theme,
  editorKey,
}: {
  response: MockRouteResponse;
  onChange(patch: Partial<MockRouteResponse>): void;
  onToggleDefault(): void;
  theme: 'dark' | 'light';
  editorKey: string;
}) {
  // the body's text as typed (stored parsed when it is JSON, so re-rendering must not reformat it)
  const [body, setBody] = useState(() => ({ key: editorKey, text: bodyText(response.body) }));
  const text = body.key === editorKey ? body.text : bodyText(response.body);
  if (body.key !== editorKey) setBody({ key: editorKey, text });
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
            onChange={(e) => onChange({ status: numberOrUndefined(e.target.value) })}
          />
        </label>
        <label className="mock-field">
          <span>Latency</span>
          <LatencyInput
            label="Response latency"
            value={response.latency}
            onChange={(latency) => onChange({ latency })}
          />
        </label>
        <label className="mock-inline mock-default">
          <input type="checkbox" checked={response.default === true} onChange={onToggleDefault} />
          Default (when no rule matches)
        </label>
      </div>
      <div className="mock-section-title">Headers</div>
      <HeadersTable headers={response.headers} onChange={(headers) => onChange({ headers })} />
      <div className="mock-section-title">
        Body{' '}
        {response.bodyFile !== undefined && (
          <span className="mock-hint">from file {response.bodyFile} (edit it in the YAML view)</span>
        )}
      </div>
      {response.bodyFile === undefined && (
        <TextEditor
          key={editorKey}
          label="Response body"
          theme={theme}
          value={text}
          minHeight={110}
          data-testid="mock-response-body"
          onChange={(next) => {
            setBody({ key: editorKey, text: next });
            onChange({ body: next === '' ? undefined : bodyValue(next) });
          }}
        />
      )}
      <div className="mock-section-title">Rules</div>
      <RulesEditor response={response} onChange={onChange} />
    </div>
  );
}

export interface RouteEditorProps {
  route: MockRoute;
  routeIndex: number;
  onChange(route: MockRoute): void;
  onToggleDefault(responseIndex: number): void;
  theme: 'dark' | 'light';
  /** Changes when the file is read again, so editors show the saved text. */
  revision: string;
}

/** One route: method, path, response mode, and its responses one at a time. */
export function RouteEditor({ route, routeIndex, onChange, onToggleDefault, theme, revision }: RouteEditorProps) {
  const [selected, setSelected] = useState(0);
  const index = Math.min(selected, route.responses.length - 1);
  const response = route.responses[index];
  const patchResponse = (patch: Partial<MockRouteResponse>) =>
    onChange({
      ...route,
      responses: route.responses.map((r, i) => {
        if (i !== index) return r;
        const next: Record<string, unknown> = { ...r, ...patch };
        for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
        return next as MockRouteResponse;
      }),
    });
  return (
    <div className="mock-route-editor" data-testid="mock-route-editor">
      <div className="mock-fields-row">
        <label className="mock-field mock-field-narrow">
          <span>Method</span>
          <select
            className="select"
            data-testid="mock-route-method"
            value={route.method}
            onChange={(e) => onChange({ ...route, method: e.target.value })}
          >
            {COMMON_METHODS.map((m) => (
              <option key={m} value={m}>
                {m === '*' ? 'any (*)' : m}
              </option>
            ))}
            {OTHER_METHODS.includes(route.method) && <option value={route.method}>{route.method}</option>}
          </select>
        </label>
        <label className="mock-field mock-field-wide">
          <span>Path</span>
          <input
            className="input input-mono"
            data-testid="mock-route-path"
            value={route.path}
            placeholder="/users/:id"
            onChange={(e) => onChange({ ...route, path: e.target.value })}
          />
        </label>
        <label className="mock-field">
          <span>Response mode</span>
          <select
            className="select"
            value={route.responseMode ?? 'first'}
            onChange={(e) => onChange({ ...route, responseMode: e.target.value as MockRoute['responseMode'] })}
          >
            {RESPONSE_MODES.map((m) => (
              <option key={m} value={m}>
                {m === 'first' ? 'first matching' : m}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mock-response-tabs" role="tablist" aria-label="Responses">
        {route.responses.map((r, i) => (
          <button
            key={i}
            type="button"
            role="tab"
            aria-selected={i === index}
            className={`mock-response-tab ${i === index ? 'mock-response-tab-active' : ''}`}
            onClick={() => setSelected(i)}
          >
            {r.status ?? 200}
            {r.default ? ' · default' : ''}
            {r.rules?.length ? ` · ${r.rules.length} rule${r.rules.length === 1 ? '' : 's'}` : ''}
          </button>
        ))}
        <button
          type="button"
          className="icon-button"
          aria-label="Add a response"
          title="Add a response"
          onClick={() => {
            onChange({ ...route, responses: [...route.responses, { status: 200, body: '' }] });
            setSelected(route.responses.length);
          }}
        >
          <IconPlus />
        </button>
        {route.responses.length > 1 && (
          <button
            type="button"
            className="icon-button"
            aria-label="Delete this response"
            title="Delete this response"
            onClick={() => {
              onChange({ ...route, responses: route.responses.filter((_, i) => i !== index) });
              setSelected(Math.max(0, index - 1));
            }}
          >
            <IconTrash />
          </button>
        )}
      </div>
      {response && (
        <ResponseEditor
          response={response}
          onChange={patchResponse}
          onToggleDefault={() => onToggleDefault(index)}
          theme={theme}
          editorKey={`${routeIndex}:${index}:${revision}`}
        />
      )}
    </div>
  );
}
