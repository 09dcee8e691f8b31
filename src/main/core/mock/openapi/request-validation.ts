/**
 * Request validation for an imported OpenAPI operation, said with the mock's own rules so the definition needs
 * no field of its own: the success response gets rules (a `schema` rule on a required JSON body, `exists`
 * rules on required query parameters and headers) and a 400 answers by default when they do not all hold —
 * the operation's documented 400 if it has one. Responses asked for with `Prefer: code=…` still win.
 */
import { z } from 'zod';
import type { MockRouteResponse, MockRule } from '../../../../shared/mock-definition';
import { isObject, toJsonSchema, type SpecVersion } from './json-schema';

/** The rules a request to `operation` must meet (path parameters are met by routing). */
export function requestRules(
  operation: Record<string, unknown>,
  pathItem: Record<string, unknown>,
  version: SpecVersion,
  where: string,
  warnings: string[],
): MockRule[] {
  const rules: MockRule[] = [];
  const parameters = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ].filter(isObject);
  let bodySchema: unknown;
  for (const parameter of parameters) {
    if (parameter.required !== true || typeof parameter.name !== 'string') continue;
    if (parameter.in === 'query') rules.push({ target: 'query', name: parameter.name, op: 'exists' });
    if (parameter.in === 'header') rules.push({ target: 'header', name: parameter.name.toLowerCase(), op: 'exists' });
    if (parameter.in === 'body') bodySchema = parameter.schema;
  }
  const requestBody = operation.requestBody;
  if (isObject(requestBody) && requestBody.required === true && isObject(requestBody.content)) {
    const json = Object.entries(requestBody.content).find(([type]) => /^application\/(.+\+)?json\b/i.test(type));
    if (json && isObject(json[1])) bodySchema = json[1].schema;
  }
  if (bodySchema !== undefined) {
    const schema = toJsonSchema(bodySchema, version);
    try {
      z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
      rules.push({ target: 'body', op: 'schema', value: schema });
    } catch (error) {
      warnings.push(`${where}: the request body schema cannot be checked (${(error as Error).message}); not validated`);
    }
  }
  return rules;
}

/**
 * The responses with validation: those asked for by `Prefer` first, then the success response under `rules`;
 * the documented 400 (or one made here, last) is the default.
 */
export function withValidation(responses: MockRouteResponse[], rules: MockRule[]): MockRouteResponse[] {
  if (rules.length === 0) return responses;
  const [success, ...others] = responses;
  const checked = { ...success, rules: [...(success!.rules ?? []), ...rules] };
  // the default is a flag, not a place: a documented 400 keeps its place among those asked for by Prefer
  const documented = others.findIndex((response) => response.status === 400);
  if (documented >= 0) {
    return [
      ...others.map((response, index) => (index === documented ? { ...response, default: true } : response)),
      checked,
    ];
  }
  const invalid: MockRouteResponse = {
    status: 400,
    default: true,
    headers: { 'content-type': 'application/json' },
    body: { error: 'The request does not match the API description (a required body, query value or header).' },
  };
  return [...others, checked, invalid];
}
