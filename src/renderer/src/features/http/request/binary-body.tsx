import type { BodyEditorProps, BodyOf } from './body-editor-props';
import { FilePathHint, FilePathInput } from './file-path-input';

/** A body that is one file, streamed as it is, with its content type. */
export function BinaryBody({ body, onChange }: BodyEditorProps<BodyOf<'binary'>>) {
  return (
    <div className="http-binary" data-testid="http-binary-body">
      <label className="http-field">
        <span>File</span>
        <FilePathInput
          label="Body file"
          value={body.file}
          data-testid="http-binary-file"
          onChange={(file) => onChange({ ...body, file })}
        />
      </label>
      <label className="http-field">
        <span>Content type</span>
        <input
          className="input input-mono"
          aria-label="Body content type"
          placeholder="application/octet-stream"
          spellCheck={false}
          value={body.contentType ?? ''}
          onChange={(e) => {
            const { contentType: _old, ...rest } = body;
            onChange(e.target.value ? { ...rest, contentType: e.target.value } : rest);
          }}
        />
      </label>
      <FilePathHint />
    </div>
  );
}
