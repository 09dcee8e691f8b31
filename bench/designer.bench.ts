/**
 * npm run bench:designer — the schema designer (issue 9) with a 500-table design of 700 foreign keys, as a user
 * meets it: the design file in a temp workspace, `backbench web` in its own process, Debian Chromium driven by
 * Playwright, the design tab open. Measures frames per second while the user pans and zooms: requestAnimationFrame
 * counted in the page while the bench turns the wheel and drags the background (measureCanvasFps). Goal: ≥ 30 fps.
 *
 * Peer, in the same Chromium and the same rounds (interleaved): the same diagram on React Flow as its docs show it,
 * without the canvas's optimisations — every node and edge rendered whatever the viewport, a handle per column,
 * smoothstep edges, the same node sizes and positions (bench/designer-peer, built with Vite as the app is).
 *
 * Then the introspection of a 1,000-table PostgreSQL schema (`designer.pull`; measurePull from
 * bench/designer-pull.ts, which states its peer). Goal: < 2 s.
 *
 * BENCH_DESIGN_TABLES (default 500), BENCH_FKS (default 700), BENCH_SECONDS (per measurement, default 6),
 * BENCH_ROUNDS (default 3; the introspection's own rounds too, default 5 there), BENCH_PULL (0: skip the introspection),
 * BENCH_PEER_ROUNDS (the introspection peer's runs, default 1), BACKBENCH_CHROMIUM (default /usr/bin/chromium).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions, CHROMIUM_PATH } from '../e2e/support/chromium';
import { measurePull } from './designer-pull';
import { measureCanvasFps, zoomTo, type FpsSample } from './support/canvas-fps';
import { sampleDiagram } from './support/design-sample';
import { startPeerPage } from './support/designer-peer-page';
import { createRpcClient } from './support/rpc-client';
import { interleave, median, ms, range, ratio, roundsFromEnv, table, verdict } from './support/stats';
import { signIn } from './support/web-auth';
import { startWebHostProcess } from './support/web-host-process';

const TABLES = Number(process.env.BENCH_DESIGN_TABLES ?? 500);
const FKS = Number(process.env.BENCH_FKS ?? 700);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = roundsFromEnv(3);
const FPS_GOAL = 30;
const PULL_GOAL_MS = 2000;
/** BENCH_PULL=0 leaves the introspection out. */
const WITH_PULL = process.env.BENCH_PULL !== '0';
const DESIGN_PATH = 'bench-designer.dbml';
const VIEWPORT = { width: 1280, height: 800 };

const fps = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

/** Waits until the canvas has drawn nodes and stopped adding them (the app may draw only the visible ones). */
async function settled(page: Page, flow: string, timeout: number): Promise<void> {
  await page.locator(`${flow} .react-flow__node`).first().waitFor({ timeout });
  let last = -1;
  for (;;) {
    const count = await page.locator(`${flow} .react-flow__node`).count();
    if (count === last) return;
    last = count;
    await page.waitForTimeout(500);
  }
}

interface Measured {
  /** From the whole diagram in view (as both open: fit view), every table on screen. */
  whole: FpsSample;
  /** From zoom 1 at the diagram's centre, a screenful of tables readable. */
  zoomed: FpsSample;
}

async function measure(browser: Browser, url: string, flow: string, timeout: number): Promise<Measured> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    // both fit the whole diagram in view when they open (the same fitView options)
    await settled(page, flow, timeout);
    const whole = await measureCanvasFps(page, flow, SECONDS);
    await zoomTo(page, flow, 1);
    await settled(page, flow, timeout);
    const zoomed = await measureCanvasFps(page, flow, SECONDS);
    return { whole, zoomed };
  } finally {
    await context.close();
  }
}

async function canvasBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'backbench-designer-'));
  const token = randomBytes(24).toString('hex');
  const diagram = sampleDiagram({ tables: TABLES, foreignKeys: FKS });
  const host = await startWebHostProcess(join(dir, 'data'), { token });
  const browser = await chromium.launch(chromiumLaunchOptions);
  let peer: Awaited<ReturnType<typeof startPeerPage>> | null = null;
  try {
    const rpc = createRpcClient(host.origin, await signIn(`${host.origin}/#token=${token}`));
    // the design file and its layout as the app writes them, and its tab open when the page loads
    await rpc.call('designer.write', { path: DESIGN_PATH, ...diagram });
    await rpc.call('workspace.saveTabs', {
      tabs: [{ id: 'bench-design', title: 'bench designer', connectionId: null, kind: 'design', path: DESIGN_PATH }],
      activeTabId: 'bench-design',
    });
    rpc.close();
    process.stdout.write('building the peer page… ');
    peer = await startPeerPage(join(dir, 'peer'), diagram);
    console.log('done');
    const peerUrl = peer.url;
    const ours = '[data-testid="design-canvas"] .react-flow';
    // warm-up (not counted): the host's first read of the design, the browser's caches
    await measure(browser, `${host.origin}/#token=${token}`, ours, 120_000);
    const samples = await interleave(
      ROUNDS,
      {
        ours: () => measure(browser, `${host.origin}/#token=${token}`, ours, 120_000),
        peer: () => measure(browser, peerUrl, '.react-flow', 300_000),
      },
      (round, r) =>
        console.log(
          `  round ${round + 1}/${ROUNDS}: whole diagram ours ${fps(r.ours.whole.fps)} fps, peer ${fps(r.peer.whole.fps)} fps; ` +
            `zoom 1 ours ${fps(r.ours.zoomed.fps)} fps, peer ${fps(r.peer.zoomed.fps)} fps`,
        ),
    );
    console.log(
      `\n${TABLES} tables, ${FKS} foreign keys; ${SECONDS} s of wheel zooms and background drags, ` +
        `${VIEWPORT.width}×${VIEWPORT.height}; median of ${ROUNDS} rounds (min–max)\n`,
    );
    const rows = (['whole', 'zoomed'] as const).flatMap((view) => {
      const label = view === 'whole' ? 'whole diagram in view' : 'at zoom 1';
      const ours = samples.ours.map((s) => s[view].fps);
      const peer = samples.peer.map((s) => s[view].fps);
      return [
        [
          `fps, ${label}`,
          `${fps(median(ours))} (${range(ours, fps)})`,
          `${fps(median(peer))} (${range(peer, fps)})`,
          ratio(median(ours) / median(peer)),
          `≥ ${FPS_GOAL}`,
          verdict(median(ours) >= FPS_GOAL),
        ],
        [
          `longest frame, ${label}`,
          ms(median(samples.ours.map((s) => s[view].worstFrameMs))),
          ms(median(samples.peer.map((s) => s[view].worstFrameMs))),
          '',
          '',
          '',
        ],
      ];
    });
    console.log(table(['measure', 'ours', 'peer', 'ours/peer (fps: higher is better)', 'goal', ''], rows));
    console.log(
      '\npeer: React Flow with default settings, every node and edge rendered (no onlyRenderVisibleElements, no ' +
        'simpler drawing when zoomed out), the same nodes, positions and edges (bench/designer-peer)',
    );
  } finally {
    await browser.close();
    await peer?.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!chromiumLaunchOptions.executablePath)
    throw new Error(`bench:designer needs Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  await canvasBench();
  if (WITH_PULL) await pullBench();
}

/** `designer.pull` on a 1,000-table PostgreSQL schema (bench/designer-pull.ts builds it and runs the peer). */
async function pullBench(): Promise<void> {
  console.log('\nintrospection: building a 1,000-table PostgreSQL schema (the peer takes minutes)…');
  const pull = await measurePull();
  console.log(
    `\n${pull.tables.toLocaleString('en-US')}-table PostgreSQL schema read into a design; median of our rounds, the peer once\n`,
  );
  console.log(
    table(
      ['measure', 'ours', 'peer', 'ours/peer (time: lower is better)', 'goal', ''],
      [
        [
          'introspection',
          ms(pull.oursMs),
          pull.peerMs === null ? 'failed' : ms(pull.peerMs),
          pull.peerMs === null ? '–' : ratio(pull.oursMs / pull.peerMs),
          `< ${PULL_GOAL_MS} ms`,
          verdict(pull.oursMs < PULL_GOAL_MS),
        ],
      ],
    ),
  );
  if (pull.peerMs !== null) console.log(`\nthe peer takes ${(pull.peerMs / pull.oursMs).toFixed(0)}× as long as ours`);
  console.log("peer: @dbml/connector 10.1.1 fetchSchemaJson (dbdiagram's db2dbml) on the same database");
}

await main();
