import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CliIo = {
    stdout: () => undefined,
    stderr: (text) => void (err += text),
    env: {},
    waitForStop: () => Promise.resolve(),
    openUrl: () => undefined,
  };
  const code = await runCli(argv, io);
  return { code, err };
}

describe('runCli usage errors', () => {
  it('ends node:util parseArgs messages with a full stop before the pointer to --help', async () => {
    const missing = await run(['serve', 'shop.sqlite', '--tables']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      `backbench serve: Option '--tables <value>' argument missing. Run "backbench serve --help".\n`,
    );
    const unknown = await run(['mock', 'mock.yaml', '--nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^backbench mock: Unknown option '--nope'.*[.!?] Run "backbench mock --help"\.\n$/);
  });

  it('keeps the full stop of a message that has one', async () => {
    const { code, err } = await run(['mock']);
    expect(code).toBe(2);
    expect(err).toBe(`backbench mock: one argument is needed: the mock file. Run "backbench mock --help".\n`);
  });
});
