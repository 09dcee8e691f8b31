/**
 * OpenAPI schemas as JSON Schema 2020-12, and an ajv validator for them. OpenAPI 3.1 schemas already are JSON
 * Schema; Swagger 2 and OpenAPI 3.0 use a dialect of draft 4 (`nullable`, `x-nullable`, boolean
 * `exclusiveMinimum`, `example`) that is rewritten here so one ajv (2020) checks all three. Schemas are expected
 * dereferenced (`@readme/openapi-parser`'s `dereference`): cycles are object cycles, cut as `$defs`.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export type JsonSchema = Record<string, unknown>;
export type SpecVersion = '2.0' | '3.0' | '3.1';

const MAX_DEPTH = 40;
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON Schema 2020-12 form of an OpenAPI schema of `version` (a new object; the input is not changed). A
 * cycle of the dereferenced input (a `User` whose `manager` is a `User`) becomes a `$ref` into the result's
 * `$defs`, so ajv gets a tree.
 */
export function toJsonSchema(schema: unknown, version: SpecVersion): JsonSchema {
  const state: ConvertState = { version, done: new Map(), active: new Set(), cycles: new Map() };
  const root = convert(schema, state, 0);
  if (state.cycles.size === 0) return root;
  const defs: JsonSchema = {};
  for (const [source, name] of state.cycles) defs[name] = state.done.get(source) ?? {};
  if (isObject(schema) && state.cycles.has(schema)) return { $ref: `#/$defs/${state.cycles.get(schema)}`, $defs: defs };
  return { ...root, $defs: { ...(isObject(root.$defs) ? root.$defs : {}), ...defs } };
}

interface ConvertState {
  version: SpecVersion;
  /** Converted objects by source: a schema used twice is converted once. */
  done: Map<object, JsonSchema>;
  /** The sources being converted (the path from the root): meeting one again is a cycle. */
  active: Set<object>;
  cycles: Map<object, string>;
}

function convert(schema: unknown, state: ConvertState, depth: number): JsonSchema {
  if (!isObject(schema) || depth > MAX_DEPTH) return {};
  const known = state.done.get(schema);
  if (known) return known;
  if (state.active.has(schema)) {
    let name = state.cycles.get(schema);
    if (name === undefined) {
      name = `cycle${state.cycles.size}`;
      state.cycles.set(schema, name);
    }
    return { $ref: `#/$defs/${name}` };
  }
  state.active.add(schema);
  const sub = (value: unknown) => convert(value, state, depth + 1);
  const out = state.version === '3.1' ? convert31(schema, sub) : convert30(schema, sub);
  state.active.delete(schema);
  state.done.set(schema, out);
  return out;
}

function convert31(schema: Record<string, unknown>, sub: (value: unknown) => JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    // a $ref left in place (an external one the dereference kept) accepts anything here
    if (key === '$ref' || key === 'example' || key === 'discriminator' || key === 'xml' || key === 'externalDocs')
      continue;
    if (key.startsWith('x-')) continue;
    out[key] = mapSubschemas(key, value, sub);
  }
  return out;
}

function convert30(schema: Record<string, unknown>, sub: (value: unknown) => JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case '$ref':
      case 'nullable':
      case 'x-nullable':
      case 'example':
      case 'discriminator':
      case 'readOnly':
      case 'writeOnly':
      case 'xml':
      case 'externalDocs':
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        // draft 4: a boolean that makes minimum/maximum exclusive
        const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (value === true && typeof schema[bound] === 'number') out[key] = schema[bound];
        else if (typeof value === 'number') out[key] = value;
        break;
      }
      case 'minimum':
      case 'maximum': {
        const exclusive = key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
        if (schema[exclusive] !== true) out[key] = value;
        break;
      }
      default:
        if (key.startsWith('x-')) break;
        out[key] = mapSubschemas(key, value, sub);
    }
  }
  if (schema.nullable === true || schema['x-nullable'] === true) return nullable(out);
  return out;
}

/** The schema that also accepts null: a `null` type added, an enum given null. */
function nullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  else if (Array.isArray(schema.type) && !schema.type.includes('null')) schema.type = [...schema.type, 'null'];
  else if (schema.type === undefined) return { anyOf: [{ type: 'null' }, schema] };
  return schema;
}

function mapSubschemas(key: string, value: unknown, map: (schema: unknown) => JsonSchema): unknown {
  switch (key) {
    case 'properties':
    case 'patternProperties':
    case '$defs':
    case 'definitions':
    case 'dependentSchemas':
      return isObject(value) ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, map(sub)])) : value;
    case 'items':
      return Array.isArray(value) ? value.map(map) : map(value);
    case 'prefixItems':
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
      return Array.isArray(value) ? value.map(map) : value;
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'unevaluatedItems':
    case 'not':
    case 'if':
    case 'then':
    case 'else':
    case 'contains':
    case 'propertyNames':
      return typeof value === 'boolean' ? value : map(value);
    default:
      return value;
  }
}

export interface SchemaValidator {
  /** Null when `value` is valid, else the first problems as text (`/items/0/id must be integer`). */
  check(schema: JsonSchema, value: unknown): string | null;
}

/** An ajv (JSON Schema 2020-12, with formats) that caches each compiled schema by identity. */
export function createSchemaValidator(): SchemaValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  const compiled = new WeakMap<JsonSchema, ReturnType<typeof ajv.compile>>();
  return {
    check(schema, value) {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(schema);
        compiled.set(schema, validate);
      }
      if (validate(value)) return null;
      return (validate.errors ?? [])
        .slice(0, 3)
        .map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is not valid'}`)
        .join('; ');
    },
  };
}
