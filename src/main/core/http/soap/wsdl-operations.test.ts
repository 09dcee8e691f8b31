import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../../../shared/client';
import { createMemoryTransport } from '../../../../shared/transport-memory';
import { createMemoryLogger } from '../../logging/logger';
import { createServices, type Services } from '../../services';
import { useTestServers } from '../testing/test-servers';
import { parseWsdl } from './wsdl-operations';

const WSDL_TEXT = readFileSync(join(import.meta.dirname, 'fixtures/order-service.wsdl'), 'utf8');
const { http } = useTestServers();
let dir: string;
let services: Services;
let client: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bb-hgql-soap-'));
  services = await createServices({ host: 'test', dataDir: dir, createSample: false, logger: createMemoryLogger([]) });
  client = createClient(createMemoryTransport(services.dispatch));
});
afterEach(async () => {
  await services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('parseWsdl', () => {
  it('lists the SOAP 1.1 and 1.2 ports with their operations, actions and input parts', () => {
    const info = parseWsdl(WSDL_TEXT);
    expect(info.targetNamespace).toBe('http://example.com/orders');
    expect(info.warnings).toEqual(['The binding OrderHttpBinding is not a SOAP binding and is left out.']);
    const [service] = info.services;
    expect(service!.name).toBe('OrderService');
    expect(service!.ports.map((p) => [p.name, p.binding, p.version, p.address])).toEqual([
      ['OrderSoap11Port', 'OrderSoap11Binding', '1.1', 'http://localhost:8080/soap/orders'],
      ['OrderSoap12Port', 'OrderSoap12Binding', '1.2', 'http://localhost:8080/soap12/orders'],
    ]);
    const getOrder = service!.ports[0]!.operations[0]!;
    expect(getOrder).toMatchObject({
      name: 'GetOrder',
      soapAction: 'http://example.com/orders/GetOrder',
      style: 'document',
      documentation: 'One order by its id, with its customer and lines.',
      input: [{ name: 'parameters', element: '{http://example.com/orders/types}GetOrder', type: null }],
    });
  });

  it('starts each envelope with the input elements, nested types and extensions included', () => {
    const [soap11, soap12] = parseWsdl(WSDL_TEXT).services[0]!.ports;
    const place = soap11!.operations.find((op) => op.name === 'PlaceOrder')!.envelope;
    expect(place).toContain('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"');
    expect(place).toContain('xmlns:ns1="http://example.com/orders/types"');
    expect(place).toMatch(/<ns1:PlaceOrder>\s+<ns1:customer>\s+<ns1:name>\?<\/ns1:name>/);
    expect(place).toMatch(/<ns1:address>\s+<ns1:street>\?<\/ns1:street>/);
    expect(place).toMatch(/<!-- repeatable -->\s+<ns1:line>\s+<ns1:sku>\?<\/ns1:sku>\s+<ns1:quantity>/);
    const get12 = soap12!.operations[0]!.envelope;
    expect(get12).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
    expect(get12).toMatch(/<ns1:GetOrder>\s+<ns1:orderId>\?<\/ns1:orderId>\s+<\/ns1:GetOrder>/);
    // well-formed XML a parser reads back
    expect(new XMLParser().parse(place)).toHaveProperty(['soap:Envelope', 'soap:Body', 'ns1:PlaceOrder']);
  });

  it('writes an rpc operation as a wrapper named after it, one child per part', () => {
    const rpc = WSDL_TEXT.replace('<soap:binding style="document"', '<soap:binding style="rpc"')
      .replace('<wsdl:input><soap:body use="literal"/>', '<wsdl:input><soap:body use="literal" namespace="urn:rpc"/>')
      .replace('element="types:GetOrder"', 'type="xsd:int"');
    const op = parseWsdl(rpc).services[0]!.ports[0]!.operations[0]!;
    expect(op.style).toBe('rpc');
    expect(op.envelope).toMatch(/<ns1:GetOrder>\s+<parameters>\?<\/parameters>\s+<\/ns1:GetOrder>/);
    expect(op.envelope).toContain('xmlns:ns1="urn:rpc"');
  });

  it('names what is wrong with a document that is not a usable WSDL', () => {
    expect(() => parseWsdl('<definitions><oops></definitions>')).toThrow(/not well-formed XML \(line 1, column/);
    expect(() => parseWsdl('<html><body/></html>')).toThrow(/root element is <html>/);
    expect(() => parseWsdl('<description xmlns="http://www.w3.org/ns/wsdl"/>')).toThrow(/WSDL 2.0/);
    expect(() => parseWsdl('<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"/>')).toThrow(/no service/);
  });
});

describe('http.wsdlOperations and a SOAP send', () => {
  it('fetches a WSDL with the tab auth, picks an operation and sends its envelope to a SOAP server', async () => {
    const server = await http((req, res, body) => {
      if (req.method === 'GET' && req.url === '/orders?wsdl') {
        if (req.headers.authorization !== 'Bearer w5dl') {
          res.statusCode = 401;
          res.end();
          return;
        }
        res.setHeader('content-type', 'text/xml');
        res.end(WSDL_TEXT);
        return;
      }
      const text = body.toString('utf8');
      const action = req.headers.soapaction;
      const ok = action === '"http://example.com/orders/GetOrder"' && /<ns1:orderId>7<\/ns1:orderId>/.test(text);
      res.statusCode = ok ? 200 : 500;
      res.setHeader('content-type', 'text/xml; charset=utf-8');
      res.end(
        ok
          ? '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetOrderResponse><id>7</id></GetOrderResponse></soap:Body></soap:Envelope>'
          : `<fault>${String(action)}</fault>`,
      );
    });
    const tab = { name: 'Orders', method: 'POST', url: '', auth: { type: 'bearer' as const, token: 'w5dl' } };
    await expect(client.http.wsdlOperations({ url: `${server.url}/orders?wsdl` })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('HTTP 401'),
    });
    const info = await client.http.wsdlOperations({ url: `${server.url}/orders?wsdl`, request: tab });
    const op = info.services[0]!.ports[0]!.operations[0]!;

    const response = await client.http.send({
      sendId: 'hgql-soap',
      request: {
        ...tab,
        url: `${server.url}/soap/orders`,
        body: { type: 'soap', version: '1.1', action: op.soapAction, text: op.envelope.replace('>?<', '>7<') },
      },
    });
    expect(response.body.data).toContain('<id>7</id>');
    expect(response.status).toBe(200);
    const sent = server.received.at(-1)!;
    expect(sent.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(sent.body.toString('utf8')).toContain(
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"',
    );

    // the same operation on the SOAP 1.2 port: the action travels in the content type
    const op12 = info.services[0]!.ports[1]!.operations[0]!;
    await client.http.send({
      sendId: 'hgql-soap12',
      request: {
        ...tab,
        url: `${server.url}/soap12/orders`,
        body: { type: 'soap', version: '1.2', action: op12.soapAction, text: op12.envelope.replace('>?<', '>7<') },
      },
    });
    const sent12 = server.received.at(-1)!;
    expect(sent12.headers['content-type']).toBe(
      'application/soap+xml; charset=utf-8; action="http://example.com/orders/GetOrder"',
    );
    expect(sent12.headers.soapaction).toBeUndefined();
    expect(sent12.body.toString('utf8')).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
  });

  it('parses WSDL text given directly and refuses input with both or neither source', async () => {
    const info = await client.http.wsdlOperations({ text: WSDL_TEXT });
    expect(info.services[0]!.ports).toHaveLength(2);
    await expect(client.http.wsdlOperations({})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.http.wsdlOperations({ text: WSDL_TEXT, url: 'http://x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
