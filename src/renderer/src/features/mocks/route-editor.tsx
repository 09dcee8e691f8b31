import { useState } from 'react';
import {
  HTTP_METHODS,
  RESPONSE_MODES,
  type MockRoute,
  type MockRouteResponse,
} from '../../../../shared/mock-definition';
import { IconPlus, IconTrash } from '../../components/icons';
import { ResponseEditor } from './response-editor';

const COMMON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*'];
const OTHER_METHODS = HTTP_METHODS.filter((m) => !COMMON_METHODS.includes(m));

/** What a response's tab says: its status, and whether it is the default, has rules or a fault. */
function responseLabel(response: MockRouteResponse): string {
  const rules = response.rules?.length ?? 0;
  return [
    String(response.status ?? 200),
    response.default ? 'default' : null,
    rules > 0 ? `${rules} rule${rules === 1 ? '' : 's'}` : null,
    response.fault ? `${response.fault.type === 'drop' ? 'drops' : 'fails'}` : null,
    response.bodyFile !== undefined ? 'file' : null,
  ]
    .filter(Boolean)
    .join(' · ');
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
  const setResponse = (next: MockRouteResponse) =>
    onChange({ ...route, responses: route.responses.map((r, i) => (i === index ? next : r)) });
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
            {responseLabel(r)}
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
          onChange={setResponse}
          onToggleDefault={() => onToggleDefault(index)}
          theme={theme}
          editorKey={`${routeIndex}:${index}:${revision}`}
          at={`routes.${routeIndex}.responses.${index}`}
        />
      )}
    </div>
  );
}
