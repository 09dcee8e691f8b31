/**
 * XML parsed with fast-xml-parser into a small namespace-aware tree: WSDL and XML Schema name things by QName
 * (`tns:GetOrder`), so every element knows its namespace URI and resolves prefixes in scope.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../../shared/errors';

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** Prefixes in scope ('' is the default namespace). */
  scope: ReadonlyMap<string, string>;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

/** The document element of `text`; INVALID_INPUT naming the line and column when it is not well-formed. */
export function parseXml(text: string, what: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new AppError('INVALID_INPUT', `The ${what} is not well-formed XML (line ${line}, column ${col}): ${msg}`, {
      line,
      column: col,
    });
  }
  const nodes = parser.parse(text) as Ordered[];
  const root = elementsOf(nodes, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]))[0];
  if (!root) throw new AppError('INVALID_INPUT', `The ${what} holds no XML element.`);
  return root;
}

function elementsOf(nodes: Ordered[], scope: ReadonlyMap<string, string>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (!name || name === '#text' || name.startsWith('?') || name.startsWith('!') || name === '#comment') continue;
    const attrs = node[':@'] ?? {};
    let inner = scope;
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (inner === scope) inner = new Map(scope);
        (inner as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value);
      }
    }
    const kids = (node[name] as Ordered[]) ?? [];
    const [prefix, local] = splitQName(name);
    out.push({
      ns: inner.get(prefix) ?? '',
      local,
      attrs,
      children: elementsOf(kids, inner),
      text: kids
        .map((kid) => (kid['#text'] === undefined ? '' : String(kid['#text'])))
        .join('')
        .trim(),
      scope: inner,
    });
  }
  return out;
}

function splitQName(name: string): [string, string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** `{namespace}local` of a QName written in `element`'s scope (`tns:Order`, or `Order` in the default namespace). */
export function resolveQName(element: XmlElement, qname: string | undefined): string | null {
  if (!qname) return null;
  const [prefix, local] = splitQName(qname.trim());
  return `{${element.scope.get(prefix) ?? ''}}${local}`;
}

/** The children of `element` in namespace `ns` named `local`. */
export function childrenNamed(element: XmlElement, ns: string | readonly string[], local: string): XmlElement[] {
  const spaces = typeof ns === 'string' ? [ns] : ns;
  return element.children.filter((child) => child.local === local && spaces.includes(child.ns));
}

export const firstChild = (element: XmlElement, ns: string | readonly string[], local: string) =>
  childrenNamed(element, ns, local)[0];

/** The local part of `{ns}local`. */
export const localOf = (name: string): string => name.slice(name.indexOf('}') + 1);
/** The namespace of `{ns}local`. */
export const namespaceOf = (name: string): string => name.slice(1, name.indexOf('}'));
