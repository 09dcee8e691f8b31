/**
 * The XML Schema declarations a WSDL's `types` hold, enough to start an envelope: global elements and named
 * complex types, each with the child elements of its sequence/all/choice (and of an extended base type).
 */
import { childrenNamed, firstChild, resolveQName, type XmlElement } from './xml-tree';

export const XSD = 'http://www.w3.org/2001/XMLSchema';

/** One child element a starter envelope writes. */
export interface SchemaChild {
  /** `{ns}local`; ns is '' for an unqualified local element. */
  name: string;
  /** Its own children (empty for a simple value). */
  children: SchemaChild[];
  /** maxOccurs above 1: the envelope marks it repeatable. */
  repeated: boolean;
}

interface Declaration {
  node: XmlElement;
  /** The declaring schema's targetNamespace and elementFormDefault. */
  targetNamespace: string;
  qualified: boolean;
}

const MAX_DEPTH = 6;

export class SchemaIndex {
  private readonly elements = new Map<string, Declaration>();
  private readonly types = new Map<string, Declaration>();

  constructor(schemas: XmlElement[]) {
    for (const schema of schemas) {
      const targetNamespace = schema.attrs.targetNamespace ?? '';
      const qualified = schema.attrs.elementFormDefault === 'qualified';
      for (const node of schema.children) {
        if (node.ns !== XSD || !node.attrs.name) continue;
        const key = `{${targetNamespace}}${node.attrs.name}`;
        const declaration = { node, targetNamespace, qualified };
        if (node.local === 'element') this.elements.set(key, declaration);
        else if (node.local === 'complexType' || node.local === 'simpleType') this.types.set(key, declaration);
      }
    }
  }

  hasElement(name: string): boolean {
    return this.elements.has(name);
  }

  /** The children of global element `name` (`{ns}local`), or of named type `type`. */
  childrenOfElement(name: string): SchemaChild[] {
    const declaration = this.elements.get(name);
    return declaration ? this.contentOf(declaration.node, declaration, new Set([name]), 0) : [];
  }

  childrenOfType(type: string): SchemaChild[] {
    const declaration = this.types.get(type);
    return declaration ? this.typeContent(declaration, new Set([type]), 0) : [];
  }

  /** An element declaration's children: its inline complexType, or the named type it points at. */
  private contentOf(node: XmlElement, at: Declaration, seen: Set<string>, depth: number): SchemaChild[] {
    if (depth >= MAX_DEPTH) return [];
    const inline = firstChild(node, XSD, 'complexType');
    if (inline) return this.typeContent({ ...at, node: inline }, seen, depth);
    const type = resolveQName(node, node.attrs.type);
    if (!type || seen.has(type)) return [];
    const declaration = this.types.get(type);
    return declaration ? this.typeContent(declaration, new Set([...seen, type]), depth) : [];
  }

  private typeContent(at: Declaration, seen: Set<string>, depth: number): SchemaChild[] {
    const { node } = at;
    if (node.local !== 'complexType') return [];
    const out: SchemaChild[] = [];
    const complex = firstChild(node, XSD, 'complexContent');
    const extension = complex && (firstChild(complex, XSD, 'extension') ?? firstChild(complex, XSD, 'restriction'));
    let body = node;
    if (extension) {
      const base = resolveQName(extension, extension.attrs.base);
      const declaration = base && !seen.has(base) ? this.types.get(base) : undefined;
      if (declaration && base) out.push(...this.typeContent(declaration, new Set([...seen, base]), depth));
      body = extension;
    }
    for (const group of ['sequence', 'all', 'choice']) {
      for (const particle of childrenNamed(body, XSD, group)) out.push(...this.particles(particle, at, seen, depth));
    }
    return out;
  }

  private particles(group: XmlElement, at: Declaration, seen: Set<string>, depth: number): SchemaChild[] {
    const out: SchemaChild[] = [];
    for (const node of group.children) {
      if (node.ns !== XSD) continue;
      if (node.local === 'sequence' || node.local === 'choice') {
        out.push(...this.particles(node, at, seen, depth));
      } else if (node.local === 'element') {
        const repeated = node.attrs.maxOccurs !== undefined && node.attrs.maxOccurs !== '1';
        const ref = resolveQName(node, node.attrs.ref);
        if (ref) {
          const declaration = this.elements.get(ref);
          const children =
            declaration && !seen.has(ref)
              ? this.contentOf(declaration.node, declaration, new Set([...seen, ref]), depth + 1)
              : [];
          out.push({ name: ref, children, repeated });
        } else if (node.attrs.name) {
          const qualified = node.attrs.form ? node.attrs.form === 'qualified' : at.qualified;
          const name = `{${qualified ? at.targetNamespace : ''}}${node.attrs.name}`;
          out.push({ name, children: this.contentOf(node, at, seen, depth + 1), repeated });
        }
      }
    }
    return out;
  }
}
