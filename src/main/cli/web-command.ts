import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmitFn } from '../../shared/events';
import { AppError } from '../../shared/errors';
import type { EventMessage } from '../../shared/rpc';
import { ensurePrivateDir } from '../core/data-dir';
import { createFileLogger } from '../core/logging/logger';
import { createServices, resolveDataDir } from '../core/services';
import { FileKeySecretStore } from '../core/secrets/file-key-secret-store';
import { withKeychainNotice } from '../core/secrets/keychain-notice';
import { startWebHost } from '../server/web-host';
import { UsageError, type CliIo } from './cli-io';
import { findRendererDir } from './renderer-dir';

/** A fixed default so the address stays the same between runs; a free port is used when it is taken. */
export const DEFAULT_WEB_PORT = 4780;

export const WEB_HELP = `Usage: backbench web [--port <n>] [--host <addr>] [--data-dir <dir>] [--no-open]

Starts Backbench in your browser: opens a start link and prints another one.

Options:
  --port <n>        Port to listen on (default ${DEFAULT_WEB_PORT}, or a free one if that is taken; 0 = any free port)
  --host <addr>     Address to bind (default 127.0.0.1). Anything else exposes the app to your network.
  --data-dir <dir>  App data folder (default $BACKBENCH_DATA_DIR or your user data folder)
  --no-open         Do not open a browser
  -h, --help        Show this help

A start link works once and for 10 minutes; the tab that opens it stays signed in (across restarts of
backbench web too, until it is unused for 7 days). New tabs get signed in by an open Backbench tab. Press
Enter in this terminal for a new start link.

Exports are written to <data-dir>/exports and removed after 24 hours (the folder is kept under 1 GB).

Environment:
  BACKBENCH_TOKEN     A start token that works any number of times, for scripts and tests: POST
                      {"startToken": "<token>"} to /session for a session, sent as X-Backbench-Session.
                      Anyone who knows it can sign in while backbench web runs: keep it like a password.
  BACKBENCH_DATA_DIR  The data folder.
`;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`, 'web');
  return port;
}

/** BACKBENCH_TOKEN, checked: it signs anyone in who knows it, so it must be long and URL-safe. */
function fixedToken(value: string | undefined): string | undefined {
  const token = value?.trim();
  if (!token) return undefined;
  if (!/^[A-Za-z0-9._~-]{32,256}$/.test(token)) {
    throw new AppError(
      'INVALID_INPUT',
      'BACKBENCH_TOKEN must be 32 to 256 letters, digits or "-", "_", ".", "~" (e.g. openssl rand -hex 32), or unset',
    );
  }
  return token;
}

/** `backbench web`: the browser host over the core services, until SIGINT/SIGTERM. */
export async function runWeb(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(WEB_HELP);
    return 0;
  }
  const explicitPort = values.port === undefined ? undefined : parsePort(values.port);
  const renderer = findRendererDir(io.env.BACKBENCH_RENDERER_DIR);
  if (!renderer.found) {
    throw new AppError(
      'FILE_NOT_FOUND',
      `The web app is not built (no ${join(renderer.dir, 'index.html')}): run npm run build`,
    );
  }
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const startToken = fixedToken(io.env.BACKBENCH_TOKEN);
  ensurePrivateDir(dataDir);
  // one log for the core and the host (an event that cannot be sent is a bug worth a trace)
  const logger = await createFileLogger({ dataDir });

  // the core emits into this; every open SSE stream receives it
  const sinks = new Set<(message: EventMessage) => void>();
  const emit: EmitFn = (topic, payload) => {
    for (const sink of sinks) sink({ topic, payload });
  };
  // passwords saved by the desktop app in the keychain cannot be read here; say so instead of "unknown format"
  const secretStore = withKeychainNotice(
    FileKeySecretStore.inDataDir(dataDir),
    'edit the connection and enter the password again, or use it from the desktop app.',
  );
  const services = await createServices({ host: 'browser', dataDir, emit, secretStore, logger });
  const hostLogger = logger.child({ module: 'web-host' });
  let host;
  try {
    host = await startWebHost({
      dispatch: services.dispatch,
      subscribe: (sink) => {
        sinks.add(sink);
        return () => sinks.delete(sink);
      },
      rendererDir: renderer.dir,
      exportsDir: join(dataDir, 'exports'),
      dataDir,
      host: values.host ?? '127.0.0.1',
      port: explicitPort ?? DEFAULT_WEB_PORT,
      fallbackToFreePort: explicitPort === undefined,
      fixedStartToken: startToken,
      warn: (message) => io.stderr(`${message}\n`),
      logError: (fields, message) => hostLogger.error(fields, message),
    });
  } catch (error) {
    await services.dispose();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppError(
        'CONFLICT',
        `Port ${explicitPort} is already in use: choose another with --port, or --port 0 for any free port`,
      );
    }
    throw error;
  }
  const running = host;
  const offerLink = (opening: boolean) => {
    // the opened and the printed link are different tokens, so the printed one still works in another browser
    if (opening) io.openUrl(running.startUrl());
    io.stdout(`Start link (works once, within 10 minutes): ${running.startUrl()}\n`);
  };
  io.stdout(`Backbench is running at ${running.origin}\n`);
  offerLink(!values['no-open']);
  if (startToken) io.stdout('BACKBENCH_TOKEN is set: it works as a start token any number of times.\n');
  const stopListening = io.onEnter?.(() => offerLink(!values['no-open']));
  if (stopListening) io.stdout('Press Enter for a new start link, Ctrl+C to stop.\n');
  await io.waitForStop();
  stopListening?.();
  await running.close();
  await services.dispose();
  return 0;
}
