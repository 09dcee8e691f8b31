import { describe, expect, it } from 'vitest';
import { mockRequest, renderOnce } from './mock-request.fixture';

const items = [
  { name: 'pen', kind: 'pen', price: 1 },
  { name: 'lamp', kind: 'home', price: 9 },
  { name: 'book', kind: 'book', price: 3 },
];
const request = mockRequest({
  body: { items, raw: '{"k":[1,2]}' },
  bodyText: JSON.stringify({ items }),
  headers: {
    authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u-1"}').toString('base64url')}.`,
  },
});

describe('collection helpers (Mockoon names and results)', () => {
  it('sort, sortBy, filter and find work on arrays of values and objects', () => {
    expect(renderOnce("{{sort (array 3 1 2)}}|{{sort (array 'b' 'a') 'desc'}}|{{sort 'x'}}", request)).toBe(
      '1,2,3|b,a|',
    );
    expect(renderOnce("{{#each (sortBy (bodyRaw 'items') 'price' 'desc')}}{{name}} {{/each}}", request)).toBe(
      'lamp book pen ',
    );
    expect(
      renderOnce(
        "{{#each (filter (bodyRaw 'items') (object kind='pen') (object price=3))}}{{name}} {{/each}}",
        request,
      ),
    ).toBe('pen book ');
    expect(renderOnce("{{lookup (find (bodyRaw 'items') (object kind='home')) 'name'}}", request)).toBe('lamp');
    expect(renderOnce("{{lookup (find (bodyRaw 'items') (object constructor='x')) 'name'}}", request)).toBe('');
  });

  it('jsonParse, jsonPath, objectPath and objectMerge read and build values', () => {
    expect(renderOnce("{{json (jsonParse (bodyRaw 'raw'))}}|{{jsonParse 'not json'}}", request)).toBe('{"k":[1,2]}|');
    expect(renderOnce("{{json (jsonPath (bodyRaw) '$.items[?(@.price > 2)].name')}}", request)).toBe('["lamp","book"]');
    expect(
      renderOnce("{{objectPath (bodyRaw) 'items.2.kind'}}|{{objectPath (bodyRaw) 'items.7' 'none'}}", request),
    ).toBe('book|none');
    expect(renderOnce("{{objectPath (bodyRaw) 'items.constructor' 'safe'}}", request)).toBe('safe');
    expect(renderOnce('{{json (objectMerge (object a=1 b=2) (object b=3) (array 1))}}', request)).toBe('{"b":3,"a":1}');
  });

  it('reads JWTs, base64url and dates', () => {
    expect(
      renderOnce("{{jwtPayload (header 'Authorization') 'sub'}}|{{jwtHeader (header 'Authorization') 'alg'}}", request),
    ).toBe('u-1|none');
    expect(renderOnce("{{jwtPayload 'garbage'}}", request)).toBe('');
    expect(
      renderOnce("{{base64url 'a?b>c'}}|{{base64urlDecode 'YT9iPmM'}}|{{#base64url}}x{{/base64url}}", request),
    ).toBe('YT9iPmM|a?b>c|eA');
    expect(renderOnce("{{isValidDate '2024-02-03'}}|{{isValidDate 'nope'}}|{{isValidDate}}", request)).toBe(
      'true|false|false',
    );
    expect(renderOnce("{{time '09:00' '09:59' 'HH:mm'}}", request)).toMatch(/^09:[0-5]\d$/);
  });
});
