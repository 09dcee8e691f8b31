/**
 * A GraphQL endpoint's schema by introspection (issue 8 item 1): the standard introspection query POSTed through
 * the send path (so the request's auth, headers and variables apply), the answer built into a schema with the
 * `graphql` package and returned compactly for completion in the editor, with its SDL for validation.
 */
import {
  buildClientSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  printSchema,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { AppError } from '../../../../shared/errors';
import type { GraphqlSchemaInfo, GraphqlTypeInfo } from '../../../../shared/http-protocols';
import { fetchText, type FetchDeps, type FetchInput } from './fetch-through-send';

/** The request sent to learn the schema: the tab's request POSTing the introspection query. */
export function introspectionRequest(request: FetchInput['request']): FetchInput['request'] {
  return {
    ...request,
    method: 'POST',
    body: { type: 'graphql', query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' },
  };
}

/** Sends the introspection query as the tab's request would be sent and describes the schema it answers. */
export async function fetchGraphqlSchema(deps: FetchDeps, input: FetchInput): Promise<GraphqlSchemaInfo> {
  if (!input.request.url.trim()) {
    throw new AppError('INVALID_INPUT', 'Enter the GraphQL endpoint URL first; the schema is fetched from it.');
  }
  const { status, text } = await fetchText(deps, { ...input, request: introspectionRequest(input.request) }, 'schema');
  return describeIntrospection(text, status);
}

/** The introspection answer (`{ data: { __schema } }`) as a compact schema; a clear error when it is not one. */
export function describeIntrospection(text: string, status = 200): GraphqlSchemaInfo {
  let answer: { data?: IntrospectionQuery | null; errors?: { message?: string }[] };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      `The endpoint answered the introspection query with HTTP ${status} and a body that is not JSON; is the URL a GraphQL endpoint?`,
      { status, start: text.slice(0, 200) },
    );
  }
  if (!answer?.data?.__schema) {
    const reason = answer?.errors?.[0]?.message;
    throw new AppError(
      'INVALID_INPUT',
      reason
        ? `The endpoint refused the introspection query (HTTP ${status}): ${reason}`
        : `The endpoint's answer (HTTP ${status}) holds no schema (data.__schema); is introspection turned off?`,
      { status },
    );
  }
  let schema: GraphQLSchema;
  try {
    schema = buildClientSchema(answer.data);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The introspected schema is not valid: ${(error as Error).message}`, {
      status,
    });
  }
  return describeSchema(schema);
}

export function describeSchema(schema: GraphQLSchema): GraphqlSchemaInfo {
  const types: GraphqlTypeInfo[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).map(
        (field: GraphQLField<unknown, unknown> | GraphQLInputField) => ({
          name: field.name,
          type: String(field.type),
          args: 'args' in field ? field.args.map((arg) => ({ name: arg.name, type: String(arg.type) })) : [],
          description: field.description ?? null,
        }),
      );
      const kind = isObjectType(type) ? 'OBJECT' : isInterfaceType(type) ? 'INTERFACE' : 'INPUT_OBJECT';
      types.push({ name: type.name, kind, fields, members: [] });
    } else if (isEnumType(type)) {
      types.push({ name: type.name, kind: 'ENUM', fields: [], members: type.getValues().map((v) => v.name) });
    } else if (isUnionType(type)) {
      types.push({ name: type.name, kind: 'UNION', fields: [], members: type.getTypes().map((t) => t.name) });
    } else {
      types.push({ name: type.name, kind: 'SCALAR', fields: [], members: [] });
    }
  }
  return {
    queryType: schema.getQueryType()?.name ?? null,
    mutationType: schema.getMutationType()?.name ?? null,
    subscriptionType: schema.getSubscriptionType()?.name ?? null,
    types,
    sdl: printSchema(schema),
  };
}
