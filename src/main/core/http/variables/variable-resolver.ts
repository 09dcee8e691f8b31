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
    // narrowest last, whatever order they came in
    this.layers = [...layers].sort((a, b) => SCOPES.indexOf(a.scope) - SCOPES.indexOf(b.scope));
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
    return text.replace(TOKEN, (whole, rawName: string) => {
      const name = rawName;
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
    });
  }
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
