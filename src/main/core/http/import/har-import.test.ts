import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportedCollectionSchema } from './imported-collection';
import { importHar } from './har-import';

const HAR = readFileSync(join(import.meta.dirname, 'fixtures', 'shop-session.har'), 'utf8');

describe('importHar', () => {
  it('makes a request per entry, in a folder per host, without computed headers', () => {
    const { value: tree, warnings } = importHar(HAR);
    expect(ImportedCollectionSchema.parse(tree)).toEqual(tree);
    expect(warnings).toEqual(['entry 5: data: URL left out']);
    expect(tree.settings).toEqual({ name: 'Shop checkout' });
    expect(tree.items).toEqual([
      {
        kind: 'folder',
        name: 'api.shop.example.com',
        settings: { order: 0 },
        items: [
          {
            kind: 'request',
            request: {
              name: 'GET /v1/cart',
              method: 'GET',
              url: 'https://api.shop.example.com/v1/cart?currency=EUR',
              headers: [
                { name: 'accept', value: 'application/json' },
                { name: 'authorization', value: 'Bearer eyJhbGciOi' },
                { name: 'Cookie', value: 'sid=abc123; theme=dark' },
              ],
              order: 0,
            },
          },
          {
            kind: 'request',
            request: {
              name: 'POST /v1/cart/items',
              method: 'POST',
              url: 'https://api.shop.example.com/v1/cart/items',
              headers: [{ name: 'Cookie', value: 'sid=abc123' }],
              body: { type: 'json', text: '{"sku":"BK-42","quantity":2}' },
              order: 1,
            },
          },
          {
            kind: 'request',
            request: {
              name: 'PUT /v1/profile/avatar',
              method: 'PUT',
              url: 'https://api.shop.example.com/v1/profile/avatar',
              body: {
                type: 'multipart',
                parts: [
                  { name: 'caption', value: 'me' },
                  { name: 'file', file: 'avatar.png', contentType: 'image/png' },
                ],
              },
              order: 2,
            },
          },
          {
            kind: 'request',
            request: {
              name: 'POST /v1/events',
              method: 'POST',
              url: 'https://api.shop.example.com/v1/events',
              headers: [{ name: 'Content-Type', value: 'text/plain;charset=UTF-8' }],
              body: { type: 'text', text: 'checkout-viewed' },
              order: 3,
            },
          },
        ],
      },
      {
        kind: 'folder',
        name: 'auth.example.com',
        settings: { order: 1 },
        items: [
          {
            kind: 'request',
            request: {
              name: 'POST /login',
              method: 'POST',
              url: 'https://auth.example.com/login',
              body: {
                type: 'form',
                fields: [
                  { name: 'email', value: 'ada@example.com' },
                  { name: 'password', value: 'p&ss word' },
                ],
              },
              order: 0,
            },
          },
        ],
      },
    ]);
  });

  it('rejects a file that is not a HAR, naming the entry', () => {
    expect(() => importHar('{"log": {}}')).toThrow('HAR: no log.entries list');
    expect(() => importHar('nope')).toThrow(/^HAR: not JSON/);
    expect(() => importHar(JSON.stringify({ log: { entries: [{ request: { url: 'https://x.io' } }, {}] } }))).toThrow(
      'HAR: entry 2 has no request URL',
    );
  });
});
