/**
 * Every error that crosses the boundary carries one of these codes. The UI switches on the code, never on
 * message text. Driver codes (28P01, ER_ACCESS_DENIED_ERROR, SQLITE_BUSY, ECONNREFUSED…) are mapped to these
 * in one place: src/main/core/connections/map-driver-error.ts.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_PROCEDURE',
  'NOT_FOUND',
  'CONFLICT',
  'AUTH_FAILED',
  'CONNECTION_REFUSED',
  'HOST_NOT_FOUND',
  'DATABASE_NOT_FOUND',
  'FILE_NOT_FOUND',
  'NOT_A_DATABASE',
  'SSL_REQUIRED',
  'SSL_ERROR',
  'TIMEOUT',
  'CONNECTION_LOST',
  'NOT_CONNECTED',
  'SQL_ERROR',
  'QUERY_CANCELLED',
  /** An HTTP request of the HTTP client cancelled by the user. */
  'REQUEST_CANCELLED',
  'RESULT_EXPIRED',
  'DATABASE_BUSY',
  'READ_ONLY',
  /** A statement that may change data on a connection marked production, sent without the user's confirmation. */
  'CONFIRMATION_REQUIRED',
  'PERMISSION_DENIED',
  'IO_ERROR',
  'PATH_OUTSIDE_ROOT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'NOT_SUPPORTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && ERROR_CODE_SET.has(value);
}

/**
 * An error as it crosses a boundary (validated by `AppErrorShapeSchema` in rpc.ts). This file stays free of zod:
 * nearly all code imports AppError, and loading zod costs a short-lived command like `backbench query` ~100 ms.
 */
export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Thrown by core services and the client; serialised as a value across every boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromShape(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.details);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
