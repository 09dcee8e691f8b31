/** A sender over a temp data dir for tests, and a helper that fills in an OutgoingRequest. */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { BodyStore } from '../send/body-store';
import { WorkspaceCookies } from '../send/cookie-jar';
import { HttpSender } from '../send/http-sender';
import { DEFAULT_SETTINGS, type OutgoingRequest } from '../send/send-types';

export function useSender(tempDir: () => string) {
  const open: HttpSender[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sender) => sender.close()));
  });
  return async (options: { inlineBytes?: number; workspace?: string } = {}) => {
    const dataDir = join(tempDir(), 'data');
    const bodies = new BodyStore(dataDir);
    const cookies = await WorkspaceCookies.open(dataDir, options.workspace ?? join(tempDir(), 'workspace'));
    const sender = new HttpSender({ bodies, cookies, inlineBytes: options.inlineBytes });
    open.push(sender);
    return { sender, bodies, cookies, dataDir };
  };
}

export function outgoing(url: string, rest: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return {
    method: 'GET',
    url,
    headers: [],
    baseDir: rest.baseDir ?? '/',
    ...rest,
    settings: { ...DEFAULT_SETTINGS, ...rest.settings },
  };
}
