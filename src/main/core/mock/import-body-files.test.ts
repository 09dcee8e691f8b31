import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logging/logger';
import { importMockFile } from './mock-import';
import { MockService } from './mock-service';
import { call } from './testing/http-call';

const response = (filePath: string, extra: object = {}) => ({
  statusCode: 200,
  bodyType: 'FILE',
  filePath,
  headers: [],
  rules: [],
  default: true,
  ...extra,
});

/** A Mockoon environment whose responses send files: kept, missing, outside, through a link, templated. */
const ENVIRONMENT = {
  lastMigration: 33,
  name: 'Files',
  endpointPrefix: 'api',
  port: 3000,
  routes: [
    { method: 'get', endpoint: 'report', responses: [response('bodies/report.json')] },
    { method: 'get', endpoint: 'again', responses: [response('./bodies/report.json', { sendFileAsBody: true })] },
    { method: 'get', endpoint: 'missing', responses: [response('bodies/none.json')] },
    { method: 'get', endpoint: 'up', responses: [response('../secret.txt')] },
    { method: 'get', endpoint: 'link', responses: [response('bodies/link.txt')] },
    { method: 'get', endpoint: 'by/:id', responses: [response("bodies/{{urlParam 'id'}}.json")] },
  ],
};

let dir: string;
let service: MockService;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-body-files-'));
  const source = join(dir, 'source', 'env');
  mkdirSync(join(source, 'bodies'), { recursive: true });
  writeFileSync(join(source, 'files.json'), JSON.stringify(ENVIRONMENT));
  writeFileSync(join(source, 'bodies', 'report.json'), '{ "n": "{{queryParam \'n\'}}" }');
  writeFileSync(join(dir, 'source', 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'source', 'secret.txt'), join(source, 'bodies', 'link.txt'));
  service = new MockService({
    workspaceDir: join(dir, 'workspace'),
    emit: () => undefined,
    logger: createMemoryLogger([]),
  });
});
afterEach(async () => {
  await service.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const chosen = (uploaded: boolean) => (fileId: string) =>
  fileId === 'env' ? { path: join(dir, 'source', 'env', 'files.json'), name: 'files.json', uploaded } : null;

describe('importing a mock whose responses send files', () => {
  it('copies the files next to the new mock and refuses paths that leave the source folder', async () => {
    const imported = await importMockFile(service, chosen(false), { fileId: 'env' });
    expect(imported.path).toBe('files.yaml');
    expect(imported.warnings).toEqual([
      "routes[3] GET /up response 1: the body file ../secret.txt is outside the environment's folder; refused, no body",
      'routes[2] GET /missing response 1: the body file bodies/none.json was not found next to the imported file; put it at mocks/files-files/bodies/none.json',
      'routes[4] GET /link response 1: the body file bodies/link.txt is outside the folder of the imported file; refused, the response has no body',
      "routes[5] GET /by/:id response 1: the body file path bodies/{{urlParam 'id'}}.json is a template, so no file was copied; put the files it names under files-files/",
    ]);
    const mocks = join(dir, 'workspace', 'mocks');
    expect(readFileSync(join(mocks, 'files-files', 'bodies', 'report.json'), 'utf8')).toContain('queryParam');
    expect(existsSync(join(mocks, 'files-files', 'bodies', 'link.txt'))).toBe(false);
    const yaml = readFileSync(join(mocks, 'files.yaml'), 'utf8');
    expect(yaml).toContain('bodyFile: files-files/bodies/report.json');
    expect(yaml).not.toContain('secret');

    // the source folder can go: the mock serves its own copies
    rmSync(join(dir, 'source'), { recursive: true });
    // the URL has the prefix (/api)
    const { url } = await service.start('files.yaml');
    const report = await call(`${url}/report?n=3`);
    expect([report.status, report.text, report.headers['content-disposition']]).toEqual([
      200,
      '{ "n": "3" }',
      'attachment; filename="report.json"',
    ]);
    const again = await call(`${url}/again?n=4`);
    expect([again.text, again.headers['content-disposition']]).toEqual(['{ "n": "4" }', undefined]);
    expect((await call(`${url}/link`)).text).toBe('');
    expect((await call(`${url}/missing`)).status).toBe(500);
  });

  it('copies nothing for an uploaded file, which came without its folder', async () => {
    const imported = await importMockFile(service, chosen(true), { fileId: 'env', name: 'Uploaded' });
    expect(imported.warnings).toContain(
      'routes[0] GET /report response 1: the body file bodies/report.json was not uploaded with the file; put it at mocks/uploaded-files/bodies/report.json',
    );
    expect(existsSync(join(dir, 'workspace', 'mocks', 'uploaded-files'))).toBe(false);
  });
});
