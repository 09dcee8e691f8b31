import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { loadMockFile, parseMockYaml, saveMockFile, stringifyMock } from './mock-file';

// written as stringifyMock writes: keys in their fixed order, header names sorted
const CANONICAL = `name: Shop API
port: 3001
host: 127.0.0.1
prefix: /api
cors: true
latency:
  min: 10
  max: 50
routes:
  - method: GET
    path: /products/:id
    responseMode: first
    responses:
      - status: 200
        rulesOperator: OR
        rules:
          - target: param
            name: id
            op: regex
            value: ^\\d+$
          - target: header
            name: x-admin
            op: exists
        latency: 20
        headers:
          content-type: application/json
          x-shop: "1"
        body:
          id: 1
          name: Lamp
          tags:
            - home
            - light
      - status: 404
        default: true
        body: not found
  - method: "*"
    path: /files/*
    responses:
      - fault:
          type: error
          rate: 0.1
          status: 503
        bodyFile: files/readme.txt
  - method: POST
    path: /orders
    responseMode: sequential
    responses:
      - status: 201
        rules:
          - target: body
            path: items[0].qty
            op: schema
            value:
              type: integer
              minimum: 1
        body: |-
          {"created": true}
          second line
      - status: 409
resources:
  - path: /items
    connection: Sample database
    schema: main
    table: order items
    readOnly: true
`;

describe('mock files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bb-mockfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes back exactly the text it read (stable key order, nothing added)', () => {
    const definition = parseMockYaml(CANONICAL, 'shop.yaml');
    expect(definition.host).toBe('127.0.0.1');
    expect(definition.routes[0]!.responses[0]!.body).toEqual({ id: 1, name: 'Lamp', tags: ['home', 'light'] });
    expect(stringifyMock(definition)).toBe(CANONICAL);
  });

  it('keeps caseSensitive, templating and not in place when writing back', () => {
    const text = `name: Loose
port: 0
caseSensitive: false
routes:
  - method: GET
    path: /a
    responses:
      - rules:
          - target: header
            name: x-kind
            not: true
            op: equals
            value: a
          - target: body
            path: tags
            op: includes
            value: b
        bodyFile: a.txt
        templating: false
`;
    const definition = parseMockYaml(text, 'loose.yaml');
    expect(definition.caseSensitive).toBe(false);
    expect(stringifyMock(definition)).toBe(text);
    expect(() =>
      parseMockYaml(
        'name: x\nport: 0\nroutes: [{ method: GET, path: /, responses: [{ rules: [{ target: body, op: includes }] }] }]',
        'i.yaml',
      ),
    ).toThrow('i.yaml: routes[0].responses[0].rules[0].value: an includes rule needs a value');
  });

  it('puts keys in the fixed order whatever order the file used, and adds no defaults', () => {
    const shuffled = `routes:
  - responses:
      - body: hi
        headers: { x-b: "2", X-A: "1" }
        status: 201
    path: /hello
    method: GET
port: 0
name: Shuffled
`;
    expect(stringifyMock(parseMockYaml(shuffled, 'shuffled.yaml'))).toBe(`name: Shuffled
port: 0
routes:
  - method: GET
    path: /hello
    responses:
      - status: 201
        headers:
          X-A: "1"
          x-b: "2"
        body: hi
`);
  });

  it('checks resources: one path segment, a connection and a table', () => {
    const bad = `name: R
port: 0
routes: []
resources:
  - path: /items/:id
    connection: ''
    table: items
`;
    expect(() => parseMockYaml(bad, 'r.yaml')).toThrow(/r\.yaml: resources\[0\]\.path: expected one path segment/);
    expect(() => parseMockYaml(bad.replace('/items/:id', '/items'), 'r.yaml')).toThrow(
      /resources\[0\]\.connection: must not be empty/,
    );
  });

  it('saves atomically and loads what it saved', async () => {
    const file = join(dir, 'shop.yaml');
    await saveMockFile(file, parseMockYaml(CANONICAL, 'shop.yaml'));
    expect(readFileSync(file, 'utf8')).toBe(CANONICAL);
    expect(readdirSync(dir)).toEqual(['shop.yaml']);
    expect(stringifyMock(await loadMockFile(file))).toBe(CANONICAL);
  });

  it.each([
    [
      'a status out of range',
      'name: x\nport: 1\nroutes:\n  - { method: GET, path: /a, responses: [{}] }\n  - { method: GET, path: /b, responses: [{}] }\n  - { method: GET, path: /c, responses: [{ status: 700 }] }',
      'shop.yaml: routes[2].responses[0].status: expected an integer 100–599',
    ],
    ['a missing name', 'port: 1\nroutes: []', 'shop.yaml: name: is required'],
    ['an unknown field', 'name: x\nport: 1\nroutse: []\nroutes: []', 'shop.yaml: routse: unknown field'],
    ['a bad port', 'name: x\nport: 70000\nroutes: []', 'shop.yaml: port: expected a port number 0–65535'],
    [
      'an unknown method',
      'name: x\nport: 1\nroutes: [{ method: get, path: /a, responses: [{}] }]',
      'shop.yaml: routes[0].method: expected an HTTP method in upper case (GET, POST…) or *',
    ],
    [
      'a route without responses',
      'name: x\nport: 1\nroutes: [{ method: GET, path: /a, responses: [] }]',
      'shop.yaml: routes[0].responses: a route needs at least one response',
    ],
    [
      'a header rule without a name',
      'name: x\nport: 1\nroutes: [{ method: GET, path: /a, responses: [{ rules: [{ target: header, op: exists }] }] }]',
      "shop.yaml: routes[0].responses[0].rules[0].name: a header rule needs the header's name",
    ],
    [
      'a regex that does not compile',
      'name: x\nport: 1\nroutes: [{ method: GET, path: /a, responses: [{ rules: [{ target: query, name: q, op: regex, value: "(" }] }] }]',
      'shop.yaml: routes[0].responses[0].rules[0].value: not a valid regex',
    ],
    [
      'two defaults',
      'name: x\nport: 1\nroutes: [{ method: GET, path: /a, responses: [{ default: true }, { default: true }] }]',
      'shop.yaml: routes[0].responses[1].default: only one response may be the default (responses[0] already is)',
    ],
    [
      'body and bodyFile together',
      'name: x\nport: 1\nroutes: [{ method: GET, path: /a, responses: [{ body: x, bodyFile: a.json }] }]',
      'shop.yaml: routes[0].responses[0].bodyFile: give body or bodyFile, not both',
    ],
    [
      'a latency range upside down',
      'name: x\nport: 1\nlatency: { min: 50, max: 10 }\nroutes: []',
      'shop.yaml: latency.max: min must not be greater than max',
    ],
    [
      'a fault rate over 1',
      'name: x\nport: 1\nroutes: [{ method: GET, path: /a, responses: [{ fault: { type: drop, rate: 2 } }] }]',
      'shop.yaml: routes[0].responses[0].fault.rate: expected a rate from 0 to 1',
    ],
    ['YAML that does not parse', 'name: x\nport: [1\nroutes: []', 'shop.yaml: line'],
    ['a duplicate key', 'name: x\nname: y\nport: 1\nroutes: []', 'shop.yaml: line 2'],
    ['not a mapping', '- a\n- b', 'shop.yaml: expected a mapping with name, port and routes'],
  ])('names the file and the field for %s', (_what, text, message) => {
    let thrown: unknown;
    try {
      parseMockYaml(text, 'shop.yaml');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('INVALID_INPUT');
    expect((thrown as AppError).message).toContain(message);
    expect((thrown as AppError).details).toMatchObject({ file: 'shop.yaml' });
  });

  it('says a missing file is missing, naming it', async () => {
    await expect(loadMockFile(join(dir, 'none.yaml'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: 'none.yaml: no such file',
    });
  });

  it('lists every problem in details and the first three in the message', () => {
    try {
      parseMockYaml('name: ""\nport: -1\nhost: ""\nprefix: api/\nroutes: 3', 'many.yaml');
      expect.unreachable();
    } catch (error) {
      const appError = error as AppError;
      expect((appError.details!.issues as unknown[]).length).toBe(5);
      expect(appError.message).toMatch(
        /^many\.yaml: name: must not be empty; port: .*; host: must not be empty \(and 2 more\)$/,
      );
    }
  });
});
