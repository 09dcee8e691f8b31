import type { Interface } from 'node:readline';
import { isAppError } from '../../shared/errors';

/** Where a command writes and what it may touch of the process; tests pass captured buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Resolves when the user asks a long-running command to stop (SIGINT/SIGTERM). */
  waitForStop(): Promise<void>;
  /** Opens a URL in the user's browser; failures are ignored. */
  openUrl(url: string): void;
  /**
   * Calls `listener` each time the user presses Enter; returns the unsubscribe function. Absent when stdin is not
   * an interactive terminal (a pipe, a service manager, a test runner).
   */
  onEnter?(listener: () => void): () => void;
}

/** A wrong invocation: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    waitForStop: () =>
      new Promise((resolveStop) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolveStop();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
    openUrl,
    ...(process.stdin.isTTY
      ? {
          onEnter: (listener: () => void) => {
            // loaded here: only `web` listens, and every other command would pay for loading node:readline
            let lines: Interface | null = null;
            let closed = false;
            void import('node:readline').then(({ createInterface }) => {
              if (closed) return;
              // terminal: false leaves the terminal in cooked mode, so Ctrl+C still sends SIGINT to the process
              lines = createInterface({ input: process.stdin, terminal: false });
              lines.on('line', listener);
            });
            return () => {
              closed = true;
              lines?.close();
            };
          },
        }
      : {}),
  };
}

/**
 * Best effort: the URL is printed anyway, so a missing opener is not an error. node:child_process is loaded
 * here, not up front: only `web` opens anything, and every other command would pay for loading it.
 */
export function openUrl(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  import('node:child_process').then(
    ({ spawn }) => {
      try {
        const child = spawn(command, args, { stdio: 'ignore', detached: true });
        child.on('error', () => {});
        child.unref();
      } catch {
        // no opener on this machine
      }
    },
    () => undefined,
  );
}

/** One line for stderr: what went wrong, with the error code when there is one. */
export function errorLine(error: unknown): string {
  const oneLine = (text: string) => text.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (isAppError(error)) return `backbench: ${oneLine(error.message)} (${error.code})`;
  if (error instanceof Error) return `backbench: ${oneLine(error.message)}`;
  return `backbench: ${oneLine(String(error))}`;
}
