/**
 * Entry of the `backbench` command (built to out/main/cli.js). bin/backbench.mjs imports it and calls
 * `main`; run directly (`node out/main/cli.js …`) it starts by itself.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processIo } from './cli-io';
import { runCli } from './run-cli';

export { runCli } from './run-cli';

/** Runs the CLI with the process's streams and sets the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const code = await runCli(argv, processIo());
  process.exitCode = code;
  // `web` returns after shutdown; nothing else should keep the process alive (pools are closed by then)
  if (argv[0] === 'web') process.exit(code);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main();
