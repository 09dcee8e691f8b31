import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface CommandSpec {
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
}

/**
 * Runs a command with stdout to /dev/null (as `… > /dev/null` would) and returns its wall time in ms, from
 * spawn to exit. A non-zero exit fails with the command's stderr.
 */
export async function timeCommand(spec: CommandSpec): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  try {
    const start = performance.now();
    const child = spawn(spec.command, spec.args, {
      stdio: ['ignore', devNull, 'pipe'],
      env: spec.env ? { ...process.env, ...spec.env } : process.env,
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    const elapsed = performance.now() - start;
    if (code !== 0) throw new Error(`${spec.command} ${spec.args.join(' ')} exited ${code}: ${stderr.trim()}`);
    return elapsed;
  } finally {
    closeSync(devNull);
  }
}
