/** Starter SOAP envelopes: a Body holding an operation's input elements with `?` for each value. */
import type { SchemaChild } from './xml-schema';
import { localOf, namespaceOf } from './xml-tree';

export const SOAP_ENVELOPE_NS = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
} as const;

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** An envelope for `version` whose Body holds `content` (elements named `{ns}local`). */
export function starterEnvelope(version: '1.1' | '1.2', content: SchemaChild[]): string {
  const prefixes = new Map<string, string>();
  const prefixOf = (ns: string) => {
    let prefix = prefixes.get(ns);
    if (prefix === undefined) {
      prefix = `ns${prefixes.size + 1}`;
      prefixes.set(ns, prefix);
    }
    return prefix;
  };
  const lines: string[] = [];
  const write = (child: SchemaChild, depth: number) => {
    const ns = namespaceOf(child.name);
    const tag = ns ? `${prefixOf(ns)}:${localOf(child.name)}` : localOf(child.name);
    const indent = '  '.repeat(depth);
    if (child.repeated) lines.push(`${indent}<!-- repeatable -->`);
    if (child.children.length === 0) {
      lines.push(`${indent}<${tag}>?</${tag}>`);
      return;
    }
    lines.push(`${indent}<${tag}>`);
    for (const grandchild of child.children) write(grandchild, depth + 1);
    lines.push(`${indent}</${tag}>`);
  };
  for (const child of content) write(child, 2);
  const declarations = [...prefixes].map(([ns, prefix]) => ` xmlns:${prefix}="${escapeAttr(ns)}"`).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NS[version]}"${declarations}>`,
    '  <soap:Header/>',
    '  <soap:Body>',
    ...lines,
    '  </soap:Body>',
    '</soap:Envelope>',
    '',
  ].join('\n');
}
