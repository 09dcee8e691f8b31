import { describe, expect, it } from 'vitest';
import { createSchemaValidator, toJsonSchema } from './json-schema';
import { createSchemaSampler } from './sample-schema';

describe('toJsonSchema', () => {
  const validator = createSchemaValidator();

  it('reads OpenAPI 3.0 nullable and boolean exclusive bounds as JSON Schema', () => {
    const schema = toJsonSchema(
      {
        type: 'object',
        required: ['n'],
        properties: { n: { type: 'integer', minimum: 0, exclusiveMinimum: true, nullable: true } },
      },
      '3.0',
    );
    expect(validator.check(schema, { n: null })).toBeNull();
    expect(validator.check(schema, { n: 1 })).toBeNull();
    expect(validator.check(schema, { n: 0 })).toContain('/n must be > 0');
    expect(validator.check(schema, {})).toContain("must have required property 'n'");
  });

  it('turns a cycle into $defs so ajv can compile it', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } };
    (node.properties as Record<string, unknown>).next = node;
    const schema = toJsonSchema(node, '3.1');
    expect(validator.check(schema, { id: 1, next: { id: 2, next: { id: 3 } } })).toBeNull();
    expect(validator.check(schema, { id: 1, next: { id: 2, next: {} } })).toContain('/next/next');
  });

  it('checks formats (email, date-time, uuid)', () => {
    const schema = toJsonSchema({ type: 'string', format: 'email' }, '3.0');
    expect(validator.check(schema, 'a@b.example')).toBeNull();
    expect(validator.check(schema, 'not mail')).toContain('must match format "email"');
  });
});

describe('createSchemaSampler', () => {
  it('makes values that meet bounds, formats, patterns and oneOf', () => {
    const sampler = createSchemaSampler('3.0');
    const cases: unknown[] = [
      { type: 'number', minimum: 2.5, maximum: 3, multipleOf: 0.25 },
      { type: 'integer', maximum: -4 },
      { type: 'string', minLength: 12, format: 'uuid' },
      { type: 'string', minLength: 3, maxLength: 3, pattern: '^[0-9]+$' },
      { type: 'array', items: { type: 'string', enum: ['x', 'y'] }, minItems: 2 },
      {
        oneOf: [
          { type: 'string', maxLength: 2 },
          { type: 'string', minLength: 3 },
        ],
      },
      { type: 'string', format: 'date-time', nullable: true },
    ];
    for (const schema of cases) expect(sampler.sample(schema).problem, JSON.stringify(schema)).toBeNull();
    expect(sampler.sample(cases[0]).value).toBe(2.5);
    expect(sampler.sample(cases[3]).value).toBe('123');
  });

  it('reports a value it cannot make valid instead of hiding it', () => {
    const sample = createSchemaSampler('3.1').sample({ type: 'string', pattern: '^[xyz]{4}@$' });
    expect(sample.problem).toContain('must match pattern');
  });
});
