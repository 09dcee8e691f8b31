import { useState } from 'react';
import type { WsdlOperation, WsdlPort } from '../../../../../shared/http-protocols';
import { formatXml } from '../../../stores/http-body-edits';
import type { BodyEditorProps, BodyOf } from './body-editor-props';
import { protocolActions, useProtocolTab } from './protocol-bodies-stores';
import './protocol-bodies.css';

/** Why the envelope is not well-formed (the parser's first message), or null when it is or is blank. */
function envelopeError(text: string): string | null {
  if (!text.trim()) return null;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (!error) {
    const root = doc.documentElement;
    return root.localName === 'Envelope' ? null : `the root element is <${root.nodeName}>, not a SOAP Envelope`;
  }
  return (error.querySelector('div')?.textContent ?? error.textContent ?? 'not well-formed').trim();
}

/** `?wsdl` on the request's URL, the usual place a service publishes its WSDL. */
const wsdlUrlOf = (url: string) => (url.trim() && !/[?&]wsdl\b/i.test(url) ? `${url.trim().split('?')[0]}?wsdl` : url);

interface Choice {
  key: string;
  label: string;
  port: WsdlPort;
  operation: WsdlOperation;
}

/** A SOAP body: the XML envelope, the SOAP version and SOAPAction, and a WSDL's operations to start from. */
export function SoapBody({ body, onChange, ctx }: BodyEditorProps<BodyOf<'soap'>>) {
  const { wsdl, wsdlLoading, wsdlError } = useProtocolTab(ctx.tabId);
  const [wsdlOpen, setWsdlOpen] = useState(false);
  const [wsdlUrl, setWsdlUrl] = useState<string | null>(null);
  const [wsdlText, setWsdlText] = useState('');
  const [picked, setPicked] = useState('');
  const version = body.version ?? '1.1';
  const error = envelopeError(body.text);
  const choices: Choice[] = (wsdl?.services ?? []).flatMap((service) =>
    service.ports.flatMap((port) =>
      port.operations.map((operation) => ({
        key: `${service.name}/${port.name}/${operation.name}`,
        label: `${operation.name} — ${service.name}.${port.name} (SOAP ${port.version})`,
        port,
        operation,
      })),
    ),
  );
  const pick = (key: string) => {
    setPicked(key);
    const choice = choices.find((c) => c.key === key);
    if (!choice) return;
    // the envelope needs the room now; Load WSDL… opens the list again
    setWsdlOpen(false);
    const next: BodyOf<'soap'> = {
      type: 'soap',
      text: choice.operation.envelope,
      version: choice.port.version,
      ...(choice.operation.soapAction ? { action: choice.operation.soapAction } : {}),
    };
    // SOAP is POSTed; the port's address fills a blank URL, a URL already typed (a local or staging server) stays
    ctx.edit({
      body: next,
      ...(ctx.draft.method === 'GET' ? { method: 'POST' } : {}),
      ...(!ctx.draft.url.trim() && choice.port.address ? { url: choice.port.address } : {}),
    });
  };
  const url = wsdlUrl ?? wsdlUrlOf(ctx.draft.url);
  return (
    <div className="http-protocol-body">
      <div className="http-protocol-bar">
        <label className="http-protocol-field">
          SOAP
          <select
            className="input input-small"
            data-testid="http-soap-version"
            value={version}
            onChange={(e) => onChange({ ...body, version: e.target.value as '1.1' | '1.2' })}
          >
            <option value="1.1">1.1 (text/xml, SOAPAction header)</option>
            <option value="1.2">1.2 (application/soap+xml; action=…)</option>
          </select>
        </label>
        <label className="http-protocol-field http-soap-action">
          SOAPAction
          <input
            className="input input-small input-mono"
            data-testid="http-soap-action"
            spellCheck={false}
            placeholder="http://example.com/orders/GetOrder"
            value={body.action ?? ''}
            onChange={(e) => {
              const { action: _old, ...rest } = body;
              onChange(e.target.value ? { ...rest, action: e.target.value } : rest);
            }}
          />
        </label>
        <button
          type="button"
          className="button button-small"
          data-testid="http-soap-load-wsdl"
          aria-expanded={wsdlOpen}
          onClick={() => setWsdlOpen(!wsdlOpen)}
        >
          Load WSDL…
        </button>
        {picked && !wsdlOpen && (
          <span className="http-hint" data-testid="http-soap-picked">
            {choices.find((c) => c.key === picked)?.operation.name}
          </span>
        )}
      </div>
      {wsdlOpen && (
        <div className="http-soap-wsdl" data-testid="http-soap-wsdl">
          <div className="http-protocol-bar">
            <input
              className="input input-small input-mono http-soap-action"
              aria-label="WSDL URL"
              data-testid="http-soap-wsdl-url"
              placeholder="https://example.com/service?wsdl"
              value={url}
              onChange={(e) => setWsdlUrl(e.target.value)}
            />
            <button
              type="button"
              className="button button-small"
              data-testid="http-soap-wsdl-fetch"
              disabled={wsdlLoading || !url.trim()}
              title="GET the WSDL with this request's auth and headers"
              onClick={() => void protocolActions().loadWsdl(ctx.tabId, { url: url.trim() })}
            >
              {wsdlLoading ? 'Loading…' : 'Load from URL'}
            </button>
          </div>
          <details>
            <summary className="http-hint">…or paste the WSDL</summary>
            <textarea
              className="input input-mono"
              aria-label="WSDL text"
              data-testid="http-soap-wsdl-text"
              spellCheck={false}
              value={wsdlText}
              onChange={(e) => setWsdlText(e.target.value)}
            />
            <button
              type="button"
              className="button button-small"
              disabled={wsdlLoading || !wsdlText.trim()}
              onClick={() => void protocolActions().loadWsdl(ctx.tabId, { text: wsdlText })}
            >
              Read pasted WSDL
            </button>
          </details>
          {wsdlError && (
            <p className="http-field-issue" role="alert" data-testid="http-soap-wsdl-error">
              {wsdlError.message}
            </p>
          )}
          {wsdl && (
            <label className="http-protocol-field">
              Operation
              <select
                className="input input-small"
                data-testid="http-soap-operation"
                value={picked}
                onChange={(e) => pick(e.target.value)}
              >
                <option value="">Choose one of {choices.length} operations…</option>
                {choices.map((choice) => (
                  <option key={choice.key} value={choice.key} title={choice.operation.documentation ?? undefined}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {wsdl?.warnings.map((warning) => (
            <p key={warning} className="http-hint">
              {warning}
            </p>
          ))}
        </div>
      )}
      <textarea
        className="input input-mono http-body-text"
        aria-label="SOAP envelope"
        data-testid="http-soap-envelope"
        spellCheck={false}
        placeholder={'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">…'}
        value={body.text}
        onChange={(e) => onChange({ ...body, text: e.target.value })}
      />
      <div className="http-body-foot">
        {error ? (
          <p className="http-field-issue" role="alert" data-testid="http-soap-envelope-error">
            Not a well-formed envelope: {error}
          </p>
        ) : (
          <p className="http-hint">
            Sent as{' '}
            <code>{version === '1.2' ? 'application/soap+xml; action="…"' : 'text/xml with a SOAPAction header'}</code>;{' '}
            <code>{'{{variables}}'}</code> are resolved.
          </p>
        )}
        <button
          type="button"
          className="button button-small"
          disabled={!body.text.trim() || error !== null}
          onClick={() => onChange({ ...body, text: formatXml(body.text) })}
        >
          Format
        </button>
      </div>
    </div>
  );
}
