/**
 * The big-body viewer's side in the core: a view per body handle (built on first open, the last `keep` kept,
 * their formatted copies next to the bodies as `<handle>.pretty` and removed with them), ranges of lines, and
 * search — one at a time per body: a new search, or `cancelSearch`, stops the one under way.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { BodyStore } from '../send/body-store';
import { BodyView, type BodyViewStatus, type LinesRange } from './body-view';
import { searchBody, type SearchPage } from './body-search';

export const MAX_LINES = 1000;
export const MAX_MATCHES = 10_000;

export class BodyViews {
  private readonly views = new Map<string, Promise<BodyView>>();
  private readonly searches = new Map<string, AbortController>();
  private readonly keep: number;

  constructor(
    private readonly bodies: BodyStore,
    options: { keep?: number } = {},
  ) {
    this.keep = options.keep ?? 4;
  }

  /** Opens (or finds) the view of a body and says how far its build has got. */
  async open(handle: string): Promise<BodyViewStatus> {
    return (await this.viewOf(handle)).status();
  }

  /** Resolves when the view's build is over (tests, and callers that want the whole count). */
  async whenBuilt(handle: string): Promise<BodyViewStatus> {
    const view = await this.viewOf(handle);
    await view.ready;
    return view.status();
  }

  async lines(input: { handle: string; start: number; count: number }): Promise<LinesRange & BodyViewStatus> {
    const view = await this.viewOf(input.handle);
    const range = await view.lines(input.start, Math.min(input.count, MAX_LINES));
    return { ...view.status(), ...range };
  }

  async search(input: {
    handle: string;
    query: string;
    caseSensitive: boolean;
    fromLine: number;
    fromColumn: number;
    limit: number;
  }): Promise<SearchPage & { cancelled: boolean }> {
    const view = await this.viewOf(input.handle);
    this.cancelSearch(input.handle);
    const controller = new AbortController();
    this.searches.set(input.handle, controller);
    try {
      const page = await searchBody(view, {
        query: input.query,
        caseSensitive: input.caseSensitive,
        from: { line: input.fromLine, column: input.fromColumn },
        limit: Math.min(input.limit, MAX_MATCHES),
        signal: controller.signal,
      });
      return { ...page, cancelled: false };
    } catch (error) {
      if (error instanceof AppError && error.code === 'REQUEST_CANCELLED')
        return { matches: [], complete: false, cancelled: true };
      throw error;
    } finally {
      if (this.searches.get(input.handle) === controller) this.searches.delete(input.handle);
    }
  }

  /** Stops the search under way on a body; false when none runs. */
  cancelSearch(handle: string): boolean {
    const running = this.searches.get(handle);
    running?.abort();
    this.searches.delete(handle);
    return running !== undefined;
  }

  /** Removes formatted copies whose body is gone (pruned by the body store). */
  async prune(): Promise<void> {
    const names = new Set(await readdir(this.bodies.dir));
    const orphans = [...names].filter(
      (name) => name.endsWith('.pretty') && !names.has(name.replace(/\.pretty$/, '.body')),
    );
    await Promise.all(orphans.map((name) => rm(join(this.bodies.dir, name), { force: true })));
  }

  async dispose(): Promise<void> {
    for (const controller of this.searches.values()) controller.abort();
    this.searches.clear();
    const views = [...this.views.values()];
    this.views.clear();
    await Promise.all(views.map((view) => view.then((open) => open.dispose()).catch(() => undefined)));
  }

  private viewOf(handle: string): Promise<BodyView> {
    const known = this.views.get(handle);
    if (known) {
      // most recently used last
      this.views.delete(handle);
      this.views.set(handle, known);
      return known;
    }
    // checks the handle and that the body is still kept (NOT_FOUND otherwise); concurrent opens share it
    const view = this.bodies
      .read(handle, 0, 0)
      .then(() => new BodyView(join(this.bodies.dir, `${handle}.body`), join(this.bodies.dir, `${handle}.pretty`)));
    this.views.set(handle, view);
    view.catch(() => {
      if (this.views.get(handle) === view) this.views.delete(handle);
    });
    while (this.views.size > this.keep) {
      const [oldest, old] = this.views.entries().next().value as [string, Promise<BodyView>];
      this.views.delete(oldest);
      this.cancelSearch(oldest);
      void old.then((dropped) => dropped.dispose()).catch(() => undefined);
    }
    return view;
  }
}
