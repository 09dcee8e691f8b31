import { passwordTransport } from '../../../shared/connection-security';
import type { ConnectionParams } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { OpenSession } from './driver-adapter';

type ServerParams = Extract<ConnectionParams, { engine: 'postgres' | 'mysql' }>;

export interface TransportDecision {
  /** The parameters to connect with ("prefer" becomes "require" where plain text is not acceptable). */
  params: ConnectionParams;
  /** True when "prefer" was tightened to "require": a TLS failure must then be explained, not hidden. */
  tlsEnforced: boolean;
}

function cleartextMessage(params: ServerParams, how: string): string {
  return (
    `Backbench will not send the password for ${params.user || 'this user'} to ${params.host} without encryption: ` +
    `${how}, and ${params.host} is not this machine, so anyone on the network path could read it. Enable TLS on ` +
    'the server and choose SSL mode "require" (or "verify-full"), or — only on a network you trust — tick ' +
    '"Allow the password without TLS" in the connection.'
  );
}

/**
 * Whether a password may travel to a server as the parameters say (see passwordTransport): SSL mode "disable"
 * to another machine is refused with SSL_REQUIRED, "prefer" is tightened to "require" so it cannot fall back to
 * plain text. Connections without a password, local ones, and those that allow plain text are unchanged.
 */
export function decideTransport(params: ConnectionParams, hasPassword: boolean): TransportDecision {
  const rule = passwordTransport(params, hasPassword);
  if (params.engine === 'sqlite' || rule === 'plain-ok' || rule === 'tls') return { params, tlsEnforced: false };
  if (rule === 'refuse') {
    throw new AppError('SSL_REQUIRED', cleartextMessage(params, 'the SSL mode is "disable"'), {
      host: params.host,
      reason: 'cleartext-password',
    });
  }
  return { params: { ...params, sslMode: 'require' }, tlsEnforced: true };
}

/**
 * `openSession` with the policy above: refuses a password in plain text to another machine, and turns a TLS
 * failure of a tightened "prefer" into a message that says why and what to do.
 */
export function withTransportPolicy(open: OpenSession): OpenSession {
  return async (options) => {
    const decision = decideTransport(options.params, Boolean(options.password));
    try {
      return await open({ ...options, params: decision.params });
    } catch (error) {
      const tlsFailed = error instanceof AppError && (error.code === 'SSL_ERROR' || error.code === 'SSL_REQUIRED');
      if (!decision.tlsEnforced || !tlsFailed || decision.params.engine === 'sqlite') throw error;
      throw new AppError(
        'SSL_REQUIRED',
        cleartextMessage(decision.params, `the server did not accept TLS (${error.message.replace(/\.$/, '')})`),
        { host: decision.params.host, reason: 'cleartext-password' },
      );
    }
  };
}
