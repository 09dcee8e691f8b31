import { describe, expect, it } from 'vitest';
import { MASKED } from '../../../../shared/http-history';
import { maskHeaderValue, maskRequestFile, maskUrl, maskValues } from './mask-secrets';

describe('masking secrets for the HTTP history', () => {
  it('masks credential headers, keeping the scheme and cookie names readable', () => {
    expect(maskHeaderValue('Authorization', 'Bearer abc.def')).toBe(`Bearer ${MASKED}`);
    expect(maskHeaderValue('authorization', 'opaque')).toBe(MASKED);
    expect(maskHeaderValue('Cookie', 'a=1; b=2')).toBe(`a=${MASKED}; b=${MASKED}`);
    expect(maskHeaderValue('Set-Cookie', 'sid=xyz; Path=/; HttpOnly')).toBe(`sid=${MASKED}; Path=/; HttpOnly`);
    expect(maskHeaderValue('X-API-Key', 'k1')).toBe(MASKED);
    expect(maskHeaderValue('Accept', 'application/json')).toBe('application/json');
  });

  it('masks secret-looking query parameters only', () => {
    expect(maskUrl('http://h/p?api_key=1&page=2&access_token=x#frag')).toBe(
      `http://h/p?api_key=${MASKED}&page=2&access_token=${MASKED}#frag`,
    );
    expect(maskUrl('http://h/p')).toBe('http://h/p');
    expect(maskUrl('http://h/p?flag&token=')).toBe('http://h/p?flag&token=');
  });

  it('replaces secret values, the longest first, and leaves short ones alone', () => {
    expect(maskValues('a-secret-long and secret', ['secret', 'a-secret-long', 'x'])).toBe(`${MASKED} and ${MASKED}`);
  });

  it('keeps {{variable}} references of the request as edited and masks literals', () => {
    const masked = maskRequestFile(
      {
        name: 'r',
        method: 'GET',
        url: 'http://h/?token=lit',
        headers: [
          { name: 'Authorization', value: '{{auth}}' },
          { name: 'X-Token', value: 'literal' },
        ],
        auth: { type: 'apikey', name: 'X-Key', value: 'k-literal', in: 'header' },
      },
      [],
    );
    expect(masked.url).toBe(`http://h/?token=${MASKED}`);
    expect(masked.headers).toEqual([
      { name: 'Authorization', value: '{{auth}}' },
      { name: 'X-Token', value: MASKED },
    ]);
    expect(masked.auth).toEqual({ type: 'apikey', name: 'X-Key', value: MASKED, in: 'header' });
    expect(
      maskRequestFile({ name: 'r', method: 'GET', url: '/', auth: { type: 'bearer', token: '{{t}}' } }, []).auth,
    ).toEqual({ type: 'bearer', token: '{{t}}' });
  });
});
