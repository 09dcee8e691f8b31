import { useMemo, useRef, useState } from 'react';
import type { HttpResponse } from '../../../../../shared/contract/http.contract';
import { formatBytes, headerValue } from '../../../stores/http-format';
import { BODY_VIEW_LABELS, bodyFileName, bodyViews, mediaType, type BodyViewKind } from './body-kind';
import { copyBody, saveBody } from './body-file';
import type { CodeViewHandle } from './code-view';
import { base64Bytes } from './hex-dump';
import { HexView } from './hex-view';
import { HtmlPreview } from './html-preview';
import { ImageView } from './image-view';
import { JsonView } from './json-view';
import { XmlView } from './xml-view';
import './response.css';

/** The views that have a search panel (CodeMirror). */
const SEARCHABLE: BodyViewKind[] = ['pretty', 'xml'];

/**
 * An inline body (the core sent it whole): a toolbar with the views that fit its content type, Search, Copy and
 * Save, then the chosen view. Every value is rendered as text or inside the sandboxed preview frame.
 */
export function ResponseBody({ response }: { response: HttpResponse }) {
  const contentType = headerValue(response.headers, 'content-type');
  const encoding = response.body.encoding ?? 'utf8';
  const data = response.body.data ?? '';
  const views = useMemo(() => bodyViews(contentType, encoding, data), [contentType, encoding, data]);
  const [chosen, setChosen] = useState<BodyViewKind | null>(null);
  const view = chosen && views.includes(chosen) ? chosen : views[0]!;
  const searchHandle = useRef<CodeViewHandle>(null);
  const type = mediaType(contentType);
  const bytes = useMemo(
    () => (view === 'hex' ? (encoding === 'base64' ? base64Bytes(data) : new TextEncoder().encode(data)) : null),
    [view, encoding, data],
  );
  const body = { encoding, data };

  return (
    <div className="http-response-body http-inline-body">
      <div className="http-body-toolbar" data-testid="http-body-toolbar">
        <span className="http-body-views" role="tablist" aria-label="Body view">
          {views.map((kind) => (
            <button
              key={kind}
              type="button"
              role="tab"
              aria-selected={view === kind}
              className="http-body-view-tab"
              data-testid={`http-body-view-${kind}`}
              onClick={() => setChosen(kind)}
            >
              {BODY_VIEW_LABELS[kind]}
            </button>
          ))}
        </span>
        <span className="http-body-actions">
          {SEARCHABLE.includes(view) && (
            <button
              type="button"
              className="button button-small"
              title="Search the body (Ctrl+F in the body)"
              data-testid="http-body-search"
              onClick={() => searchHandle.current?.openSearch()}
            >
              Search
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            title={encoding === 'base64' ? 'Copy the binary body as base64' : 'Copy the body as received'}
            data-testid="http-body-copy"
            onClick={() => void copyBody(body)}
          >
            Copy
          </button>
          <button
            type="button"
            className="button button-small"
            title="Save the body as received to a file"
            data-testid="http-body-save"
            onClick={() => saveBody(body, type, bodyFileName(contentType, encoding))}
          >
            Save…
          </button>
        </span>
      </div>
      <div className="http-body-view" data-view={view}>
        {view === 'pretty' && <JsonView text={data} searchHandle={searchHandle} />}
        {view === 'xml' && <XmlView text={data} searchHandle={searchHandle} />}
        {view === 'html' && <HtmlPreview html={data} />}
        {view === 'image' && <ImageView mediaType={type} encoding={encoding} data={data} size={response.body.size} />}
        {view === 'raw' && (
          <pre className="http-body-pre" data-testid="http-response-body" data-view="raw" data-pretty={false}>
            {data}
          </pre>
        )}
        {view === 'hex' && bytes && (
          <HexView
            bytes={bytes}
            note={`${encoding === 'base64' ? 'A binary body' : 'The body'} of ${formatBytes(response.body.size)} (${contentType ?? 'no content type'}).`}
          />
        )}
      </div>
    </div>
  );
}
