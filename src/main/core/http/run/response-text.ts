/**
 * The response body as scripts and assertions see it: an inline body as it came (a non-UTF-8 one decoded as
 * UTF-8 with replacement characters), a body streamed to disk read back from its file when it is at most
 * SCRIPT_BODY_LIMIT bytes; a bigger one is not read (scripts get an empty body, and a note says why).
 */
import type { BodyStore } from '../send/body-store';
import type { HttpResponse } from '../send/send-types';

/** 10 MiB: a script's memory limit is raised by its inputs, so this bounds what one run may hold. */
export const SCRIPT_BODY_LIMIT = 10 * 1024 * 1024;

export async function responseText(
  response: HttpResponse,
  bodies: BodyStore,
  limit = SCRIPT_BODY_LIMIT,
): Promise<{ text: string; note?: string }> {
  const { body } = response;
  if (body.data !== null) return inlineText(response);
  if (body.handle === null) return { text: '' };
  if (body.size > limit) {
    return {
      text: '',
      note: `The response body (${mb(body.size)}) is larger than the ${mb(limit)} scripts and assertions read: they saw an empty body.`,
    };
  }
  const range = await bodies.read(body.handle, 0, Math.max(body.size, 1));
  return { text: range.bytes.toString('utf8') };
}

/** An inline body's text, at once (responseText without its await, for a body already in memory). */
export function inlineText(response: HttpResponse): { text: string; note?: string } {
  const { data, encoding } = response.body;
  if (data === null) throw new Error('inlineText takes an inline body');
  return { text: encoding === 'base64' ? Buffer.from(data, 'base64').toString('utf8') : data };
}

function mb(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
