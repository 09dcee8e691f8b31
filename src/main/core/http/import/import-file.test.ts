import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from './import-file';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

describe('importFile', () => {
  it.each([
    ['shop-api.postman_collection.json', 'postman', 'collection'],
    ['shop-staging.postman_environment.json', 'postman-environment', 'environment'],
    ['bookstore-3.0.yaml', 'openapi', 'collection'],
    ['library-swagger-2.0.yaml', 'openapi', 'collection'],
    ['weather-3.1.json', 'openapi', 'collection'],
    ['shop-session.har', 'har', 'collection'],
    ['payments.insomnia.yaml', 'insomnia', 'collection'],
  ])('recognises %s as %s', async (file, format, kind) => {
    expect(detectFormat(read(file))).toBe(format);
    const imported = await importFile({ text: read(file), fileName: file });
    expect(imported).toMatchObject({ format, kind });
  });

  it('reads a pasted cURL command as one request', async () => {
    const imported = await importFile({ text: '  curl -L https://x.io/ping', fileName: 'clipboard' });
    expect(imported).toEqual({
      kind: 'request',
      format: 'curl',
      request: { name: 'GET /ping', method: 'GET', url: 'https://x.io/ping' },
      warnings: [],
    });
  });

  it('warns about body files given by absolute paths', async () => {
    const postman = await importFile({ text: read('shop-api.postman_collection.json'), fileName: 'shop.json' });
    expect(postman.warnings).toContain(
      'request "Users / Upload avatar": /home/ada/avatar.png is an absolute path; put the file in the workspace and choose it again',
    );
    const curl = await importFile({
      text: String.raw`curl -L https://x.io -F 'f=@C:\Users\ada\a.txt'`,
      fileName: 'clipboard',
    });
    expect(curl.warnings).toEqual([
      String.raw`request "POST /": C:\Users\ada\a.txt is an absolute path; put the file in the workspace and choose it again`,
    ]);
    const har = await importFile({ text: read('shop-session.har'), fileName: 'a.har' });
    expect(har.warnings).toEqual(['entry 5: data: URL left out']);
  });

  it('names the file when it is none of the formats', async () => {
    await expect(importFile({ text: 'name: notes\nitems: []', fileName: 'notes.yaml' })).rejects.toThrow(
      'notes.yaml: not a Postman collection or environment, OpenAPI/Swagger document, HAR file, Insomnia v5 export or cURL command',
    );
    expect(detectFormat('<xml/>')).toBeNull();
  });
});
