/**
 * Numbers for benches on a shared machine: several rounds, ours and the peer interleaved (so a burst of load
 * from elsewhere hits both), medians rather than bests or means.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The spread of a sample as "min–max", to show how noisy a median is. */
export function range(values: readonly number[], format: (n: number) => string): string {
  if (values.length === 0) return '–';
  return `${format(Math.min(...values))}–${format(Math.max(...values))}`;
}

export const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const ms = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');
export const ratio = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** "OK" or "MISSED" against a goal, or nothing when there is no number to judge. */
export function verdict(met: boolean | null): string {
  if (met === null) return '';
  return met ? 'OK' : 'MISSED';
}

/** Rounds from BENCH_ROUNDS, else the bench's default; at least 1. */
export function roundsFromEnv(fallback: number): number {
  const n = Number(process.env.BENCH_ROUNDS);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

type Results<C extends Record<string, () => unknown>> = { [K in keyof C]: Awaited<ReturnType<C[K]>> };

/**
 * Runs `rounds` rounds of every contender, alternating who goes first each round, and returns each
 * contender's samples in round order (index i of every list is the same round).
 */
export async function interleave<C extends Record<string, () => unknown>>(
  rounds: number,
  contenders: C,
  onRound?: (round: number, results: Results<C>) => void,
): Promise<{ [K in keyof C]: Results<C>[K][] }> {
  const names = Object.keys(contenders) as (keyof C)[];
  const samples = Object.fromEntries(names.map((n) => [n, []])) as unknown as { [K in keyof C]: Results<C>[K][] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    const results = {} as Results<C>;
    for (const name of order) results[name] = (await contenders[name]!()) as Results<C>[typeof name];
    for (const name of names) samples[name].push(results[name]);
    onRound?.(round, results);
  }
  return samples;
}

/** A table with aligned columns (first column left, the rest right-aligned). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
