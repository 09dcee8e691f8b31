import type { ComponentType } from 'react';
import type { BodyType, RequestBody } from '../../../../../shared/http-request';
import { bodyOfType } from '../../../stores/http-body-edits';
import type { BodyEditorProps, BodyOf } from './body-editor-props';
import { BinaryBody } from './binary-body';
import { FormBody } from './form-body';
import { GraphqlBody } from './graphql-body';
import { MultipartBody } from './multipart-body';
import type { SectionContext } from './request-section';
import { SoapBody } from './soap-body';
import { TextBody } from './text-body';

// an editor may take several types (TextBody: json, text, xml); each entry only needs to accept its own
type BodyEditors = { [T in BodyType]?: { label: string; Editor: ComponentType<BodyEditorProps<BodyOf<T>>> } };

function NoBody() {
  return <p className="http-hint">This request sends no body.</p>;
}

/**
 * The body types the editor offers, in this order, each with its editor. A body type gets its editor with one
 * entry here (GraphQL and SOAP come in their own files).
 */
export const BODY_EDITORS: BodyEditors = {
  none: { label: 'None', Editor: NoBody },
  json: { label: 'JSON', Editor: TextBody },
  text: { label: 'Text', Editor: TextBody },
  xml: { label: 'XML', Editor: TextBody },
  form: { label: 'Form', Editor: FormBody },
  multipart: { label: 'Multipart', Editor: MultipartBody },
  binary: { label: 'Binary file', Editor: BinaryBody },
  graphql: { label: 'GraphQL', Editor: GraphqlBody },
  soap: { label: 'SOAP', Editor: SoapBody },
};

/** `Body (JSON)`, or `Body` without one. */
export function bodyLabel(body: RequestBody | undefined): string {
  const type = body?.type ?? 'none';
  return type === 'none' ? 'Body' : `Body (${BODY_EDITORS[type]?.label ?? type})`;
}

/** The body type switch and the chosen type's editor. */
export function BodySection(ctx: SectionContext) {
  const { tabId, draft, edit } = ctx;
  const body: RequestBody = draft.body ?? { type: 'none' };
  const entry = BODY_EDITORS[body.type];
  const Editor = entry?.Editor as ComponentType<BodyEditorProps> | undefined;
  const onChange = (next: RequestBody) => edit({ body: next });
  return (
    <div className="http-body-editor">
      <div className="http-body-types" role="radiogroup" aria-label="Body type">
        {(Object.keys(BODY_EDITORS) as BodyType[]).map((type) => (
          <label key={type} className="http-radio">
            <input
              type="radio"
              name={`http-body-type-${tabId}`}
              value={type}
              checked={body.type === type}
              data-testid={`http-body-type-${type}`}
              onChange={() => onChange(bodyOfType(body, type))}
            />
            {BODY_EDITORS[type]!.label}
          </label>
        ))}
      </div>
      {Editor ? (
        <Editor body={body} onChange={onChange} ctx={ctx} />
      ) : (
        <p className="http-hint" data-testid="http-body-unedited">
          This request&apos;s {body.type} body is sent and saved as its file has it; this editor cannot change it yet.
        </p>
      )}
    </div>
  );
}
