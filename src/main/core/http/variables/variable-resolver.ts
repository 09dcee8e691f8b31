/**
 * `{{name}}` resolution over scopes, narrowest last: global < collection < environment < runtime (variables
 * set by scripts during a run). A value may itself hold `{{other}}` (resolved in turn, cycles caught). A name no
 * scope defines is never replaced by an empty string: it is collected, and the request fails naming it.
 */
import { AppError } from '../../../../shared/errors';
import { dynamicValue } from './dynamic-values';

export const SCOPES = ['global', 'collection', 'environment', 'runtime'] as const;
export type VariableScope = (typeof SCOPES)[number];

export interface VariableLayer {
  scope: VariableScope;
  values: ReadonlyMap<string, string>;
}

/** `{{ name }}`: anything but braces, spaces around the name ignored. */
const TOKEN = /\{\{\s*([^{}]+?)\s*\}\}/g;
const MAX_DEPTH = 10;

export class VariableResolver {
  private readonly layers: VariableLayer[];

  constructor(
    layers: VariableLayer[],
    private readonly now: () => Date = () => new Date(),
  ) {
    // narrowest last, whatever order they came in (stable: of two layers of one scope the later wins)
    this.layers = ordered(layers) ? layers : [...layers].sort((a, b) => rank(a.scope) - rank(b.scope));
  }

  /** The value and the scope it came from (the narrowest that defines it). */
  lookup(name: string): { value: string; scope: VariableScope } | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      const value = layer.values.get(name);
      if (value !== undefined) return { value, scope: layer.scope };
    }
    return undefined;
  }

  /** Resolves every `{{…}}` in `text`; names that stay unresolved are added to `unresolved`. */
  resolve(text: string, unresolved: Set<string>): string {
    return this.expand(text, unresolved, []);
  }

  /** Resolves `text` or throws INVALID_INPUT naming every unresolved variable. */
  resolveStrict(text: string): string {
    const unresolved = new Set<string>();
    const out = this.resolve(text, unresolved);
    throwIfUnresolved(unresolved);
    return out;
  }

  private expand(text: string, unresolved: Set<string>, chain: string[]): string {
    if (!text.includes('{{')) return text;
    const parts = compile(text);
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 3) {
      out += this.token(parts[i]!, parts[i + 1]!, unresolved, chain) + parts[i + 2]!;
    }
    return out;
  }

  private token(whole: string, name: string, unresolved: Set<string>, chain: string[]): string {
    if (name.startsWith('$')) {
      const dynamic = dynamicValue(name, { now: this.now });
      if (dynamic !== undefined) return dynamic;
    }
    const found = this.lookup(name);
    if (found === undefined || chain.includes(name) || chain.length >= MAX_DEPTH) {
      unresolved.add(chain.includes(name) ? `${name} (refers to itself through ${chain.join(' → ')})` : name);
      return whole;
    }
    return this.expand(found.value, unresolved, [...chain, name]);
  }
}

const rank = (scope: VariableScope) => SCOPES.indexOf(scope);

function ordered(layers: readonly VariableLayer[]): boolean {
  for (let i = 1; i < layers.length; i++) if (rank(layers[i - 1]!.scope) > rank(layers[i]!.scope)) return false;
  return true;
}

/**
 * A text split at its `{{…}}` tokens: `[text, whole, name, text, whole, name, text…]`, kept per text (a run
 * resolves the same few texts for every request). The cache is dropped whole when it grows past its bound.
 */
const compiled = new Map<string, string[]>();
const MAX_COMPILED = 5000;

function compile(text: string): string[] {
  let parts = compiled.get(text);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    parts.push(text.slice(last, match.index), match[0], match[1]!);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(text, parts);
  return parts;
}

/** INVALID_INPUT listing the variables no scope defines (details.unresolved names them). */
export function throwIfUnresolved(unresolved: ReadonlySet<string>): void {
  if (unresolved.size === 0) return;
  const names = [...unresolved];
  const list = names.map((name) => `{{${name}}}`).join(', ');
  throw new AppError(
    'INVALID_INPUT',
    `${names.length === 1 ? 'This variable is' : 'These variables are'} not defined: ${list}. Define ${
      names.length === 1 ? 'it' : 'them'
    } in the environment, the collection or the globals.`,
    { unresolved: names },
  );
}

/** Enabled variables of a file as a map (a secret one without a value takes it from `secretValue`). */
export function layerOf(
  scope: VariableScope,
  variables: readonly { name: string; value?: string; secret?: boolean; enabled?: boolean }[] | undefined,
  secretValue: (name: string) => string | null = () => null,
): VariableLayer {
  const values = new Map<string, string>();
  for (const variable of variables ?? []) {
    if (variable.enabled === false) continue;
    // a secret's value comes with the variable when the reader filled it in, else from the store
    const value = variable.value ?? (variable.secret ? secretValue(variable.name) : null);
    if (value !== null) values.set(variable.name, value);
  }
  return { scope, values };
}
