import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postSession, rpc, signIn, tokenOf } from '../server/http-test-client';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

interface Harness {
  io: CliIo;
  out: () => string;
  err: () => string;
  opened: string[];
  stop: () => void;
  /** Simulates the user pressing Enter in the terminal. */
  pressEnter: () => void;
  /** Resolves when stdout contains `pattern`. */
  printed: (pattern: RegExp) => Promise<RegExpMatchArray>;
}

function harness(env: Record<string, string | undefined>, { tty = false } = {}): Harness {
  let out = '';
  let err = '';
  const opened: string[] = [];
  const waiters: (() => void)[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolveStop) => (stop = resolveStop));
  let enter: (() => void) | null = null;
  return {
    io: {
      stdout: (text) => {
        out += text;
        for (const waiter of waiters.splice(0)) waiter();
      },
      stderr: (text) => void (err += text),
      env,
      waitForStop: () => stopped,
      openUrl: (url) => void opened.push(url),
      ...(tty
        ? {
            onEnter: (listener: () => void) => {
              enter = listener;
              return () => (enter = null);
            },
          }
        : {}),
    },
    out: () => out,
    err: () => err,
    opened,
    stop,
    pressEnter: () => enter?.(),
    async printed(pattern) {
      for (;;) {
        const match = pattern.exec(out);
        if (match) return match;
        await new Promise<void>((resolveWait) => waiters.push(resolveWait));
      }
    },
  };
}

const START_LINK = /Start link \(works once, within 10 minutes\): (http:\/\/127\.0\.0\.1:(\d+)\/#token=[0-9a-f]{64})\n/;

describe('backbench web', () => {
  let root: string;
  let env: Record<string, string | undefined>;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bb-cli-web-'));
    const rendererDir = join(root, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Backbench</title>');
    env = { BACKBENCH_DATA_DIR: join(root, 'data'), BACKBENCH_RENDERER_DIR: rendererDir };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prints its address and a one-time start link, opens the browser with another, and stops cleanly', async () => {
    // what an earlier version kept: a permanent token, which must not survive the upgrade
    mkdirSync(join(root, 'data'), { recursive: true });
    writeFileSync(join(root, 'data', 'web-token'), `${'b'.repeat(64)}\n`, { mode: 0o600 });
    const h = harness(env);
    const exit = runCli(['web', '--port', '0'], h.io);
    try {
      const [, printedLink, portText] = await h.printed(START_LINK);
      const port = Number(portText);
      expect(h.out()).toContain(`Backbench is running at http://127.0.0.1:${port}\n`);
      expect(h.out()).not.toContain('Press Enter');
      expect(h.opened).toHaveLength(1);
      expect(h.opened[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
      expect(h.opened[0]).not.toBe(printedLink);
      expect(existsSync(join(root, 'data', 'web-token'))).toBe(false);
      // each link works once
      for (const link of [printedLink!, h.opened[0]!]) {
        const session = await signIn(port, tokenOf(link));
        expect((await rpc(port, session, 'app.info')).status).toBe(200);
        expect((await postSession(port, tokenOf(link))).status).toBe(401);
      }
    } finally {
      h.stop();
      expect(await exit).toBe(0);
    }
  });

  it('in a terminal, prints and opens a new start link each time Enter is pressed', async () => {
    const h = harness(env, { tty: true });
    const exit = runCli(['web', '--port', '0'], h.io);
    try {
      const [, first, portText] = await h.printed(START_LINK);
      expect(h.out()).toContain('Press Enter for a new start link');
      h.pressEnter();
      const again = await h.printed(new RegExp(`${START_LINK.source}[\\s\\S]*${START_LINK.source}`));
      const second = again[3]!;
      expect(second).not.toBe(first);
      expect(h.opened).toHaveLength(2);
      const port = Number(portText);
      for (const link of [first!, second, ...h.opened])
        expect((await postSession(port, tokenOf(link))).status).toBe(200);
    } finally {
      h.stop();
      expect(await exit).toBe(0);
    }
  });

  it('lets BACKBENCH_TOKEN sign in any number of times, and still prints one-time links', async () => {
    const token = randomBytes(32).toString('hex');
    const h = harness({ ...env, BACKBENCH_TOKEN: token });
    const exit = runCli(['web', '--no-open', '--port', '0'], h.io);
    try {
      const [, link, portText] = await h.printed(START_LINK);
      const port = Number(portText);
      expect(link).not.toContain(token);
      expect(h.out()).toContain('BACKBENCH_TOKEN is set');
      expect(h.out()).not.toContain(token);
      expect(h.opened).toEqual([]);
      for (let i = 0; i < 3; i++) expect((await postSession(port, token)).status).toBe(200);
    } finally {
      h.stop();
      expect(await exit).toBe(0);
    }
  });

  it('keeps a tab signed in across a restart with the same data dir', async () => {
    const first = harness(env);
    const firstExit = runCli(['web', '--no-open', '--port', '0'], first.io);
    const [, link, portText] = await first.printed(START_LINK);
    const session = await signIn(Number(portText), tokenOf(link!));
    first.stop();
    expect(await firstExit).toBe(0);

    const second = harness(env);
    const secondExit = runCli(['web', '--no-open', '--port', '0'], second.io);
    try {
      const [, , port] = await second.printed(START_LINK);
      expect((await rpc(Number(port), session, 'app.info')).status).toBe(200);
    } finally {
      second.stop();
      expect(await secondExit).toBe(0);
    }
  });

  it.each([['short'], ['has space in it and is long enough to pass the length'], ['x'.repeat(300)]])(
    'refuses a weak or unsafe BACKBENCH_TOKEN (%#)',
    async (token) => {
      const h = harness({ ...env, BACKBENCH_TOKEN: token });
      expect(await runCli(['web', '--no-open', '--port', '0'], h.io)).toBe(1);
      expect(h.err()).toMatch(/^backbench: BACKBENCH_TOKEN must be .*\(INVALID_INPUT\)\n$/);
      expect(h.err()).not.toContain(token);
      expect(h.out()).toBe('');
    },
  );

  it('fails with a clear message when the web app is not built', async () => {
    const h = harness({ ...env, BACKBENCH_RENDERER_DIR: join(root, 'nothing-here') });
    expect(await runCli(['web', '--no-open'], h.io)).toBe(1);
    expect(h.err()).toContain('run npm run build');
  });
});
