import { isAppError } from '../../../../shared/errors';
import { jsonResponse, type MockResponse } from '../mock-http';

/** A request a REST resource refuses: its HTTP status, a message saying what to change, the field at fault. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RestError';
  }
}

/** `{ "error": { "status", "message", "field"? } }` — one shape for every refusal, so clients read one field. */
export function errorResponse(status: number, message: string, field?: string, headers: Record<string, string> = {}) {
  return jsonResponse(
    status,
    { error: field === undefined ? { status, message } : { status, message, field } },
    headers,
  );
}

/**
 * What a failure becomes on the wire. Our own refusals keep their status; the database's: a bad value or name
 * 400, a row that is not there 404, a read-only database 405; a statement the database refuses is 409 with its
 * message when it writes (a unique, foreign key or check constraint) and 400 when it reads (a value the column
 * type cannot take, such as a malformed uuid in a filter); an unreachable database 503; anything else 500.
 */
export function failureResponse(error: unknown, { write = false }: { write?: boolean } = {}): MockResponse {
  if (error instanceof RestError) return errorResponse(error.status, error.message, error.field, error.headers);
  if (isAppError(error)) {
    const field = typeof error.details?.column === 'string' ? error.details.column : undefined;
    switch (error.code) {
      case 'INVALID_INPUT':
        return errorResponse(400, error.message, field);
      case 'NOT_FOUND':
        return errorResponse(404, error.message, field);
      case 'READ_ONLY':
        return errorResponse(405, error.message);
      case 'SQL_ERROR':
      case 'CONFLICT':
        return write
          ? errorResponse(409, `The database refused the change: ${error.message}`, field)
          : errorResponse(400, `The database refused the request: ${error.message}`, field);
      case 'CONNECTION_REFUSED':
      case 'CONNECTION_LOST':
      case 'NOT_CONNECTED':
      case 'DATABASE_BUSY':
      case 'TIMEOUT':
        return errorResponse(503, error.message);
      default:
        return errorResponse(500, error.message);
    }
  }
  return errorResponse(500, 'The request failed inside the server; see its log.');
}
