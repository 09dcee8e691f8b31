import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestBody } from '../../../../shared/http-request';
import { outgoing, useSender } from '../testing/sender-fixture';
import { useTestServers } from '../testing/test-servers';

const { http, tempDir } = useTestServers();
const makeSender = useSender(tempDir);

async function echo() {
  return http((_req, res) => res.end('ok'));
}

async function post(body: RequestBody, headers: { name: string; value: string }[] = []) {
  const server = await echo();
  const { sender } = await makeSender();
  const response = await sender.send(
    outgoing(`${server.url}/in`, { method: 'POST', body, headers, baseDir: tempDir() }),
  );
  expect(response.status).toBe(200);
  return server.received[0]!;
}

describe('request bodies, as the server receives them', () => {
  it('json, text and xml with their content types; a Content-Type the user set wins', async () => {
    const json = await post({ type: 'json', text: '{"a":1}' });
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.body.toString()).toBe('{"a":1}');
    expect(json.headers['content-length']).toBe('7');

    const text = await post({ type: 'text', text: 'héllo' });
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body.toString('utf8')).toBe('héllo');

    const xml = await post({ type: 'xml', text: '<a/>' }, [{ name: 'content-type', value: 'text/xml' }]);
    expect(xml.headers['content-type']).toBe('text/xml');
    expect(xml.rawHeaders.filter((name) => name.toLowerCase() === 'content-type')).toHaveLength(1);
  });

  it('form-urlencoded, disabled fields left out', async () => {
    const got = await post({
      type: 'form',
      fields: [
        { name: 'q', value: 'a b&c' },
        { name: 'off', value: 'x', enabled: false },
        { name: 'q', value: 'é' },
      ],
    });
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got.body.toString()).toBe('q=a+b%26c&q=%C3%A9');
  });

  it('multipart with text parts and a file', async () => {
    const file = join(tempDir(), 'photo.bin');
    writeFileSync(file, Buffer.from([0, 1, 2, 255]));
    const got = await post({
      type: 'multipart',
      parts: [
        { name: 'title', value: 'A photo' },
        { name: 'meta', value: '{"x":1}', contentType: 'application/json' },
        { name: 'photo', file: 'photo.bin', contentType: 'image/png' },
        { name: 'skipped', value: 'no', enabled: false },
      ],
    });
    const contentType = String(got.headers['content-type']);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(got.body), { headers: { 'content-type': contentType } }).formData();
    expect(form.get('title')).toBe('A photo');
    expect(form.has('skipped')).toBe(false);
    const meta = form.get('meta') as File;
    expect(meta.type).toBe('application/json');
    expect(await meta.text()).toBe('{"x":1}');
    const photo = form.get('photo') as File;
    expect(photo.name).toBe('photo.bin');
    expect(photo.type).toBe('image/png');
    expect([...new Uint8Array(await photo.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('a binary file, streamed with its length', async () => {
    const file = join(tempDir(), 'blob.dat');
    const bytes = Buffer.alloc(300_000, 7);
    writeFileSync(file, bytes);
    const got = await post({ type: 'binary', file, contentType: 'application/x-thing' });
    expect(got.headers['content-type']).toBe('application/x-thing');
    expect(got.headers['content-length']).toBe('300000');
    expect(got.body.equals(bytes)).toBe(true);
  });

  it('a missing body file fails before anything is sent', async () => {
    const server = await echo();
    const { sender } = await makeSender();
    const request = outgoing(server.url, {
      method: 'PUT',
      body: { type: 'binary', file: 'nope.bin' },
      baseDir: tempDir(),
    });
    await expect(sender.send(request)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(server.received).toHaveLength(0);
  });

  it('keeps body files inside the workspace: relative, absolute and symlinked paths leading out are refused', async () => {
    const root = join(tempDir(), 'ws');
    mkdirSync(join(root, 'api/users'), { recursive: true });
    mkdirSync(join(root, 'fixtures'), { recursive: true });
    writeFileSync(join(root, 'fixtures/in.txt'), 'inside');
    const outside = join(tempDir(), 'outside.txt');
    writeFileSync(outside, 'outside');
    symlinkSync(tempDir(), join(root, 'api/link'));
    const server = await echo();
    const { sender } = await makeSender();
    const send = (file: string) =>
      sender.send(
        outgoing(server.url, {
          method: 'PUT',
          body: { type: 'binary', file },
          baseDir: join(root, 'api/users'),
          filesRoot: root,
        }),
      );
    await send('../../fixtures/in.txt');
    expect(server.received[0]!.body.toString()).toBe('inside');
    await expect(send('../../../outside.txt')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(send('../link/outside.txt')).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await expect(send(outside)).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    await send(join(root, 'fixtures/in.txt'));
    expect(server.received[1]!.body.toString()).toBe('inside');
    expect(server.received).toHaveLength(2);
  });

  it('graphql as { query, variables, operationName }; bad variables JSON is refused', async () => {
    const got = await post({
      type: 'graphql',
      query: 'query Q($id: ID!) { user(id: $id) { name } }',
      variables: '{ "id": "7" }',
      operationName: 'Q',
    });
    expect(got.headers['content-type']).toBe('application/json');
    expect(JSON.parse(got.body.toString())).toEqual({
      query: 'query Q($id: ID!) { user(id: $id) { name } }',
      variables: { id: '7' },
      operationName: 'Q',
    });
    const { sender } = await makeSender();
    await expect(
      sender.send(
        outgoing('http://127.0.0.1:9/', { method: 'POST', body: { type: 'graphql', query: '{a}', variables: '{' } }),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('SOAP 1.1 with a quoted SOAPAction header, SOAP 1.2 with the action parameter', async () => {
    const envelope =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>';
    const v11 = await post({ type: 'soap', text: envelope, action: 'urn:GetPrice' });
    expect(v11.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(v11.headers.soapaction).toBe('"urn:GetPrice"');
    expect(v11.body.toString()).toBe(envelope);
    const v12 = await post({ type: 'soap', text: envelope, action: 'urn:GetPrice', version: '1.2' });
    expect(v12.headers['content-type']).toBe('application/soap+xml; charset=utf-8; action="urn:GetPrice"');
    expect(v12.headers.soapaction).toBeUndefined();
  });
});

describe('auth, as the server receives it', () => {
  it('basic, bearer, API key in a header and in the query', async () => {
    const server = await echo();
    const { sender } = await makeSender();
    await sender.send(outgoing(server.url, { auth: { type: 'basic', username: 'ada', password: 'pä:ss' } }));
    const basic = String(server.received[0]!.headers.authorization);
    expect(basic.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(basic.slice(6), 'base64').toString('utf8')).toBe('ada:pä:ss');

    await sender.send(outgoing(server.url, { auth: { type: 'bearer', token: 'tok-1' } }));
    expect(server.received[1]!.headers.authorization).toBe('Bearer tok-1');

    await sender.send(outgoing(server.url, { auth: { type: 'apikey', name: 'X-Api-Key', value: 'k1', in: 'header' } }));
    expect(server.received[2]!.headers['x-api-key']).toBe('k1');

    await sender.send(
      outgoing(`${server.url}/p?a=1`, { auth: { type: 'apikey', name: 'api key', value: 'k&2', in: 'query' } }),
    );
    expect(server.received[3]!.url).toBe('/p?a=1&api+key=k%262');
    expect(server.received[3]!.headers['api key']).toBeUndefined();
  });

  it('a scheme the sender was not given (OAuth 2.0 without a token store) says so by name', async () => {
    const { sender } = await makeSender();
    await expect(
      sender.send(
        outgoing('http://127.0.0.1:9/', {
          auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'http://127.0.0.1:9/token', clientId: 'c' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'NOT_SUPPORTED', message: expect.stringContaining('OAuth 2.0') });
  });
});
