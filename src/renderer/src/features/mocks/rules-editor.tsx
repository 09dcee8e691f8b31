import { RULE_OPS, RULE_TARGETS, type MockRouteResponse, type MockRule } from '../../../../shared/mock-definition';
import { EditableRows } from './editable-rows';

/** Operators that test the value's presence or shape and take no value. */
const VALUELESS: ReadonlySet<MockRule['op']> = new Set(['exists', 'blank', 'emptyArray']);

function ruleValueText(rule: MockRule): string {
  if (rule.value === undefined) return '';
  return typeof rule.value === 'string' ? rule.value : JSON.stringify(rule.value);
}

/** The typed value as the rule stores it: a schema is JSON; other values stay text as typed. */
function ruleValue(rule: MockRule, text: string): unknown {
  if (rule.op !== 'schema') return text === '' ? undefined : text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function RuleFields({ rule, index, set }: { rule: MockRule; index: number; set(rule: MockRule): void }) {
  const patch = (change: Partial<MockRule>) => set({ ...rule, ...change } as MockRule);
  return (
    <>
      <select
        className="select"
        aria-label={`Rule ${index + 1} target`}
        value={rule.target}
        onChange={(e) => {
          const target = e.target.value as MockRule['target'];
          patch(
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
          patch(
            rule.target === 'body'
              ? { path: e.target.value || undefined }
              : { name: e.target.value === '' ? undefined : e.target.value },
          )
        }
      />
      <select
        className="select"
        aria-label={`Rule ${index + 1} negation`}
        title="not: the rule holds when the condition does not"
        value={rule.not ? 'not' : ''}
        onChange={(e) => patch({ not: e.target.value === 'not' ? true : undefined })}
      >
        <option value="">is</option>
        <option value="not">not</option>
      </select>
      <select
        className="select"
        aria-label={`Rule ${index + 1} operator`}
        value={rule.op}
        onChange={(e) => {
          const op = e.target.value as MockRule['op'];
          patch(VALUELESS.has(op) ? { op, value: undefined } : { op });
        }}
      >
        {RULE_OPS.map((op) => (
          <option key={op}>{op}</option>
        ))}
      </select>
      <input
        className="input input-mono"
        aria-label={`Rule ${index + 1} value`}
        placeholder={VALUELESS.has(rule.op) ? '(no value)' : rule.op === 'schema' ? '{"type":"object"}' : 'value'}
        disabled={VALUELESS.has(rule.op)}
        value={ruleValueText(rule)}
        onChange={(e) => patch({ value: ruleValue(rule, e.target.value) })}
      />
    </>
  );
}

/** The conditions that pick this response, and whether any or every one must hold. */
export function RulesEditor({
  response,
  onChange,
}: {
  response: MockRouteResponse;
  onChange(patch: Partial<MockRouteResponse>): void;
}) {
  const rules = response.rules ?? [];
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
      <EditableRows<MockRule>
        items={rules}
        onChange={(next) => onChange({ rules: next.length > 0 ? next : undefined })}
        noun="rule"
        rowClassName="mock-rule-row"
        newItem={() => ({ target: 'query', name: 'name', op: 'equals', value: '' })}
        renderRow={(rule, index, set) => <RuleFields rule={rule} index={index} set={set} />}
      />
    </div>
  );
}
