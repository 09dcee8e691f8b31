/** `{{variables}}` in the request editor (issue 8): where they are in a text and what each resolves to. */
import type { z } from 'zod';
import type { ResolvedVariable as ResolvedVariableSchema } from '../../../shared/contract/http.contract';

/** One variable the request sees (`http.variables`): its value and the scope it comes from. */
export type ResolvedVariable = z.infer<typeof ResolvedVariableSchema>;

/** A run of text, or one `{{name}}` (`variable` is the name, trimmed as the core reads it). */
export interface TemplatePiece {
  text: string;
  variable: string | null;
}

// the core's token (variable-resolver.ts): `{{ name }}`, no braces inside
const TOKEN = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The text cut into plain runs and `{{name}}` tokens, in order; joined back they give the text again. */
export function splitTemplate(text: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let at = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index), variable: null });
    pieces.push({ text: match[0], variable: match[1]! });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), variable: null });
  return pieces;
}

/** The dynamic values the core computes at each send (dynamic-values.ts). */
export const DYNAMIC_VARIABLES: Readonly<Record<string, string>> = {
  $uuid: 'a new UUID at each send',
  $guid: 'a new UUID at each send',
  $randomUUID: 'a new UUID at each send',
  $timestamp: 'the Unix time in seconds at the send',
  $isoTimestamp: 'the ISO 8601 time at the send',
  $randomInt: 'a random whole number 0–1000 at each send',
};

export type VariableLookup =
  | { kind: 'resolved'; value: string; scope: ResolvedVariable['scope']; secret: boolean }
  | { kind: 'dynamic'; description: string }
  | { kind: 'unresolved' };

/** What `{{name}}` stands for, from the variables the request sees (`http.variables`); null while not read. */
export function lookupVariable(name: string, variables: readonly ResolvedVariable[] | null): VariableLookup | null {
  if (Object.hasOwn(DYNAMIC_VARIABLES, name)) return { kind: 'dynamic', description: DYNAMIC_VARIABLES[name]! };
  if (!variables) return null;
  const found = variables.find((v) => v.name === name);
  return found
    ? { kind: 'resolved', value: found.value, scope: found.scope, secret: found.secret }
    : { kind: 'unresolved' };
}

/** The hover text of a variable: `value — from the environment`, or why it is not there. */
export function describeLookup(name: string, lookup: VariableLookup | null): string {
  if (!lookup) return `{{${name}}}: reading the variables…`;
  switch (lookup.kind) {
    case 'dynamic':
      return `{{${name}}}: ${lookup.description}`;
    case 'unresolved':
      return `{{${name}}} is not defined in any scope: the send will fail until a global, collection or environment variable gives it a value`;
    case 'resolved':
      return `{{${name}}} = ${lookup.secret ? '•••••• (secret)' : JSON.stringify(lookup.value)} — ${lookup.scope} scope`;
  }
}
