/**
 * What the GraphQL body editor reads from a query: its operations (for the operation-name picker), its problems
 * (syntax, and against the introspected schema when there is one) and, at the cursor, the type whose fields
 * complete there — found by following the braces from the operation's root type, an approximation that needs no
 * complete parse, so it works while the query is half typed.
 */
import { buildSchema, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import type { GraphqlSchemaInfo, GraphqlTypeInfo } from '../../../../../shared/http-protocols';

export interface QueryOperation {
  kind: 'query' | 'mutation' | 'subscription';
  /** null for an anonymous operation. */
  name: string | null;
}

/** The operations a query defines, in order; empty when it does not parse. */
export function operationsIn(query: string): QueryOperation[] {
  try {
    return parse(query).definitions.flatMap((definition) =>
      definition.kind === 'OperationDefinition'
        ? [{ kind: definition.operation as QueryOperation['kind'], name: definition.name?.value ?? null }]
        : [],
    );
  } catch {
    return [];
  }
}

const built = new WeakMap<GraphqlSchemaInfo, GraphQLSchema | null>();
function schemaOf(info: GraphqlSchemaInfo): GraphQLSchema | null {
  if (!built.has(info)) {
    try {
      built.set(info, buildSchema(info.sdl));
    } catch {
      built.set(info, null);
    }
  }
  return built.get(info) ?? null;
}

/** The query's first problems as `line:column message`; empty when it is blank or valid. */
export function queryProblems(query: string, schema: GraphqlSchemaInfo | null): string[] {
  if (!query.trim()) return [];
  const where = (error: GraphQLError) => {
    const at = error.locations?.[0];
    return at ? `${at.line}:${at.column} ${error.message}` : error.message;
  };
  let document;
  try {
    document = parse(query);
  } catch (error) {
    return error instanceof GraphQLError ? [where(error)] : [String(error)];
  }
  const built = schema && schemaOf(schema);
  return built ? validate(built, document).slice(0, 3).map(where) : [];
}

// comments, strings (block strings too, possibly unterminated), names, spreads and the punctuation that matters
const TOKEN = /#[^\n]*|"""[\s\S]*?(?:"""|$)|"(?:\\.|[^"\\\n])*"?|[A-Za-z_]\w*|\.\.\.|[{}()]/g;

/** `[Book!]!` → `Book`. */
export const namedType = (type: string): string => type.replace(/[[\]!]/g, '');

type Frame = { type: string | null };

/**
 * Where `offset` is — at the top level (between definitions), in an argument list, or in a selection set — and
 * for a selection set the type whose fields go there (null when the path leads nowhere known).
 */
export function typeAtCursor(
  query: string,
  offset: number,
  schema: GraphqlSchemaInfo,
): { type: GraphqlTypeInfo | null; where: 'top' | 'arguments' | 'selection' } {
  const types = new Map(schema.types.map((t) => [t.name, t]));
  const fieldType = (parent: string | null, field: string) => {
    const found = parent ? types.get(parent)?.fields.find((f) => f.name === field) : undefined;
    return found ? namedType(found.type) : null;
  };
  const stack: Frame[] = [];
  let parens = 0;
  // since the last `}` at the top level: the definition's keyword and the type after `on`
  let keyword: string | null = null;
  let last: string | null = null;
  let afterOn = false;
  let onType: string | null = null;
  for (const match of query.slice(0, offset).matchAll(TOKEN)) {
    const token = match[0];
    if (token.startsWith('#') || token.startsWith('"')) continue;
    if (token === '(') parens++;
    else if (token === ')') parens = Math.max(0, parens - 1);
    if (parens > 0 || token === ')' || token === '(') continue;
    if (token === '{') {
      if (stack.length === 0) {
        const root =
          keyword === 'fragment'
            ? onType
            : keyword === 'mutation'
              ? schema.mutationType
              : keyword === 'subscription'
                ? schema.subscriptionType
                : schema.queryType;
        stack.push({ type: root });
      } else if (onType) {
        stack.push({ type: onType });
      } else {
        stack.push({ type: last ? fieldType(stack.at(-1)!.type, last) : null });
      }
      last = null;
      onType = null;
      afterOn = false;
    } else if (token === '}') {
      stack.pop();
      last = null;
      onType = null;
      if (stack.length === 0) keyword = null;
    } else if (token === '...') {
      last = null;
    } else if (afterOn) {
      onType = token;
      afterOn = false;
    } else if (token === 'on') {
      afterOn = true;
    } else {
      if (stack.length === 0 && keyword === null) keyword = token;
      last = token;
      onType = null;
    }
  }
  const frame = stack.at(-1);
  if (parens > 0) return { type: null, where: 'arguments' };
  if (!frame) return { type: null, where: 'top' };
  return { type: frame.type ? (types.get(frame.type) ?? null) : null, where: 'selection' };
}
