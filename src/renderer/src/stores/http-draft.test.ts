import { describe, expect, it } from 'vitest';
import { parseSaveTarget, sameRequest } from './http-draft';

describe('request drafts', () => {
  it('counts a draft as the file when only blank rows, empty lists or key order differ', () => {
    const file = { name: 'r', method: 'GET', url: 'http://x/' };
    expect(
      sameRequest(
        { url: 'http://x/', headers: [{ name: ' ', value: '' }], body: { type: 'none' }, method: 'GET', name: 'r' },
        file,
      ),
    ).toBe(true);
    expect(sameRequest({ ...file, url: 'http://x/a' }, file)).toBe(false);
    expect(sameRequest({ ...file, headers: [{ name: 'A', value: '1' }] }, file)).toBe(false);
  });

  it('reads collection/folders/name, refusing a target without a collection or with an empty part', () => {
    expect(parseSaveTarget(' Shop / users / Get user ')).toEqual({
      collection: 'Shop',
      folders: ['users'],
      name: 'Get user',
    });
    expect(parseSaveTarget('Shop/Get')).toEqual({ collection: 'Shop', folders: [], name: 'Get' });
    expect(parseSaveTarget('Get user')).toBeNull();
    expect(parseSaveTarget('Shop//Get')).toBeNull();
  });
});
