import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { ImportedCollectionSchema, walkRequests, type ImportedCollection } from './imported-collection';
import { importInsomnia } from './insomnia-import';

const YAML = readFileSync(join(import.meta.dirname, 'fixtures', 'payments.insomnia.yaml'), 'utf8');
const requestNamed = (tree: ImportedCollection, name: string) =>
  [...walkRequests(tree.items)].find(({ request }) => request.name === name)?.request;

describe('importInsomnia', () => {
  const { value: tree, warnings } = importInsomnia(YAML);

  it('keeps folders in sortKey order with their auth, headers and scripts, and the environments', () => {
    expect(ImportedCollectionSchema.parse(tree)).toEqual(tree);
    expect(tree.settings).toEqual({
      name: 'Payments API',
      variables: [
        { name: 'baseUrl', value: 'https://api.payments.example.com/v1' },
        { name: 'api.region', value: 'eu' },
      ],
      docs: 'Charges, refunds and webhooks.',
    });
    expect(tree.environments).toEqual([
      {
        name: 'Local',
        variables: [
          { name: 'baseUrl', value: 'http://127.0.0.1:4010' },
          { name: 'retries', value: '3' },
        ],
      },
      {
        name: 'Production',
        variables: [
          { name: 'baseUrl', value: 'https://api.payments.example.com/v1' },
          { name: 'secretKey', value: 'sk_live_x' },
        ],
      },
    ]);
    const names = tree.items.map((item) => (item.kind === 'folder' ? item.name : item.request.name));
    expect(names).toEqual(['Refunds', 'Charges', 'Balance (GraphQL)', 'Webhook ping (AWS)', 'Legacy (NTLM)']);
    const charges = tree.items.find((item) => item.kind === 'folder' && item.name === 'Charges');
    expect(charges).toMatchObject({
      settings: {
        order: 1,
        auth: { type: 'bearer', token: '{{secretKey}}' },
        headers: [{ name: 'Stripe-Version', value: '2026-11-01' }],
        scripts: { preRequest: expect.stringContaining("addHeader({ key: 'Idempotency-Key'") },
      },
    });
  });

  it('maps URLs, query and path parameters, bodies, auth and settings', () => {
    expect(requestNamed(tree, 'Get charge')).toEqual({
      name: 'Get charge',
      method: 'GET',
      url: '{{baseUrl}}/charges/:chargeId?expand=customer',
      pathParams: [{ name: 'chargeId', value: 'ch_3Nk' }],
      headers: [{ name: 'User-Agent', value: 'insomnia/11.2.0' }],
      order: 0,
      docs: 'Fetches one charge.',
    });
    expect(requestNamed(tree, 'Create charge')).toMatchObject({
      body: {
        type: 'form',
        fields: [
          { name: 'amount', value: '2000' },
          { name: 'currency', value: 'eur' },
          { name: 'description', value: 'test', enabled: false },
        ],
      },
      settings: { followRedirects: false },
      scripts: { postResponse: expect.stringContaining("insomnia.test('created'") },
    });
    expect(requestNamed(tree, 'Create charge')!.headers).toBeUndefined();
    expect(requestNamed(tree, 'Refund (JSON, basic)')).toMatchObject({
      body: { type: 'json', text: '{\n  "charge": "{{chargeId}}",\n  "reason": "requested_by_customer"\n}' },
      auth: { type: 'basic', username: '{{secretKey}}', password: '' },
    });
    expect(requestNamed(tree, 'Upload evidence')).toMatchObject({
      body: {
        type: 'multipart',
        parts: [
          { name: 'purpose', value: 'dispute_evidence' },
          { name: 'file', file: '/home/ada/receipt.pdf' },
        ],
      },
      auth: { type: 'apikey', name: 'X-Api-Key', value: '{{apiKey}}', in: 'query' },
    });
    expect(requestNamed(tree, 'Upload evidence')!.headers).toBeUndefined();
    expect(requestNamed(tree, 'Balance (GraphQL)')).toMatchObject({
      body: {
        type: 'graphql',
        query: 'query { balance { available pending } }',
        variables: '{\n  "currency": "eur"\n}',
      },
      auth: {
        type: 'oauth2',
        grant: 'client_credentials',
        tokenUrl: 'https://auth.payments.example.com/token',
        clientId: 'payments-cli',
        clientSecret: '{{clientSecret}}',
        scope: 'balance:read',
      },
    });
    expect(requestNamed(tree, 'Webhook ping (AWS)')).toMatchObject({
      body: { type: 'xml', text: `<ping at="{% now 'iso-8601', '' %}"/>` },
      auth: {
        type: 'awsv4',
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: '{{awsSecret}}',
        region: 'eu-west-1',
        service: 'execute-api',
      },
    });
    expect(requestNamed(tree, 'Legacy (NTLM)')!.auth).toEqual({ type: 'none' });
  });

  it('names what it left out', () => {
    expect(warnings).toEqual([
      'Insomnia template tags ({% … %}) are kept as text; replace them with variables',
      'request "Charges / Get charge": disabled query parameters "debug" left out',
      'request "Legacy (NTLM)": ntlm auth is not supported; left out',
    ]);
  });

  it('rejects other files, naming the problem and the item', () => {
    expect(() => importInsomnia('{"_type": "export", "__export_format": 4}')).toThrow(
      'Insomnia export: this is a v4 (JSON) export',
    );
    expect(() => importInsomnia('type: spec.insomnia.rest/5.0\nname: x')).toThrow(
      'Insomnia export: type "spec.insomnia.rest/5.0" is not collection.insomnia.rest/5.x',
    );
    expect(() =>
      importInsomnia(
        'type: collection.insomnia.rest/5.0\nname: x\ncollection:\n  - name: F\n    children:\n      - name: Ghost\n',
      ),
    ).toThrow('Insomnia export: item "F / Ghost" is neither a request');
    expect(() => importInsomnia('a: [')).toThrow(AppError);
  });
});
