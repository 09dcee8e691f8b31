import { describe, expect, it } from 'vitest';
import { parseSaveTarget, requestToSend, sameRequest } from './http-draft';

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

  it('counts a draft with a blank form field or multipart part being typed as the request it saved', () => {
    const form = {
      name: 'r',
      method: 'POST',
      url: ' http://x/ ',
      body: {
        type: 'form' as const,
        fields: [
          { name: 'a', value: '1' },
          { name: ' ', value: 'typing' },
        ],
      },
    };
    expect(sameRequest(form, requestToSend(form))).toBe(true);
    const multipart = {
      name: 'r',
      method: 'POST',
      url: 'http://x/',
      body: {
        type: 'multipart' as const,
        parts: [
          { name: 'a', value: '1' },
          { name: '', file: '' },
        ],
      },
    };
    expect(sameRequest(multipart, requestToSend(multipart))).toBe(true);
    // a named row still counts
    const saved = requestToSend(form);
    const more = {
      ...form,
      body: {
        type: 'form' as const,
        fields: [
          { name: 'a', value: '1' },
          { name: 'b', value: '' },
        ],
      },
    };
    expect(sameRequest(more, saved)).toBe(false);
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
