import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { expect, test } from './fixtures';
import { readBody } from './support/read-body';
import { HttpGraphqlSoapPage } from './pages/http-graphql-soap.page';

const WSDL = readFileSync('src/main/core/http/soap/fixtures/order-service.wsdl', 'utf8');
const schema = buildSchema(`
  type Query { book(id: ID!): Book, books: [Book!]! }
  type Book { id: ID!, title: String!, author: String! }
`);
const books = [
  { id: '1', title: 'Dune', author: 'Frank Herbert' },
  { id: '2', title: 'Solaris', author: 'Stanisław Lem' },
];
const rootValue = { books: () => books, book: ({ id }: { id: string }) => books.find((b) => b.id === id) };

/** What the SOAP endpoint received, newest last. */
const soapSeen: { action: string; contentType: string; body: string }[] = [];
let server: Server;
let base: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      if (req.url === '/graphql') {
        const { query, variables, operationName } = JSON.parse(body) as {
          query: string;
          variables?: Record<string, unknown>;
          operationName?: string;
        };
        const result = await graphql({ schema, source: query, rootValue, variableValues: variables, operationName });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      } else if (req.url === '/orders?wsdl') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(WSDL.replace('http://localhost:8080/soap/orders', `${base}/soap/orders`));
      } else {
        const action = String(req.headers.soapaction ?? '');
        soapSeen.push({ action, contentType: req.headers['content-type'] ?? '', body });
        const id = /<ns1:orderId>(\d+)<\/ns1:orderId>/.exec(body)?.[1];
        const ok = action === '"http://example.com/orders/GetOrder"' && id;
        res.writeHead(ok ? 200 : 500, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(
          ok
            ? `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetOrderResponse><id>${id}</id><total>42.50</total></GetOrderResponse></soap:Body></soap:Envelope>`
            : '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault/></soap:Body></soap:Envelope>',
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('a GraphQL query: the schema fetched by introspection completes fields, and the answer shows', async ({
  app,
}, testInfo) => {
  const http = new HttpGraphqlSoapPage(app);
  await http.open();
  await http.newRequest();
  await http.method.selectOption('POST');
  await http.url.fill(`${base}/graphql`);
  await http.protocolBody('graphql');

  await http.fetchSchema.click();
  await expect(http.schemaStatus).toContainText('Schema: 2 types');

  await http.query.click();
  await http.query.pressSequentially('query All { books { ti');
  await expect(http.completions).toContainText('title');
  await app.screenshot({ path: testInfo.outputPath('graphql-completion.png') });
  await http.query.press('Tab');
  await expect(http.query).toContainText('query All { books { title');
  await http.query.pressSequentially(' isbn');
  await expect(http.problems).toContainText('Cannot query field "isbn" on type "Book"');
  for (let i = 0; i < 5; i++) await http.query.press('Backspace');
  await expect(http.problems).toHaveCount(0);
  await expect(http.operation.locator('option')).toHaveText(['The only one', 'All']);
  await app.screenshot({ path: testInfo.outputPath('graphql-body.png') });

  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  await expect(http.responseBody).toContainText('Solaris');
  await app.screenshot({ path: testInfo.outputPath('graphql-response.png') });
});

test('a SOAP call: a WSDL operation starts the envelope, and the XML answer shows', async ({ app }, testInfo) => {
  const http = new HttpGraphqlSoapPage(app);
  await http.open();
  await http.newRequest();
  await http.protocolBody('soap');
  await http.loadWsdl(`${base}/orders?wsdl`);
  await expect(http.soapOperation.locator('option')).toHaveCount(5);
  await http.soapOperation.selectOption({ label: 'GetOrder — OrderService.OrderSoap11Port (SOAP 1.1)' });
  await expect(http.soapAction).toHaveValue('http://example.com/orders/GetOrder');
  await expect(http.soapVersion).toHaveValue('1.1');
  await expect(http.url).toHaveValue(`${base}/soap/orders`);
  await expect(http.method).toHaveValue('POST');
  await expect(http.envelope).toHaveValue(/<ns1:orderId>\?<\/ns1:orderId>/);
  await expect(app.getByTestId('http-soap-picked')).toHaveText('GetOrder');
  const envelope = await http.envelope.inputValue();
  await http.envelope.fill(envelope.replace('>?<', '>7<'));
  await app.screenshot({ path: testInfo.outputPath('soap-body.png') });

  await http.send.click();
  await expect(http.status).toHaveText('200 OK');
  await expect(http.responseBody).toContainText('GetOrderResponse');
  await expect(http.responseBody).toContainText('42.50');
  expect(soapSeen.at(-1)).toMatchObject({
    action: '"http://example.com/orders/GetOrder"',
    contentType: 'text/xml; charset=utf-8',
  });
  expect(soapSeen.at(-1)!.body).toContain('<ns1:orderId>7</ns1:orderId>');
  await app.screenshot({ path: testInfo.outputPath('soap-response.png') });
});
