import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BodyStore } from '../send/body-store';
import type { HttpResponse, ResponseBody } from '../send/send-types';
import { responseText } from './response-text';

let dir: string;
let bodies: BodyStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bb-response-text-'));
  bodies = new BodyStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function responseWith(body: Partial<ResponseBody>): HttpResponse {
  return {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [],
    url: 'http://127.0.0.1/',
    redirects: [],
    redirectLimitReached: false,
    timing: { dnsMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 0, downloadMs: 0, totalMs: 0, reusedConnection: false },
    totalMs: 0,
    body: { size: 0, wireSize: 0, encoding: null, data: null, handle: null, ...body },
  };
}

async function stored(text: string): Promise<string> {
  const { handle, stream } = bodies.create();
  stream.end(text);
  await once(stream, 'close');
  return handle;
}

describe('responseText', () => {
  it('gives inline text as it is and a base64 body decoded as UTF-8', async () => {
    expect(await responseText(responseWith({ encoding: 'utf8', data: 'é' }), bodies)).toEqual({ text: 'é' });
    const base64 = Buffer.from([0x61, 0xff]).toString('base64');
    expect(await responseText(responseWith({ encoding: 'base64', data: base64 }), bodies)).toEqual({ text: 'a\uFFFD' });
  });

  it('reads a body on disk up to the limit, and notes one past it without reading it', async () => {
    const handle = await stored('0123456789');
    expect(await responseText(responseWith({ handle, size: 10 }), bodies, 10)).toEqual({ text: '0123456789' });
    expect(await responseText(responseWith({ handle, size: 10 }), bodies, 9)).toEqual({
      text: '',
      note: 'The response body (10 bytes) is larger than the 9 bytes scripts and assertions read: they saw an empty body.',
    });
  });
});
