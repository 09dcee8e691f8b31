/**
 * Where a server's time went, from a V8 .cpuprofile (`node --cpu-prof`, e.g. a bench run with
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"): the functions with the most self time and the
 * most total time (self + callees, counted once per sample even when a function recurses).
 *
 * npx tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> [rows (default 30)] [filter: only frames whose
 * url contains this]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/');
  const short = file.replace(/^.*\/(out|src|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
}

function summarize(file: string, rows: number, filter: string | undefined): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const node = byId.get(id)!;
    const name = frameName(node);
    if (node.callFrame.functionName === '(idle)') idle += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = frameName(byId.get(at)!);
      if (seen.has(frame)) continue;
      seen.add(frame);
      total.set(frame, (total.get(frame) ?? 0) + dt);
    }
  });
  const busy = all - idle;
  const share = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
  const keep = ([name]: [string, number]) =>
    name !== '(idle)' && name !== '(root)' && (!filter || name.includes(filter));
  console.log(`${file}: ${(all / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (shares of busy)\n`);
  console.log('self time');
  for (const [name, us] of [...self]
    .filter(keep)
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows))
    console.log(`${share(us)}  ${name}`);
  console.log('\ntotal time');
  for (const [name, us] of [...total]
    .filter(keep)
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows))
    console.log(`${share(us)}  ${name}`);
}

const [file, rows, filter] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> [rows] [url filter]');
  process.exit(2);
}
summarize(file, Number(rows ?? 30) || 30, filter);
