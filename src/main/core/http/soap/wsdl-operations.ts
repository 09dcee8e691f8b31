/**
 * A WSDL 1.1 document → its services, ports (SOAP 1.1 or 1.2 bindings) and operations, each with its SOAPAction,
 * input message parts and a starter envelope (issue 8 item 1). The WSDL comes as text or from a URL fetched
 * through the send path, so the tab's auth and variables apply.
 */
import { AppError } from '../../../../shared/errors';
import type { WsdlInfo, WsdlOperation, WsdlPort } from '../../../../shared/http-protocols';
import { fetchText, type FetchDeps, type FetchInput } from '../graphql/fetch-through-send';
import { starterEnvelope } from './soap-envelope';
import { SchemaIndex, XSD, type SchemaChild } from './xml-schema';
import { childrenNamed, firstChild, localOf, parseXml, resolveQName, type XmlElement } from './xml-tree';

const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL2 = 'http://www.w3.org/ns/wsdl';
const SOAP_BINDING = {
  '1.1': 'http://schemas.xmlsoap.org/wsdl/soap/',
  '1.2': 'http://schemas.xmlsoap.org/wsdl/soap12/',
};
const SOAP_BINDINGS = Object.values(SOAP_BINDING);

/** The WSDL at `url` (GET, with the tab's auth, headers and variables), parsed. */
export async function fetchWsdlOperations(deps: FetchDeps, input: FetchInput & { url: string }): Promise<WsdlInfo> {
  const { headers, auth, settings } = input.request;
  const request = {
    name: input.request.name,
    method: 'GET',
    url: input.url,
    body: { type: 'none' as const },
    ...(headers ? { headers: headers.filter((h) => !/^(content-type|soapaction)$/i.test(h.name.trim())) } : {}),
    ...(auth ? { auth } : {}),
    ...(settings ? { settings } : {}),
  };
  const { status, text } = await fetchText(deps, { ...input, request }, 'WSDL');
  if (status >= 400) {
    throw new AppError('INVALID_INPUT', `Fetching the WSDL at ${input.url} answered HTTP ${status}.`, {
      status,
      url: input.url,
    });
  }
  return parseWsdl(text);
}

interface Binding {
  version: '1.1' | '1.2';
  portType: string | null;
  style: 'document' | 'rpc';
  operations: Map<string, { soapAction: string; style: 'document' | 'rpc' | null; namespace: string | null }>;
}

/** The services, ports and operations a WSDL 1.1 text describes. */
export function parseWsdl(text: string): WsdlInfo {
  const root = parseXml(text, 'WSDL');
  if (root.ns === WSDL2) {
    throw new AppError('NOT_SUPPORTED', 'This is a WSDL 2.0 document; only WSDL 1.1 is read.');
  }
  if (root.ns !== WSDL || root.local !== 'definitions') {
    throw new AppError(
      'INVALID_INPUT',
      `The document is not a WSDL: its root element is <${root.local}>, expected <wsdl:definitions>.`,
      { root: root.local, namespace: root.ns },
    );
  }
  const tns = root.attrs.targetNamespace ?? '';
  const qname = (local: string | undefined) => `{${tns}}${local ?? ''}`;
  const warnings: string[] = [];

  const schemas = childrenNamed(root, WSDL, 'types').flatMap((types) => childrenNamed(types, XSD, 'schema'));
  for (const schema of schemas) {
    for (const imported of [...childrenNamed(schema, XSD, 'import'), ...childrenNamed(schema, XSD, 'include')]) {
      if (imported.attrs.schemaLocation) warnings.push(`The schema at ${imported.attrs.schemaLocation} is not read.`);
    }
  }
  for (const imported of childrenNamed(root, WSDL, 'import')) {
    warnings.push(`The imported WSDL ${imported.attrs.location ?? imported.attrs.namespace ?? ''} is not read.`);
  }
  const index = new SchemaIndex(schemas);

  const messages = new Map<string, XmlElement[]>();
  for (const message of childrenNamed(root, WSDL, 'message')) {
    messages.set(qname(message.attrs.name), childrenNamed(message, WSDL, 'part'));
  }
  const portTypes = new Map<string, Map<string, XmlElement>>();
  for (const portType of childrenNamed(root, WSDL, 'portType')) {
    const operations = new Map(childrenNamed(portType, WSDL, 'operation').map((op) => [op.attrs.name ?? '', op]));
    portTypes.set(qname(portType.attrs.name), operations);
  }
  const bindings = new Map<string, Binding>();
  for (const binding of childrenNamed(root, WSDL, 'binding')) {
    const soap = binding.children.find((child) => child.local === 'binding' && SOAP_BINDINGS.includes(child.ns));
    if (!soap) {
      warnings.push(`The binding ${binding.attrs.name ?? ''} is not a SOAP binding and is left out.`);
      continue;
    }
    const version = soap.ns === SOAP_BINDING['1.2'] ? '1.2' : '1.1';
    const operations: Binding['operations'] = new Map();
    for (const op of childrenNamed(binding, WSDL, 'operation')) {
      const soapOp = firstChild(op, soap.ns, 'operation');
      const input = firstChild(op, WSDL, 'input');
      const body = input && firstChild(input, soap.ns, 'body');
      operations.set(op.attrs.name ?? '', {
        soapAction: soapOp?.attrs.soapAction ?? '',
        style: styleOf(soapOp?.attrs.style),
        namespace: body?.attrs.namespace ?? null,
      });
    }
    bindings.set(qname(binding.attrs.name), {
      version,
      portType: resolveQName(binding, binding.attrs.type),
      style: styleOf(soap.attrs.style) ?? 'document',
      operations,
    });
  }

  const services = childrenNamed(root, WSDL, 'service').map((service) => {
    const ports: WsdlPort[] = [];
    for (const port of childrenNamed(service, WSDL, 'port')) {
      const bindingName = resolveQName(port, port.attrs.binding) ?? '';
      const binding = bindings.get(bindingName);
      if (!binding) continue;
      const address = port.children.find((child) => child.local === 'address' && SOAP_BINDINGS.includes(child.ns));
      const abstract = (binding.portType && portTypes.get(binding.portType)) || new Map<string, XmlElement>();
      const operations = [...binding.operations].map(([name, op]) =>
        describeOperation({ name, op, binding, abstract: abstract.get(name), messages, index, tns }),
      );
      ports.push({
        name: port.attrs.name ?? '',
        binding: localOf(bindingName),
        version: binding.version,
        address: address?.attrs.location ?? '',
        operations,
      });
    }
    return { name: service.attrs.name ?? '', ports };
  });
  if (services.every((service) => service.ports.length === 0)) {
    throw new AppError('INVALID_INPUT', 'The WSDL names no service with a SOAP port; there is nothing to call.');
  }
  return { targetNamespace: tns, services, warnings };
}

function styleOf(value: string | undefined): 'document' | 'rpc' | null {
  return value === 'rpc' || value === 'document' ? value : null;
}

function describeOperation(at: {
  name: string;
  op: Binding['operations'] extends Map<string, infer V> ? V : never;
  binding: Binding;
  abstract: XmlElement | undefined;
  messages: Map<string, XmlElement[]>;
  index: SchemaIndex;
  tns: string;
}): WsdlOperation {
  const { name, op, binding, abstract, messages, index, tns } = at;
  const style = op.style ?? binding.style;
  const input = abstract && firstChild(abstract, WSDL, 'input');
  const message = input ? resolveQName(input, input.attrs.message) : null;
  const parts = (message && messages.get(message)) || [];
  const described = parts.map((part) => ({
    name: part.attrs.name ?? '',
    element: resolveQName(part, part.attrs.element),
    type: resolveQName(part, part.attrs.type),
  }));
  let content: SchemaChild[];
  if (style === 'rpc') {
    // rpc: a wrapper named after the operation, in the body's namespace, one unqualified child per part
    const wrapperNs = op.namespace ?? tns;
    const children = described.map((part) => ({
      name: `{}${part.name}`,
      children: part.type ? index.childrenOfType(part.type) : [],
      repeated: false,
    }));
    content = [{ name: `{${wrapperNs}}${name}`, children, repeated: false }];
  } else {
    content = described.map((part) => ({
      name: part.element ?? `{}${part.name}`,
      children: part.element ? index.childrenOfElement(part.element) : part.type ? index.childrenOfType(part.type) : [],
      repeated: false,
    }));
  }
  const documentation = abstract && firstChild(abstract, WSDL, 'documentation');
  return {
    name,
    soapAction: op.soapAction,
    style,
    input: described,
    envelope: starterEnvelope(binding.version, content),
    documentation: documentation?.text || null,
  };
}
