import { afterEach, describe, expect, it } from 'vitest';
import { runScript } from './run-script';
import { SandboxHost } from './sandbox-host';
import type { ScriptRunInput } from './script-types';

const request = { method: 'GET', url: 'http://127.0.0.1/', headers: [], body: null };
const input = (code: string, extra: Partial<ScriptRunInput> = {}): ScriptRunInput => ({
  phase: 'preRequest',
  code,
  request,
  ...extra,
});

let host: SandboxHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('SandboxHost', () => {
  it('answers queued runs in order, each in its own context', async () => {
    host = new SandboxHost();
    const runs = await Promise.all(
      [1, 2, 3, 4].map((n) => runScript(input(`globalThis.n = (globalThis.n ?? 0) + ${n}; console.log(n)`), host)),
    );
    expect(runs.map((run) => run.logs.map((log) => log.message))).toEqual([['1'], ['2'], ['3'], ['4']]);
  });

  it('replaces a worker whose memory grew past the bound, and the next runs work', async () => {
    host = new SandboxHost({ retireBytes: 1 });
    const runs = await Promise.all([1, 2, 3].map((n) => runScript(input(`console.log(${n})`), host)));
    expect(
      runs.map((run) => [run.error, run.logs[0]?.message]),
      JSON.stringify(runs),
    ).toEqual([
      [undefined, '1'],
      [undefined, '2'],
      [undefined, '3'],
    ]);
  });

  it('ends a worker stuck inside a built-in, answers the runs queued behind it', async () => {
    host = new SandboxHost({ graceMs: 50 });
    const stuck = runScript(input(`let a = []; for (;;) a.push('x'.repeat(1e6))`, { limits: { timeMs: 100 } }), host);
    const behind = runScript(input(`console.log('behind')`), host);
    expect((await stuck).error).toMatch(/^Script stopped: it (ran longer than 100 ms|used more than 32 MB of memory)$/);
    expect((await behind).logs).toEqual([{ level: 'log', message: 'behind' }]);
  });
});
