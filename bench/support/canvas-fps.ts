import type { Page } from '@playwright/test';

export interface FpsSample {
  fps: number;
  /** The longest gap between two frames. */
  worstFrameMs: number;
  frames: number;
  seconds: number;
}

// the page functions are string expressions: the bench is compiled without the DOM library (as e2e/ is)

/** A point of the flow's empty background (a drag there pans; on a node it would move the node), or null. */
async function emptyPoint(page: Page, flow: string): Promise<{ x: number; y: number } | null> {
  return (await page.evaluate(`(() => {
    const box = document.querySelector(${JSON.stringify(flow)}).getBoundingClientRect();
    const step = 24;
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    // nearest to the centre first, away from the edges (controls, minimap)
    const points = [];
    for (let x = box.left + 80; x < box.right - 320; x += step)
      for (let y = box.top + 60; y < box.bottom - 200; y += step) points.push([x, y, Math.hypot(x - cx, y - cy)]);
    points.sort((a, b) => a[2] - b[2]);
    for (const [x, y] of points) {
      const el = document.elementFromPoint(x, y);
      if (el && el.classList.contains('react-flow__pane')) return { x, y };
    }
    return null;
  })()`)) as { x: number; y: number } | null;
}

async function drag(page: Page, flow: string, dx: number, dy: number): Promise<void> {
  const from = await emptyPoint(page, flow);
  if (!from) return;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 12 });
  await page.mouse.up();
}

async function zoom(page: Page, flow: string, ticks: number, deltaY: number): Promise<void> {
  const box = (await page.evaluate(`(() => {
    const r = document.querySelector(${JSON.stringify(flow)}).getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })()`)) as { x: number; y: number };
  await page.mouse.move(box.x, box.y);
  for (let i = 0; i < ticks; i++) {
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(16);
  }
}

/**
 * Frames per second while the user pans and zooms: requestAnimationFrame counted in the page while the bench drags
 * the background around and turns the wheel (in, pans, out, pans) for `seconds`. Every frame the page could not
 * make in time (a long layout, a long React render) is missing from the count.
 */
export async function measureCanvasFps(page: Page, flow: string, seconds: number): Promise<FpsSample> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__counting = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const until = Date.now() + seconds * 1000;
  const script = [
    () => zoom(page, flow, 5, -120),
    () => drag(page, flow, 260, 160),
    () => drag(page, flow, -260, -160),
    () => zoom(page, flow, 5, 120),
    () => drag(page, flow, -220, 120),
    () => drag(page, flow, 220, -120),
  ];
  // the deadline is checked between gestures: a slow page finishes the one it is in
  for (let i = 0; Date.now() < until; i++) await script[i % script.length]!();
  await page.evaluate('window.__counting = false');
  const frames = (await page.evaluate('window.__frames')) as number[];
  const elapsed = (frames[frames.length - 1]! - frames[0]!) / 1000;
  let worst = 0;
  for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i]! - frames[i - 1]!);
  return { fps: (frames.length - 1) / elapsed, worstFrameMs: worst, frames: frames.length, seconds: elapsed };
}

/** The flow's zoom, from its viewport's transform (`translate(x, y) scale(z)`). */
async function currentZoom(page: Page, flow: string): Promise<number> {
  return (await page.evaluate(`(() => {
    const t = document.querySelector(${JSON.stringify(`${flow} .react-flow__viewport`)}).style.transform;
    const m = /scale\\(([\\d.]+)\\)/.exec(t);
    return m ? Number(m[1]) : 1;
  })()`)) as number;
}

/** Turns the wheel over the flow's centre until the zoom reaches `target` (a working zoom: tables readable). */
export async function zoomTo(page: Page, flow: string, target: number): Promise<number> {
  for (let i = 0; i < 60 && (await currentZoom(page, flow)) < target; i++) {
    await zoom(page, flow, 1, -120);
    await page.waitForTimeout(50);
  }
  return currentZoom(page, flow);
}
