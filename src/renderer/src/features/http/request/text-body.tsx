import { jsonBodyError } from '../../../stores/http-format';
import { formatXml } from '../../../stores/http-body-edits';
import type { BodyEditorProps, BodyOf } from './body-editor-props';

type TextType = 'json' | 'text' | 'xml';

// `{{id}}` where a JSON value goes is valid once resolved: check the text with each token as a number
const withoutVariables = (text: string) => text.replace(/\{\{[^{}]*\}\}/g, '0');

/** Why the XML is not well-formed (the parser's first message), or null when it is or is blank. */
function xmlBodyError(text: string): string | null {
  if (!text.trim()) return null;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (!error) return null;
  // Chromium wraps the message in a heading and a div; the div holds the line and column
  return (error.querySelector('div')?.textContent ?? error.textContent ?? 'not well-formed').trim();
}

function formatted(type: TextType, text: string): string | null {
  try {
    if (type === 'json') return JSON.stringify(JSON.parse(text), null, 2);
    if (type === 'xml') return xmlBodyError(text) ? null : formatXml(text);
  } catch {
    return null;
  }
  return null;
}

const PLACEHOLDER: Record<TextType, string> = {
  json: '{ "name": "value" }',
  text: 'Text to send',
  xml: '<?xml version="1.0" encoding="UTF-8"?>\n<item id="1">Pen</item>',
};
const CONTENT_TYPE: Record<TextType, string> = {
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/** A JSON, text or XML body: JSON and XML are checked as typed and can be formatted. */
export function TextBody({ body, onChange }: BodyEditorProps<BodyOf<TextType>>) {
  const error =
    body.type === 'json'
      ? jsonBodyError(withoutVariables(body.text))
      : body.type === 'xml'
        ? xmlBodyError(body.text)
        : null;
  const canFormat = body.type !== 'text';
  const format = () => {
    const next = formatted(body.type, body.text);
    if (next !== null) onChange({ ...body, text: next });
  };
  return (
    <>
      <textarea
        className="input input-mono http-body-text"
        aria-label="Body"
        data-testid="http-body-text"
        spellCheck={false}
        placeholder={PLACEHOLDER[body.type]}
        value={body.text}
        onChange={(e) => onChange({ ...body, text: e.target.value })}
      />
      <div className="http-body-foot">
        {error ? (
          <p className="http-field-issue" role="alert" data-testid="http-body-error">
            Not {body.type === 'json' ? 'valid JSON' : 'well-formed XML'}: {error}
          </p>
        ) : (
          <p className="http-hint">
            Sent as <code>{CONTENT_TYPE[body.type]}</code> unless a Content-Type header says otherwise;{' '}
            <code>{'{{variables}}'}</code> are resolved.
          </p>
        )}
        {canFormat && (
          <button
            type="button"
            className="button button-small"
            data-testid="http-body-format"
            disabled={!body.text.trim() || formatted(body.type, body.text) === null}
            title={
              body.type === 'json' && /\{\{/.test(body.text)
                ? 'Formats JSON that parses as it stands (a {{variable}} outside quotes does not)'
                : 'Indent the body'
            }
            onClick={format}
          >
            Format
          </button>
        )}
      </div>
    </>
  );
}
