import { buildSchema, graphqlSync, getIntrospectionQuery, buildClientSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GraphqlSchemaInfo } from '../../../../../shared/http-protocols';
import { operationsIn, queryProblems, typeAtCursor } from './graphql-query';

const sdl = `
  type Query { book(id: ID!): Book, books: [Book!]! }
  type Mutation { addBook(title: String!): Book! }
  type Book { id: ID!, title: String!, author: Author! }
  type Author { name: String! }
`;
// the compact shape the core returns, written out for the types the cursor tests walk
const schema: GraphqlSchemaInfo = {
  queryType: 'Query',
  mutationType: 'Mutation',
  subscriptionType: null,
  sdl,
  types: [
    { name: 'Query', kind: 'OBJECT', members: [], fields: [f('book', 'Book'), f('books', '[Book!]!')] },
    { name: 'Mutation', kind: 'OBJECT', members: [], fields: [f('addBook', 'Book!')] },
    {
      name: 'Book',
      kind: 'OBJECT',
      members: [],
      fields: [f('id', 'ID!'), f('title', 'String!'), f('author', 'Author!')],
    },
    { name: 'Author', kind: 'OBJECT', members: [], fields: [f('name', 'String!')] },
  ],
};
function f(name: string, type: string) {
  return { name, type, args: [], description: null };
}
const at = (query: string) => typeAtCursor(query.replace('|', ''), query.indexOf('|'), schema);

describe('the GraphQL query helpers', () => {
  it('lists the operations a query defines', () => {
    expect(
      operationsIn('query One { books { id } }\nmutation Add { addBook(title: "x") { id } }\n{ books { id } }'),
    ).toEqual([
      { kind: 'query', name: 'One' },
      { kind: 'mutation', name: 'Add' },
      { kind: 'query', name: null },
    ]);
    expect(operationsIn('query {')).toEqual([]);
  });

  it('finds the type of the selection set at the cursor by following the braces', () => {
    expect(at('{ |').type?.name).toBe('Query');
    expect(at('query Q { books { |').type?.name).toBe('Book');
    expect(at('query Q($id: ID!) { book(id: $id) { author { n| } } }').type?.name).toBe('Author');
    expect(at('{ books { id } bo| }').type?.name).toBe('Query');
    expect(at('mutation { addBook(title: "{ not a brace") { ti| } }').type?.name).toBe('Book');
    expect(at('fragment F on Author { | }').type?.name).toBe('Author');
    expect(at('{ books { ... on Author { | } } }').type?.name).toBe('Author');
    expect(at('{ book(id: |').where).toBe('arguments');
    expect(at('query Q |').where).toBe('top');
    expect(at('{ books { id } }\n|').where).toBe('top');
    expect(at('{ nope { |').type).toBeNull();
  });

  it('reports syntax errors and problems against the schema, with their position', () => {
    expect(queryProblems('', schema)).toEqual([]);
    expect(queryProblems('{ books { id }', null)[0]).toMatch(/^1:15 Syntax Error/);
    expect(queryProblems('{ books { isbn } }', schema)[0]).toMatch(/^1:11 Cannot query field "isbn" on type "Book"/);
    expect(queryProblems('{ books { id } }', schema)).toEqual([]);
  });

  it('validates against a schema the way the core describes it (SDL from an introspection)', () => {
    const result = graphqlSync({ schema: buildSchema(sdl), source: getIntrospectionQuery() });
    const printed = printSchema(buildClientSchema(result.data as never));
    expect(queryProblems('{ book(id: 1) { title } }', { ...schema, sdl: printed })).toEqual([]);
  });
});
