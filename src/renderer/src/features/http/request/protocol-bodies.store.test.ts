import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequestFile } from '../../../../../shared/http-request';
import { startCoreClient, type CoreClient } from '../../../stores/testing/core-client';
import { createProtocolBodiesStore, selectProtocolTab } from './protocol-bodies.store';

// a GraphQL server answering introspection is in the core's graphql-schema.test.ts and the e2e spec
const WSDL = `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:tns="urn:hello" targetNamespace="urn:hello">
  <message name="HelloIn"><part name="name" type="xsd:string"/></message>
  <portType name="HelloPort"><operation name="Hello"><input message="tns:HelloIn"/></operation></portType>
  <binding name="HelloBinding" type="tns:HelloPort">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Hello"><soap:operation soapAction="urn:hello#Hello"/></operation>
  </binding>
  <service name="HelloService">
    <port name="HelloSoap" binding="tns:HelloBinding"><soap:address location="http://127.0.0.1:9/hello"/></port>
  </service>
</definitions>`;

let core: CoreClient;
beforeAll(async () => {
  core = await startCoreClient();
}, 60_000);
afterAll(async () => {
  await core.close();
});

function makeStore(request: HttpRequestFile) {
  return createProtocolBodiesStore({
    client: core.client,
    tabRequest: (tabId) => (tabId === 't1' ? { request, path: null, environment: null } : undefined),
  });
}

describe('the GraphQL/SOAP body store', () => {
  it('keeps a failed schema fetch as an error with its code, per tab', async () => {
    const store = makeStore({ name: 'Q', method: 'POST', url: 'http://127.0.0.1:1/graphql' });
    const pending = store.getState().fetchSchema('t1');
    expect(selectProtocolTab(store.getState(), 't1').schemaLoading).toBe(true);
    expect(await pending).toBe(false);
    expect(selectProtocolTab(store.getState(), 't1')).toMatchObject({ schema: null, schemaLoading: false });
    expect(selectProtocolTab(store.getState(), 't1').schemaError?.code).toBe('CONNECTION_REFUSED');
    expect(selectProtocolTab(store.getState(), 't2').schemaError).toBeNull();
    expect(await store.getState().fetchSchema('gone')).toBe(false);
  });

  it('reads WSDL text into operations, and names what is wrong with bad text', async () => {
    const store = makeStore({ name: 'S', method: 'POST', url: '' });
    expect(await store.getState().loadWsdl('t1', { text: WSDL })).toBe(true);
    const port = selectProtocolTab(store.getState(), 't1').wsdl?.services[0]?.ports[0];
    expect(port).toMatchObject({ name: 'HelloSoap', version: '1.1', address: 'http://127.0.0.1:9/hello' });
    expect(port?.operations[0]).toMatchObject({ name: 'Hello', soapAction: 'urn:hello#Hello', style: 'rpc' });
    expect(await store.getState().loadWsdl('t1', { text: '<definitions>' })).toBe(false);
    const tab = selectProtocolTab(store.getState(), 't1');
    expect(tab.wsdlError?.message).toMatch(/not well-formed XML/);
    // the operations read before stay listed
    expect(tab.wsdl?.services).toHaveLength(1);
  });
});
