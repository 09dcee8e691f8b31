import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { AppError } from '../../shared/errors';
import { formatFromExtension } from '../core/transfer/record-source';
import { MAX_UPLOAD_BYTES, saveUpload } from '../core/transfer/upload-store';
import { sendJson } from './http-body';
import { sendError } from './request-guard';

/**
 * `POST /upload?name=<file name>`: the request body (the file's bytes, any content type) streamed into
 * `<dataDir>/uploads` for `transfer.preview` / `transfer.import`, which take the id it answers with. Signed in
 * like `/rpc` (the caller checks). Refused past `maxBytes`, from Content-Length when it is sent, else while
 * reading (the partial file is removed).
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  dataDir: string | undefined,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<void> {
  if (dataDir === undefined) {
    req.resume();
    sendError(res, 404, 'NOT_SUPPORTED', 'This host takes no uploads.', true);
    return;
  }
  const query = new URL(req.url ?? '/', 'http://upload').searchParams;
  // only a name for display and for the format: never a path
  const name = basename((query.get('name') ?? '').replace(/\\/g, '/')).slice(0, 255) || 'upload';
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    sendError(
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `The file is larger than ${maxBytes} bytes, the most an upload may be.`,
      true,
    );
    return;
  }
  try {
    const { fileId, bytes } = await saveUpload(dataDir, name, req, maxBytes);
    sendJson(res, 200, { ok: true, value: { fileId, name, format: formatFromExtension(name), bytes } });
  } catch (error) {
    if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
      sendError(res, 413, 'PAYLOAD_TOO_LARGE', error.message, true);
      return;
    }
    // the client went away mid-upload: nobody to answer
    if (req.destroyed || res.destroyed) return;
    sendError(res, 500, 'IO_ERROR', 'The upload could not be stored; try again.', true);
  }
}
