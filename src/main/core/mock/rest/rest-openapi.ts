import type { RestResource } from './rest-resource';
import type { RestColumn } from './rest-values';

type Schema = Record<string, unknown>;

const INTEGER_TEXT = { type: 'string', pattern: '^-?\\d+$', description: 'an integer past ±(2^53−1), as its digits' };
const NUMBER_TEXT = { type: 'string', pattern: '^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$' };

/**
 * The schema that also takes null. OpenAPI 3.0's `nullable` applies to a schema with a `type` only, so in an
 * `anyOf` it is set on each typed member; an empty schema takes null already.
 */
function orNull(schema: Schema): Schema {
  if (Array.isArray(schema.anyOf)) {
    return { ...schema, anyOf: (schema.anyOf as Schema[]).map((m) => ('type' in m ? { ...m, nullable: true } : m)) };
  }
  return 'type' in schema ? { ...schema, nullable: true } : schema;
}

/** A column's value as rows carry it (docs/values.md) — what GET answers. */
function readSchema(column: RestColumn): Schema {
  const type = column.dataType ?? 'any';
  let schema: Schema;
  switch (column.kind) {
    case 'integer':
      schema = { anyOf: [{ type: 'integer' }, INTEGER_TEXT] };
      break;
    case 'real':
      schema = { anyOf: [{ type: 'number' }, { type: 'string', enum: ['NaN', 'Infinity', '-Infinity'] }] };
      break;
    case 'decimal':
      schema = { anyOf: [{ type: 'number' }, { ...NUMBER_TEXT, description: 'the exact decimal, as text' }] };
      break;
    case 'boolean':
      schema = { type: 'boolean' };
      break;
    case 'date':
      schema = { type: 'string', format: 'date' };
      break;
    case 'time':
    case 'timestamp':
    case 'text':
      schema = { type: 'string' };
      break;
    case 'json':
      schema = { type: 'string', description: 'the JSON document as its exact text' };
      break;
    case 'blob':
      schema = {
        type: 'object',
        required: ['$blob', 'size', 'truncated'],
        properties: {
          $blob: { type: 'string', format: 'byte' },
          size: { type: 'integer' },
          truncated: { type: 'boolean' },
        },
      };
      break;
    case 'any':
      schema = {};
      break;
  }
  return {
    ...(column.nullable ? orNull(schema) : schema),
    description: `${type}${schema.description ? ` — ${String(schema.description)}` : ''}`,
  };
}

/** A column's value as a body may give it (rest-values.ts bodyValue). */
function writeSchema(column: RestColumn): Schema {
  let schema: Schema;
  switch (column.kind) {
    case 'integer':
      schema = { anyOf: [{ type: 'integer' }, INTEGER_TEXT] };
      break;
    case 'real':
    case 'decimal':
      schema = { anyOf: [{ type: 'number' }, NUMBER_TEXT] };
      break;
    case 'boolean':
      schema = { type: 'boolean' };
      break;
    case 'date':
      schema = { type: 'string', format: 'date' };
      break;
    case 'time':
    case 'timestamp':
    case 'text':
      schema = { type: 'string' };
      break;
    case 'json':
      schema = { description: 'a JSON document, or its text' };
      break;
    case 'blob':
      schema = {
        anyOf: [
          { type: 'string', format: 'byte' },
          { type: 'object', required: ['$base64'], properties: { $base64: { type: 'string', format: 'byte' } } },
        ],
      };
      break;
    case 'any':
      schema = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] };
      break;
  }
  return column.nullable ? orNull(schema) : schema;
}

const componentName = (resource: RestResource) => resource.name.replace(/[^A-Za-z0-9._-]/g, '_');
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

function rowSchema(resource: RestResource): Schema {
  const properties: Record<string, Schema> = {};
  for (const c of resource.table.columns) properties[c.name] = readSchema(c);
  if (resource.table.key.kind === 'rowid') {
    properties[resource.table.key.field] = { type: 'integer', description: 'the SQLite rowid: the id in item paths' };
  }
  return { type: 'object', properties };
}

function inputSchema(resource: RestResource, create: boolean): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const c of resource.table.columns) {
    if (c.generated) continue;
    properties[c.name] = writeSchema(c);
    if (create && !c.nullable && c.defaultSql === null && !c.autoIncrement) required.push(c.name);
  }
  return { type: 'object', additionalProperties: false, properties, ...(required.length > 0 ? { required } : {}) };
}

function collectionParameters(resource: RestResource): Schema[] {
  const filters = resource.table.columns
    .filter((c) => c.kind !== 'json' && c.kind !== 'blob')
    .map((c) => ({
      name: c.name,
      in: 'query',
      description: `Rows whose ${c.name} equals the value; given more than once, equals any of them.`,
      style: 'form',
      explode: true,
      schema: { type: 'array', items: { type: 'string' } },
    }));
  return [
    ...filters,
    {
      name: '_sort',
      in: 'query',
      description: 'Fields to sort by, comma-separated; -field sorts descending.',
      schema: { type: 'string' },
    },
    { name: '_order', in: 'query', description: 'asc or desc, one per _sort field.', schema: { type: 'string' } },
    { name: '_page', in: 'query', description: 'The page, from 1.', schema: { type: 'integer', minimum: 1 } },
    {
      name: '_limit',
      in: 'query',
      description: `Rows per page (default ${resource.limits.defaultLimit}).`,
      schema: { type: 'integer', minimum: 1, maximum: resource.limits.maxLimit },
    },
  ];
}

/** The paths of one resource: the collection, and the item routes where rows have a one-value id. */
function resourcePaths(resource: RestResource): Record<string, Schema> {
  const name = componentName(resource);
  const writable = resource.table.writable;
  const collection: Schema = {
    get: {
      operationId: `list_${name}`,
      summary: `List ${resource.name}`,
      parameters: collectionParameters(resource),
      responses: {
        200: {
          description: 'One page of rows.',
          headers: { 'X-Total-Count': { description: 'Rows matching the filters.', schema: { type: 'integer' } } },
          content: json({ type: 'array', items: ref(name) }),
        },
        400: errorResponse('A filter, sort or paging parameter is wrong (the error names it).'),
      },
    },
  };
  if (writable) {
    collection.post = {
      operationId: `create_${name}`,
      summary: `Create a ${resource.name} row`,
      requestBody: { required: true, content: json(ref(`${name}_create`)) },
      responses: {
        201: {
          description: 'The row as stored.',
          headers: { Location: { description: 'Where the new row is.', schema: { type: 'string' } } },
          content: json(ref(name)),
        },
        400: errorResponse('The body does not fit the columns (the error names the field).'),
        415: errorResponse('The body is not sent as application/json.'),
        409: errorResponse('The database refused the row (a unique or foreign key constraint).'),
      },
    };
  }
  const paths: Record<string, Schema> = { [resource.path]: collection };
  if (!resource.hasItems) return paths;
  const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const item: Schema = {
    parameters: [idParameter],
    get: {
      operationId: `read_${name}`,
      summary: `Read one ${resource.name} row`,
      responses: { 200: { description: 'The row.', content: json(ref(name)) }, 404: errorResponse('No such row.') },
    },
  };
  if (writable) {
    const change = (op: 'replace' | 'update', schema: string) => ({
      operationId: `${op}_${name}`,
      summary: op === 'replace' ? 'Replace the row (columns left out take their default)' : 'Change the given fields',
      requestBody: { required: true, content: json(ref(schema)) },
      responses: {
        200: { description: 'The row as stored.', content: json(ref(name)) },
        400: errorResponse('The body does not fit the columns (the error names the field).'),
        404: errorResponse('No such row.'),
        415: errorResponse('The body is not sent as application/json.'),
        409: errorResponse('The database refused the change.'),
      },
    });
    item.put = change('replace', `${name}_create`);
    item.patch = change('update', `${name}_update`);
    item.delete = {
      operationId: `delete_${name}`,
      summary: `Delete the row`,
      responses: { 204: { description: 'Deleted.' }, 404: errorResponse('No such row.') },
    };
  }
  paths[`${resource.path}/{id}`] = item;
  return paths;
}

/** An OpenAPI 3.0 document of the served resources, their columns' types as schemas. */
export function openApiDocument(
  resources: readonly RestResource[],
  options: { title: string; serverUrl?: string },
): Schema {
  const schemas: Record<string, Schema> = {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['status', 'message'],
          properties: { status: { type: 'integer' }, message: { type: 'string' }, field: { type: 'string' } },
        },
      },
    },
  };
  let paths: Record<string, Schema> = {};
  for (const resource of resources) {
    const name = componentName(resource);
    schemas[name] = rowSchema(resource);
    if (resource.table.writable) {
      schemas[`${name}_create`] = inputSchema(resource, true);
      schemas[`${name}_update`] = inputSchema(resource, false);
    }
    paths = { ...paths, ...resourcePaths(resource) };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: options.title,
      version: '1.0.0',
      description: 'REST resources over database tables, served by Backbench.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: { schemas },
  };
}
