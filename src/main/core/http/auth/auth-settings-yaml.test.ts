import { describe, expect, it } from 'vitest';
import { parseRequestYaml, stringifyRequest } from '../collections/http-yaml';

describe('auth and send settings in a request file', () => {
  it('write in the fixed key order and round-trip byte for byte', () => {
    const written = stringifyRequest({
      name: 'Signed',
      method: 'GET',
      url: 'https://api.example.com/me',
      settings: {
        http2: true,
        clientKeyPassphrase: '{{keyPass}}',
        clientKey: 'certs/client.key',
        clientCert: 'certs/client.crt',
        proxy: 'http://proxy.local:3128',
        timeoutMs: 5000,
      },
      auth: {
        type: 'oauth2',
        clientAuth: 'body',
        scope: 'read',
        clientId: 'app',
        tokenUrl: 'https://auth.example.com/token',
        grant: 'client_credentials',
      },
    });
    expect(written.split('\n').map((line) => line.trim().split(':')[0])).toEqual([
      'name',
      'method',
      'url',
      'auth',
      'type',
      'grant',
      'tokenUrl',
      'clientId',
      'scope',
      'clientAuth',
      'settings',
      'timeoutMs',
      'proxy',
      'clientCert',
      'clientKey',
      'clientKeyPassphrase',
      'http2',
      '',
    ]);
    const parsed = parseRequestYaml(written, 'signed.request.yaml');
    expect(stringifyRequest(parsed)).toBe(written);
  });

  it('names a wrong send setting', () => {
    expect(() =>
      parseRequestYaml('name: x\nmethod: GET\nurl: /\nsettings:\n  http2: yes please\n', 'x.request.yaml'),
    ).toThrow(/http2.*true or false/);
  });
});
