import type { MultipartPart } from '../../../../../shared/http-request';
import { setPartKind } from '../../../stores/http-body-edits';
import { EditableRows } from '../../mocks/editable-rows';
import type { BodyEditorProps, BodyOf } from './body-editor-props';
import { FilePathHint, FilePathInput } from './file-path-input';
import '../../mocks/mock-form.css';

/** A multipart/form-data body: parts of text or of a file the core reads when it sends. */
export function MultipartBody({ body, onChange }: BodyEditorProps<BodyOf<'multipart'>>) {
  return (
    <>
      <EditableRows<MultipartPart>
        items={body.parts}
        onChange={(parts) => onChange({ ...body, parts })}
        noun="part"
        rowName={(part) => part.name}
        className="http-kv-rows"
        rowClassName="http-kv-row http-part-row"
        data-testid="http-multipart-parts"
        newItem={() => ({ name: '', value: '' })}
        renderRow={(part, index, set) => (
          <>
            <input
              type="checkbox"
              aria-label={`Send part ${index + 1}`}
              checked={part.enabled !== false}
              onChange={(e) => set({ ...part, enabled: e.target.checked ? undefined : false })}
            />
            <input
              className="input input-mono"
              aria-label={`Part ${index + 1} name`}
              placeholder="name"
              spellCheck={false}
              value={part.name}
              onChange={(e) => set({ ...part, name: e.target.value })}
            />
            <select
              className="select"
              aria-label={`Part ${index + 1} kind`}
              value={part.file !== undefined ? 'file' : 'text'}
              onChange={(e) => set(setPartKind(part, e.target.value as 'text' | 'file'))}
            >
              <option value="text">Text</option>
              <option value="file">File</option>
            </select>
            {part.file !== undefined ? (
              <FilePathInput
                label={`Part ${index + 1} file`}
                value={part.file}
                onChange={(file) => set({ ...part, file })}
              />
            ) : (
              <input
                className="input input-mono"
                aria-label={`Part ${index + 1} value`}
                placeholder="value"
                spellCheck={false}
                value={part.value ?? ''}
                onChange={(e) => set({ ...part, value: e.target.value })}
              />
            )}
            <input
              className="input input-mono"
              aria-label={`Part ${index + 1} content type`}
              placeholder={part.file !== undefined ? 'application/octet-stream' : 'content type (none)'}
              spellCheck={false}
              value={part.contentType ?? ''}
              onChange={(e) => {
                const { contentType: _old, ...rest } = part;
                set(e.target.value ? { ...rest, contentType: e.target.value } : rest);
              }}
            />
          </>
        )}
      />
      <p className="http-hint">
        Sent as <code>multipart/form-data</code> with its boundary; a part without a name is left out.
      </p>
      {body.parts.some((p) => p.file !== undefined) && <FilePathHint />}
    </>
  );
}
