import type { SslMode } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';

/**
 * Connects with the SSL settings for `mode`; for "prefer" a server without SSL is retried in plain text, as
 * libpq and the MySQL clients do.
 */
export async function connectWithSslFallback<T, S>(
  mode: SslMode,
  ssl: S,
  plain: S,
  connect: (ssl: S) => Promise<T>,
): Promise<T> {
  try {
    return await connect(ssl);
  } catch (error) {
    if (mode === 'prefer' && error instanceof AppError && error.code === 'SSL_ERROR') return connect(plain);
    throw error;
  }
}
