import { useState } from 'react';
import {
  ASSERTION_OPS,
  ASSERTION_TARGETS,
  type Assertion,
  type AssertionOp,
  type AssertionTarget,
} from '../../../../../shared/http-request';
import {
  assertionValueText,
  needsValue,
  newAssertion,
  parseAssertionValue,
  setAssertionOp,
  setAssertionTarget,
} from '../../../stores/http-assertions';
import { EditableRows } from '../../mocks/editable-rows';
import type { SectionContext } from './request-section';
import '../../mocks/mock-form.css';

const TARGET_LABELS: Record<AssertionTarget, string> = {
  status: 'Status',
  header: 'Header',
  jsonpath: 'JSONPath',
  body: 'Body',
  responseTime: 'Time (ms)',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The value box keeps the text as typed while it still reads as the stored value (`"ab` half-typed stays). */
function ValueInput({ value, onChange, label }: { value: unknown; onChange(value: unknown): void; label: string }) {
  const [typed, setTyped] = useState(() => assertionValueText(value));
  const text = same(parseAssertionValue(typed), value) ? typed : assertionValueText(value);
  return (
    <input
      className="input input-mono"
      aria-label={label}
      placeholder="200, text, true, [1,2]"
      title="Read as JSON when it is a number, true/false, null, a list or an object; else as text"
      spellCheck={false}
      value={text}
      onChange={(e) => {
        setTyped(e.target.value);
        onChange(parseAssertionValue(e.target.value));
      }}
    />
  );
}

/**
 * The request's assertions, checked on every response (results in the response's Tests tab): what to read
 * (status, a header, a JSONPath, the body, the time), how to compare, and with what.
 */
export function TestsSection({ draft, edit }: SectionContext) {
  const assertions = draft.assertions ?? [];
  const set = (rows: Assertion[]) => edit({ assertions: rows.length > 0 ? rows : undefined });
  return (
    <div className="http-tests-editor" data-testid="http-assertions">
      {assertions.length === 0 && (
        <p className="http-hint">
          No assertions: add one to check every response (status equals 200, a JSONPath exists…) without a script.
        </p>
      )}
      <EditableRows<Assertion>
        items={assertions}
        onChange={set}
        noun="assertion"
        className="http-kv-rows"
        rowClassName="http-kv-row http-assertion-row"
        newItem={newAssertion}
        renderRow={(a, index, setRow) => (
          <>
            <input
              type="checkbox"
              aria-label={`Check assertion ${index + 1}`}
              checked={a.enabled !== false}
              onChange={(e) => setRow({ ...a, enabled: e.target.checked ? undefined : false })}
            />
            <select
              className="select"
              aria-label={`Assertion ${index + 1} target`}
              value={a.target}
              onChange={(e) => setRow(setAssertionTarget(a, e.target.value as AssertionTarget))}
            >
              {ASSERTION_TARGETS.map((t) => (
                <option key={t} value={t}>
                  {TARGET_LABELS[t]}
                </option>
              ))}
            </select>
            {a.target === 'header' || a.target === 'jsonpath' ? (
              <input
                className="input input-mono"
                aria-label={`Assertion ${index + 1} ${a.target === 'header' ? 'header name' : 'path'}`}
                placeholder={a.target === 'header' ? 'Content-Type' : '$.items[0].id'}
                spellCheck={false}
                value={(a.target === 'header' ? a.name : a.path) ?? ''}
                onChange={(e) =>
                  setRow(a.target === 'header' ? { ...a, name: e.target.value } : { ...a, path: e.target.value })
                }
              />
            ) : (
              <span />
            )}
            <select
              className="select"
              aria-label={`Assertion ${index + 1} operator`}
              value={a.op}
              onChange={(e) => setRow(setAssertionOp(a, e.target.value as AssertionOp))}
            >
              {ASSERTION_OPS.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            {needsValue(a.op) ? (
              <ValueInput
                label={`Assertion ${index + 1} value`}
                value={a.value}
                onChange={(value) => setRow({ ...a, value })}
              />
            ) : (
              <span />
            )}
          </>
        )}
      />
      <p className="http-hint">
        Values read as JSON when they are numbers, true/false, lists or objects (<code>200</code>, <code>[1,2]</code>),
        else as text; <code>type</code> takes string, number, boolean, object, array or null, <code>matches</code> a
        regular expression. Results show in the response&apos;s Tests tab. More in docs/http-scripts.md.
      </p>
    </div>
  );
}
