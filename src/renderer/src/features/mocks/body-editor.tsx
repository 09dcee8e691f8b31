import { useState } from 'react';
import type { MockRouteResponse } from '../../../../shared/mock-definition';
import { bodySourceOf, setBodySource, type BodySource } from '../../stores/mock-edits-form';
import { FieldIssue } from './field-issues';
import { TextEditor } from './text-editor';
import { bodyText, bodyValue } from './body-text';

export interface BodyEditorProps {
  response: MockRouteResponse;
  onChange(response: MockRouteResponse): void;
  theme: 'dark' | 'light';
  /** Changes when another response is shown or the file is read again: the editor then shows the stored body. */
  editorKey: string;
  /** The response's path in the definition, for the save's field messages. */
  at: string;
}

/**
 * The response's body: typed here (JSON kept as data), or read from a file in the mock's folder for each
 * request (the core refuses a path that leaves the folder, and the message shows under the field).
 */
export function BodyEditor({ response, onChange, theme, editorKey, at }: BodyEditorProps) {
  // the body's text as typed (stored parsed when it is JSON, so re-rendering must not reformat it)
  const [body, setBody] = useState(() => ({ key: editorKey, text: bodyText(response.body) }));
  const text = body.key === editorKey ? body.text : bodyText(response.body);
  if (body.key !== editorKey) setBody({ key: editorKey, text });
  const source = bodySourceOf(response);
  const choose = (next: BodySource) => {
    // a body typed again starts empty, as the draft does
    setBody({ key: editorKey, text: '' });
    onChange(setBodySource(response, next));
  };
  return (
    <>
      <div className="mock-section-title mock-body-title">
        Body
        <span className="mock-segmented" role="radiogroup" aria-label="Body from">
          <label className="mock-inline">
            <input
              type="radio"
              name={`body-source-${editorKey}`}
              data-testid="mock-body-inline"
              checked={source === 'inline'}
              onChange={() => choose('inline')}
            />
            typed here
          </label>
          <label className="mock-inline">
            <input
              type="radio"
              name={`body-source-${editorKey}`}
              data-testid="mock-body-file"
              checked={source === 'file'}
              onChange={() => choose('file')}
            />
            from a file
          </label>
        </span>
      </div>
      {source === 'file' ? (
        <label className="mock-field mock-body-file">
          <input
            className="input input-mono"
            aria-label="Body file"
            placeholder="bodies/user.json"
            data-testid="mock-body-file-path"
            value={response.bodyFile ?? ''}
            onChange={(e) => onChange({ ...response, bodyFile: e.target.value })}
          />
          <span className="mock-hint">
            Relative to the mock&apos;s folder and read for each request; its extension sets the Content-Type.
          </span>
          <FieldIssue path={`${at}.bodyFile`} />
        </label>
      ) : (
        <TextEditor
          key={editorKey}
          label="Response body"
          theme={theme}
          value={text}
          minHeight={110}
          data-testid="mock-response-body"
          onChange={(next) => {
            setBody({ key: editorKey, text: next });
            const { body: _old, ...rest } = response;
            onChange(next === '' ? rest : { ...rest, body: bodyValue(next) });
          }}
        />
      )}
    </>
  );
}
