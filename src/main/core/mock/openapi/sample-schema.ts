/**
 * A response body made from an OpenAPI schema (dereferenced): the schema's own example, const, enum or default
 * where it has one, else a plain value of its type that meets its bounds and format. Each result is checked
 * with ajv against the schema: `oneOf`/`anyOf` branches are tried in turn until one gives a valid value, and a
 * value that still fails (a `pattern` no simple text meets) is returned with the problem, for a warning.
 */
import { createSchemaValidator, isObject, toJsonSchema, type SchemaValidator, type SpecVersion } from './json-schema';

/** Below this nesting only required properties and no more than the minimum of items are made. */
const FULL_DEPTH = 4;
const MAX_DEPTH = 12;

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '12:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/',
  'uri-reference': '/example',
  iri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  byte: 'U3dhZ2dlcg==',
  binary: 'binary',
  password: 'secret',
  regex: '^.*$',
  'json-pointer': '/a',
};
const PATTERN_CANDIDATES = ['string', 'a', 'A', '0', 'abc', 'ABC', '123', 'a1', 'A1', 'abc-123', 'a_b', ''];

export interface SchemaSample {
  value: unknown;
  /** Why the value does not validate against the schema (null: it does). */
  problem: string | null;
}

export interface SchemaSampler {
  sample(schema: unknown): SchemaSample;
}

/** A sampler for one spec version, sharing one ajv for its checks. */
export function createSchemaSampler(version: SpecVersion, validator = createSchemaValidator()): SchemaSampler {
  const converted = new WeakMap<object, Record<string, unknown>>();
  const jsonSchemaOf = (schema: Record<string, unknown>) => {
    let json = converted.get(schema);
    if (!json) {
      json = toJsonSchema(schema, version);
      converted.set(schema, json);
    }
    return json;
  };
  // the schemas being made (the path from the root): an optional property that leads back to one is left out
  const active = new Set<object>();
  const check = (schema: Record<string, unknown>, value: unknown) =>
    checkSafely(validator, jsonSchemaOf(schema), value);

  function generate(schema: unknown, depth: number): unknown {
    if (!isObject(schema) || typeof schema.$ref === 'string' || depth > MAX_DEPTH) return {};
    active.add(schema);
    try {
      return generateOnce(schema, depth);
    } finally {
      active.delete(schema);
    }
  }

  function generateOnce(schema: Record<string, unknown>, depth: number): unknown {
    const own = ownExample(schema, version);
    if (own.found) return structuredClone(own.value);
    if (depth > FULL_DEPTH && isNullable(schema, version)) return null;
    if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
      return generate(mergeAllOf(schema), depth);
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const branches = schema[key];
      if (!Array.isArray(branches) || branches.length === 0) continue;
      const { [key]: _branches, ...rest } = schema;
      let first: unknown;
      for (const [index, branch] of branches.entries()) {
        const candidate = generate(mergeAllOf({ ...rest, allOf: [branch] }), depth + 1);
        if (index === 0) first = candidate;
        if (check(schema, candidate) === null) return candidate;
      }
      return first;
    }
    switch (typeOf(schema)) {
      case 'object':
        return sampleObject(schema, depth);
      case 'array':
        return sampleArray(schema, depth);
      case 'integer':
        return sampleNumber(schema, version, true);
      case 'number':
        return sampleNumber(schema, version, false);
      case 'boolean':
        return true;
      case 'null':
        return null;
      default:
        return sampleString(schema);
    }
  }

  function sampleObject(schema: Record<string, unknown>, depth: number): Record<string, unknown> {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const result: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      const wanted = required.has(name) || depth < FULL_DEPTH;
      // a body never holds writeOnly fields, and an optional cycle is left out rather than faked
      const skip =
        isObject(property) &&
        (property.writeOnly === true || typeof property.$ref === 'string' || active.has(property));
      if (wanted && (!skip || required.has(name))) result[name] = generate(property, depth + 1);
    }
    for (const name of required) {
      if (!(name in result))
        result[name] = isObject(schema.additionalProperties)
          ? generate(schema.additionalProperties, depth + 1)
          : 'string';
    }
    return result;
  }

  function sampleArray(schema: Record<string, unknown>, depth: number): unknown[] {
    const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
    const wanted = depth < FULL_DEPTH && schema.uniqueItems !== true ? Math.max(min, 1) : min;
    const count = Math.min(wanted, max);
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    const items: unknown[] = [];
    for (let index = 0; index < Math.max(count, prefix.length); index++) {
      const itemSchema = index < prefix.length ? prefix[index] : schema.items;
      items.push(generate(itemSchema, depth + 1));
    }
    return items;
  }

  return {
    sample(schema) {
      const value = generate(schema, 0);
      return { value, problem: isObject(schema) ? check(schema, value) : null };
    },
  };
}

function checkSafely(validator: SchemaValidator, schema: Record<string, unknown>, value: unknown): string | null {
  try {
    return validator.check(schema, value);
  } catch (error) {
    return `the schema cannot be checked: ${(error as Error).message}`;
  }
}

function ownExample(schema: Record<string, unknown>, version: SpecVersion): { found: boolean; value?: unknown } {
  if (schema.const !== undefined) return { found: true, value: schema.const };
  if (version === '3.1' && Array.isArray(schema.examples) && schema.examples.length > 0) {
    return { found: true, value: schema.examples[0] };
  }
  if (schema.example !== undefined) return { found: true, value: schema.example };
  if (schema.default !== undefined) return { found: true, value: schema.default };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return { found: true, value: schema.enum.find((item) => item !== null) ?? schema.enum[0] };
  }
  return { found: false };
}

function isNullable(schema: Record<string, unknown>, version: SpecVersion): boolean {
  if (version === '3.1') return Array.isArray(schema.type) && schema.type.includes('null');
  return schema.nullable === true || schema['x-nullable'] === true;
}

function typeOf(schema: Record<string, unknown>): string {
  const type = Array.isArray(schema.type) ? (schema.type.find((one) => one !== 'null') ?? 'null') : schema.type;
  if (typeof type === 'string') return type;
  if (isObject(schema.properties) || schema.additionalProperties !== undefined || Array.isArray(schema.required)) {
    return 'object';
  }
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return 'string';
}

/** One schema from `allOf` and the keys beside it: properties and required lists joined, other keys overlaid. */
function mergeAllOf(schema: Record<string, unknown>): Record<string, unknown> {
  const { allOf, ...base } = schema;
  let merged: Record<string, unknown> = { ...base };
  for (const part of Array.isArray(allOf) ? allOf : []) {
    if (!isObject(part)) continue;
    const flat = Array.isArray(part.allOf) ? mergeAllOf(part) : part;
    merged = {
      ...flat,
      ...merged,
      properties: {
        ...(isObject(flat.properties) ? flat.properties : {}),
        ...(isObject(merged.properties) ? merged.properties : {}),
      },
      required: [
        ...new Set([
          ...(Array.isArray(flat.required) ? flat.required : []),
          ...(Array.isArray(merged.required) ? merged.required : []),
        ]),
      ],
    };
  }
  if (Object.keys(merged.properties as object).length === 0 && !isObject(base.properties)) delete merged.properties;
  if ((merged.required as unknown[]).length === 0 && !Array.isArray(base.required)) delete merged.required;
  return merged;
}

function sampleNumber(schema: Record<string, unknown>, version: SpecVersion, integer: boolean): number {
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : 0;
  let low = -Infinity;
  let lowExclusive = false;
  let high = Infinity;
  let highExclusive = false;
  if (typeof schema.minimum === 'number') low = schema.minimum;
  if (typeof schema.maximum === 'number') high = schema.maximum;
  if (version !== '3.1' && schema.exclusiveMinimum === true) lowExclusive = true;
  if (version !== '3.1' && schema.exclusiveMaximum === true) highExclusive = true;
  if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= low) {
    low = schema.exclusiveMinimum;
    lowExclusive = true;
  }
  if (typeof schema.exclusiveMaximum === 'number' && schema.exclusiveMaximum <= high) {
    high = schema.exclusiveMaximum;
    highExclusive = true;
  }
  let value = low === -Infinity ? (high === Infinity || high > 1 ? 1 : high - 1) : low;
  if (lowExclusive && value === low) value = low + (step || 0.5);
  if (step > 0) value = Math.ceil(value / step) * step;
  if (step > 0 && lowExclusive && value <= low) value += step;
  if (value > high || (highExclusive && value >= high)) value = step > 0 ? Math.floor(high / step) * step : high;
  if (highExclusive && value >= high) value -= step || 0.5;
  return integer ? Math.round(value) : value;
}

function sampleString(schema: Record<string, unknown>): string {
  const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (format !== undefined) return format;
  let candidates = ['string'];
  if (typeof schema.pattern === 'string') {
    try {
      const pattern = new RegExp(schema.pattern, 'u');
      const fitting = PATTERN_CANDIDATES.filter((text) => pattern.test(text));
      if (fitting.length > 0) candidates = fitting;
    } catch {
      // a pattern JavaScript cannot read: the check reports it
    }
  }
  let text = candidates.find((one) => one.length >= min && one.length <= max) ?? candidates[0]!;
  if (text.length < min) text = text.padEnd(min, text.at(-1) ?? 'a');
  if (text.length > max) text = text.slice(0, max);
  return text;
}
