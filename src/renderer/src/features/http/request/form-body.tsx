import type { KeyValue } from '../../../../../shared/http-request';
import { EditableRows } from '../../mocks/editable-rows';
import type { BodyEditorProps, BodyOf } from './body-editor-props';
import '../../mocks/mock-form.css';

/** An application/x-www-form-urlencoded body: name/value fields, each can be left out of the send. */
export function FormBody({ body, onChange }: BodyEditorProps<BodyOf<'form'>>) {
  return (
    <>
      <EditableRows<KeyValue>
        items={body.fields}
        onChange={(fields) => onChange({ ...body, fields })}
        noun="field"
        rowName={(row) => row.name}
        className="http-kv-rows"
        rowClassName="http-kv-row http-kv-row-check"
        data-testid="http-form-fields"
        newItem={() => ({ name: '', value: '' })}
        renderRow={(row, index, set) => (
          <>
            <input
              type="checkbox"
              aria-label={`Send field ${index + 1}`}
              checked={row.enabled !== false}
              onChange={(e) => set({ ...row, enabled: e.target.checked ? undefined : false })}
            />
            <input
              className="input input-mono"
              aria-label={`Field ${index + 1} name`}
              placeholder="name"
              spellCheck={false}
              value={row.name}
              onChange={(e) => set({ ...row, name: e.target.value })}
            />
            <input
              className="input input-mono"
              aria-label={`Field ${index + 1} value`}
              placeholder="value"
              spellCheck={false}
              value={row.value}
              onChange={(e) => set({ ...row, value: e.target.value })}
            />
          </>
        )}
      />
      <p className="http-hint">
        Sent as <code>application/x-www-form-urlencoded</code>, names and values encoded for you; a field without a name
        is left out.
      </p>
    </>
  );
}
