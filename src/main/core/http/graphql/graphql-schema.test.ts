import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, graphql } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../../shared/client';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createMemoryLogger } from '../../logging/logger';
import { createServices, type Services } from '../../services';
import { useTestServers } from '../testing/test-servers';
import { describeIntrospection } from './graphql-schema';

const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-hgql-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const schema = buildSchema(`
  type Query { book(id: ID!): Book, books(author: String): [Book!]! }
  type Mutation { addBook(title: String!, author: String!): Book! }
  type Book { id: ID!, title: String!, author: Author! }
  type Author { name: String!, born: Int }
  enum Genre { FICTION, HISTORY }
`);
const books = [{ id: '1', title: 'Dune', author: { name: 'Frank Herbert', born: 1920 } }];
const rootValue = {
  book: ({ id }: { id: string }) => books.find((b) => b.id === id) ?? null,
  books: () => books,
  addBook: ({ title, author }: { title: string; author: string }) => ({ id: '2', title, author: { name: author } }),
};

/** A GraphQL endpoint on 127.0.0.1 answering with `graphql`'s execution; it wants the bearer token `t0k`. */
async function graphqlServer() {
  return http((req, res, body) => {
    res.setHeader('content-type', 'application/json');
    if (req.headers.authorization !== 'Bearer t0k') {
      res.statusCode = 401;
      res.end(JSON.stringify({ errors: [{ message: 'missing token' }] }));
      return;
    }
    const { query, variables, operationName } = JSON.parse(body.toString('utf8')) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    void graphql({ schema, source: query, rootValue, variableValues: variables, operationName }).then((result) =>
      res.end(JSON.stringify(result)),
    );
  });
}

describe('http.graphqlSchema', () => {
  it('introspects an endpoint through the send path (auth and variables apply) and describes its types', async () => {
    const server = await graphqlServer();
    const { path: env } = await client.http.createEnvironment({ name: 'Hgql' });
    await client.http.saveEnvironment({
      path: env,
      environment: { name: 'Hgql', variables: [{ name: 'token', value: 't0k', secret: true }] },
    });
    const info = await client.http.graphqlSchema({
      request: {
        name: 'Books',
        method: 'GET',
        url: `${server.url}/graphql`,
        auth: { type: 'bearer', token: '{{token}}' },
        body: { type: 'graphql', query: '{ books { title } }' },
      },
      environment: env,
    });
    expect(server.received[0]!.method).toBe('POST');
    expect(info.queryType).toBe('Query');
    expect(info.mutationType).toBe('Mutation');
    const book = info.types.find((t) => t.name === 'Book')!;
    expect(book.fields.map((f) => [f.name, f.type])).toEqual([
      ['id', 'ID!'],
      ['title', 'String!'],
      ['author', 'Author!'],
    ]);
    const query = info.types.find((t) => t.name === 'Query')!;
    expect(query.fields[1]).toMatchObject({
      name: 'books',
      type: '[Book!]!',
      args: [{ name: 'author', type: 'String' }],
    });
    expect(info.types.find((t) => t.name === 'Genre')).toMatchObject({ kind: 'ENUM', members: ['FICTION', 'HISTORY'] });
    expect(info.types.some((t) => t.name.startsWith('__'))).toBe(false);
    expect(info.sdl).toContain('type Book {');
  });

  it('sends a query with variables and an operation name and gets the answer', async () => {
    const server = await graphqlServer();
    const response = await client.http.send({
      sendId: 'hgql-1',
      request: {
        name: 'Book',
        method: 'POST',
        url: server.url,
        auth: { type: 'bearer', token: 't0k' },
        body: {
          type: 'graphql',
          query: 'query One($id: ID!) { book(id: $id) { title author { name } } }\nquery All { books { id } }',
          variables: '{ "id": "1" }',
          operationName: 'One',
        },
      },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.data!)).toEqual({
      data: { book: { title: 'Dune', author: { name: 'Frank Herbert' } } },
    });
  });

  it('says why when the endpoint refuses introspection or is not GraphQL', async () => {
    const server = await graphqlServer();
    await expect(
      client.http.graphqlSchema({ request: { name: 'No auth', method: 'POST', url: server.url } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('missing token') });
    const html = await http((_req, res) => res.end('<html>hello</html>'));
    await expect(
      client.http.graphqlSchema({ request: { name: 'Page', method: 'POST', url: html.url } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not JSON') });
    await expect(
      client.http.graphqlSchema({ request: { name: 'Blank', method: 'POST', url: ' ' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('endpoint URL') });
    expect(() => describeIntrospection('{"data":null}')).toThrow(/holds no schema/);
  });
});
