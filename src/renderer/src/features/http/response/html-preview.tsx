import { previewDocument } from './preview-document';

/** An HTML body rendered in a sandboxed frame with scripts and network off. */
export function HtmlPreview({ html }: { html: string }) {
  return (
    <div className="http-html-preview">
      <p className="http-hint">Preview with scripts and network off: links, forms and remote images do nothing.</p>
      <iframe
        className="http-html-frame"
        title="HTML preview of the response"
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={previewDocument(html)}
        data-testid="http-response-html"
      />
    </div>
  );
}
