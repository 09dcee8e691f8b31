import type { Design, DesignLayout } from '../../../../../shared/design';
import type { LayoutMode } from './layout-design';

export interface LayoutRequest {
  id: number;
  design: Design;
  layout: DesignLayout;
  mode: LayoutMode;
}

export type LayoutResponse = { id: number; layout: DesignLayout } | { id: number; error: string };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(layout: DesignLayout): void; reject(error: Error): void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  // Vite bundles the worker and its imports (ELK included) as a separate module script of the same origin
  worker = new Worker(new URL('./auto-layout.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const request = pending.get(event.data.id);
    if (!request) return;
    pending.delete(event.data.id);
    if ('error' in event.data) request.reject(new Error(`Could not lay out the diagram: ${event.data.error}`));
    else request.resolve(event.data.layout);
  };
  worker.onerror = (event) => {
    // a worker that failed to load or crashed: every waiting request fails, the next call starts a new one
    for (const request of pending.values())
      request.reject(new Error(`Could not lay out the diagram: ${event.message}`));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/**
 * Positions tables with ELK (layered, in a web worker): `all` arranges the whole diagram; `new` places only the
 * tables the layout has no position for, keeping every position the user set.
 */
export function autoLayout(design: Design, layout: DesignLayout, mode: 'all' | 'new'): Promise<DesignLayout> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: LayoutRequest = { id, design, layout, mode };
    layoutWorker().postMessage(request);
  });
}
