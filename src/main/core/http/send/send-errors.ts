/** The one place errors of a send (undici, net, tls, zlib) become AppErrors with a message that says what to do. */
import { AppError } from '../../../../shared/errors';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (error as { code?: string } | null)?.code;
}

export function mapSendError(error: unknown, url: URL): AppError {
  if (error instanceof AppError) return error;
  const code = codeOf(error);
  const message = (error as Error)?.message ?? String(error);
  const where = url.host;
  const details = { url: url.href, cause: code ?? null };
  switch (code) {
    case 'UND_ERR_INVALID_ARG':
    case 'ERR_INVALID_URL':
    case 'ERR_INVALID_HTTP_TOKEN':
    case 'ERR_INVALID_CHAR':
      return new AppError('INVALID_INPUT', `The request cannot be sent as written: ${message}`, details);
    case 'ECONNREFUSED':
      return new AppError('CONNECTION_REFUSED', `${where} refused the connection; is the server running?`, details);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('HOST_NOT_FOUND', `The host ${url.hostname} could not be found; check the URL.`, details);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new AppError('TIMEOUT', `Connecting to ${where} timed out.`, details);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new AppError('CONNECTION_LOST', `${where} closed the connection before answering in full.`, details);
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'ERR_PADDING_1':
    case 'ERR_BROTLI_DECOMPRESSION_FAILED':
      return new AppError('IO_ERROR', `The response body could not be decoded (${message}).`, details);
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
    return new AppError(
      'SSL_ERROR',
      `The TLS certificate of ${where} was not accepted (${message}). Turn off "Verify TLS" for this request if you trust the server.`,
      details,
    );
  }
  return new AppError('CONNECTION_LOST', `The request to ${where} failed: ${message}`, details);
}
