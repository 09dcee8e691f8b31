import { useMemo, type Ref } from 'react';
import { CodeView, type CodeViewHandle } from './code-view';
import { formatXml } from './xml-format';

/** The browser's own verdict on well-formedness (the message of its `<parsererror>`), or null when well formed. */
function parserError(xml: string): string | null {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (!error) return null;
  // Chromium wraps the message in a <div>; other engines put it in the element's text
  return (error.querySelector('div')?.textContent ?? error.textContent ?? 'not well formed').trim();
}

/** XML indented in CodeMirror, with a line saying whether it is well formed. */
export function XmlView({ text, searchHandle }: { text: string; searchHandle?: Ref<CodeViewHandle> }) {
  const { formatted, error } = useMemo(() => {
    const result = formatXml(text);
    return { formatted: result.text, error: parserError(text) ?? result.error };
  }, [text]);
  return (
    <div className="http-json-view">
      <p
        className={error ? 'http-jsonpath-error http-xml-check' : 'http-hint http-xml-check'}
        data-testid="http-xml-check"
        data-well-formed={error === null}
      >
        {error ? `Not well-formed XML: ${error}` : 'Well-formed XML.'}
      </p>
      <CodeView
        text={error ? text : formatted}
        language="xml"
        label="Response body"
        handle={searchHandle}
        attributes={{ 'data-testid': 'http-response-body', 'data-view': 'xml', 'data-pretty': String(!error) }}
      />
    </div>
  );
}
