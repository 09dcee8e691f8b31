/**
 * The mocks of a workspace (issue 7): files in `mocks/`, the servers of those that run, and the events the
 * Mocks panel follows. A running mock keeps its server while its file changes — a save from the app or an
 * edit outside it swaps the routes under the open socket (log, sequential counters and template globals
 * kept); a file that stops loading leaves the old routes serving and says why in its status.
 */
import { dirname } from 'node:path';
import type { MockRequestDetail, MockRequestSummary, MockSummary } from '../../../shared/contract/mock.contract';
import { AppError } from '../../../shared/errors';
import type { EmitFn } from '../../../shared/events';
import type { MockDefinition, MockRoute } from '../../../shared/mock-definition';
import type { Logger } from '../logging/logger';
import { compileMock } from './compile-mock';
import { firstFreePort } from './free-port';
import { MockFiles, slugify } from './mock-files';
import { parseMockYaml, stringifyMock } from './mock-file';
import { jsonResponse, type MockHandler } from './mock-http';
import { createMockServer, type MockServer } from './mock-server';
import { fileSummary, loadMockText, messageOf, runningSummary, type LoadedMock } from './mock-summary';
import { watchMocksFolder, type FolderWatch } from './mocks-folder-watcher';
import { createRequestBatcher, detailOfEntry, summarizeEntry, type RequestBatcher } from './request-batcher';
import { compileTemplate } from './templating/compile-template';

/** A definition's REST resources, bound to their tables: the handler answers what no route matches. */
export interface ResourceBinding {
  handler: MockHandler;
  close(): Promise<void>;
}

/** Binds a definition's `resources`; throws naming the connection or table that is missing. */
export type ResourceBinder = (definition: MockDefinition, fileName: string) => Promise<ResourceBinding>;

export interface MockServiceOptions {
  workspaceDir: string;
  emit: EmitFn;
  logger: Logger;
  bindResources?: ResourceBinder;
  /** Where mocks with `https: true` keep their local certificate (the app's data dir). */
  tlsDir?: string;
  /** Port `create` starts looking from (3001). */
  firstPort?: number;
  /** Quiet time after a file changes on disk before it is read (100 ms). */
  watchDebounceMs?: number;
}

interface Runtime {
  server: MockServer;
  running: boolean;
  binding: ResourceBinding | null;
  /** Whether the server got the resources' handler (fixed at start: it decides what the proxy takes). */
  hasFallback: boolean;
  batcher: RequestBatcher;
  unsubscribe: () => void;
  /** Why the file's current text is not what serves (it does not load; a new port waits for a restart). */
  fileError: string | null;
}

export class MockService {
  readonly files: MockFiles;
  private readonly runtimes = new Map<string, Runtime>();
  private readonly failures = new Map<string, string>();
  private readonly starting = new Set<string>();
  /** The text last read or written for each file: an edit event that changed nothing is ignored. */
  private readonly known = new Map<string, string>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly watch: FolderWatch;

  constructor(private readonly options: MockServiceOptions) {
    this.files = new MockFiles(options.workspaceDir);
    this.watch = watchMocksFolder({
      root: this.files.root,
      debounceMs: options.watchDebounceMs,
      onChange: (path) => void this.locked(path, () => this.fileChanged(path)).catch((error) => this.warn(error, path)),
      onError: (error) => this.warn(error, 'mocks folder'),
    });
  }

  async list(): Promise<MockSummary[]> {
    const paths = new Set(await this.files.list());
    for (const [path, runtime] of this.runtimes) if (runtime.running) paths.add(path);
    return Promise.all([...paths].sort((a, b) => a.localeCompare(b)).map((path) => this.summary(path)));
  }

  async read(
    given: string,
  ): Promise<{ path: string; text: string; definition: MockDefinition | null; error: string | null }> {
    const path = await this.files.normalize(given);
    const text = await this.files.readText(path);
    this.known.set(path, text);
    const loaded = loadMockText(text, path);
    return { path, text, definition: loaded.definition, error: loaded.error };
  }

  /** Writes the file (refused, file untouched, when it does not load); a running mock reloads from it. */
  async save(input: { path: string; definition?: MockDefinition; text?: string }): Promise<MockSummary> {
    if ((input.definition === undefined) === (input.text === undefined)) {
      throw new AppError('INVALID_INPUT', 'Give the mock as definition or as text, exactly one of them.', {
        field: 'definition',
      });
    }
    const path = await this.files.normalize(input.path);
    return this.locked(path, async () => {
      const text = input.text ?? stringifyMock(input.definition!);
      const definition = input.text !== undefined ? parseMockYaml(input.text, path) : input.definition!;
      // a template or route path that does not compile is refused before the file is touched
      compileMock(definition, {
        root: dirname(await this.files.resolve(path)),
        compileBody: compileTemplate,
        fileName: path,
      });
      await this.files.writeText(path, text);
      this.known.set(path, text);
      const runtime = this.runtimes.get(path);
      // saved either way; a running mock that cannot take it (a resource's connection is gone) keeps its old
      // routes, and its summary's error says why
      if (runtime?.running) await this.apply(path, runtime, definition).catch(() => undefined);
      else this.failures.delete(path);
      return this.emitStatus(path);
    });
  }

  async create(name: string): Promise<MockSummary> {
    return this.add({ name, port: 0, routes: [] });
  }

  /** Writes `definition` as a new mock file named from its name, on a free port; CONFLICT if the file exists. */
  async add(given: MockDefinition): Promise<MockSummary> {
    const path = `${slugify(given.name)}.yaml`;
    return this.locked(path, async () => {
      if (await this.files.exists(path)) {
        throw new AppError('CONFLICT', `A mock file "${path}" already exists; choose another name.`, { path });
      }
      const definition: MockDefinition = { ...given, port: await this.freePort() };
      const text = stringifyMock(definition);
      await this.files.writeText(path, text);
      this.known.set(path, text);
      return this.emitStatus(path);
    });
  }

  async delete(given: string): Promise<{ deleted: boolean }> {
    const path = await this.files.normalize(given);
    return this.locked(path, async () => {
      await this.stopRuntime(path);
      this.runtimes.delete(path);
      this.failures.delete(path);
      this.known.delete(path);
      return { deleted: await this.files.delete(path) };
    });
  }

  async start(given: string): Promise<MockSummary> {
    const path = await this.files.normalize(given);
    return this.locked(path, async () => {
      if (this.runtimes.get(path)?.running) return this.summary(path);
      await this.assertExists(path);
      this.failures.delete(path);
      this.starting.add(path);
      await this.emitStatus(path);
      try {
        await this.launch(path);
      } catch (error) {
        this.failures.set(path, messageOf(error));
        throw error;
      } finally {
        this.starting.delete(path);
        await this.emitStatus(path).catch((error) => this.warn(error, path));
      }
      return this.summary(path);
    });
  }

  async stop(given: string): Promise<MockSummary> {
    const path = await this.files.normalize(given);
    return this.locked(path, async () => {
      if (!this.runtimes.get(path)?.running) await this.assertExists(path);
      await this.stopRuntime(path);
      this.failures.delete(path);
      return this.emitStatus(path);
    });
  }

  /** Without `afterId`: the last `limit`; with it: the first `limit` after it. Newest last. */
  async requests(input: { path: string; afterId?: number; limit?: number }): Promise<MockRequestSummary[]> {
    const entries = await this.logOf(input.path);
    const limit = input.limit ?? 1000;
    if (input.afterId === undefined) return entries.slice(-limit).map(summarizeEntry);
    return entries
      .filter((entry) => entry.id > input.afterId!)
      .slice(0, limit)
      .map(summarizeEntry);
  }

  async request(input: { path: string; id: number }): Promise<MockRequestDetail> {
    const entry = (await this.logOf(input.path)).find((candidate) => candidate.id === input.id);
    if (!entry) {
      throw new AppError('NOT_FOUND', `Request ${input.id} of ${input.path} is no longer in the log.`, input);
    }
    return detailOfEntry(entry);
  }

  async clearRequests(given: string): Promise<{ cleared: boolean }> {
    const path = await this.files.normalize(given);
    const runtime = this.runtimes.get(path);
    runtime?.server.log.clear();
    return { cleared: runtime !== undefined };
  }

  /** The routes the running mock's recording proxy made; `clear` forgets them once read. */
  async recorded(given: string, clear = false): Promise<MockRoute[]> {
    const path = await this.files.normalize(given);
    const runtime = this.runtimes.get(path);
    if (!runtime) {
      await this.assertExists(path);
      return [];
    }
    const routes = runtime.server.recorded();
    if (clear) runtime.server.clearRecorded();
    return routes;
  }

  /** Stops every mock and the folder watch. */
  async dispose(): Promise<void> {
    this.watch.close();
    await Promise.allSettled([...this.runtimes.keys()].map((path) => this.stopRuntime(path, false)));
  }

  private async launch(path: string): Promise<void> {
    const file = await this.files.resolve(path);
    const text = await this.files.readText(path);
    this.known.set(path, text);
    const definition = parseMockYaml(text, path);
    const binding = await this.bind(definition, path);
    // the binding can change on reload; the server keeps this one function, which asks the runtime for it
    const live: { runtime?: Runtime } = {};
    const fallback: MockHandler = (request) => {
      const current = live.runtime ? live.runtime.binding : binding;
      return current
        ? current.handler(request)
        : jsonResponse(404, {
            error: `No route for ${request.method} ${request.path}`,
            method: request.method,
            path: request.path,
          });
    };
    const server = createMockServer({
      definition,
      root: dirname(file),
      compileBody: compileTemplate,
      fileName: path,
      fallback: binding ? fallback : undefined,
      tlsDir: this.options.tlsDir,
      onError: (error, context) =>
        this.options.logger.debug({ file: path, ...context, error: messageOf(error) }, 'A mock request failed'),
    });
    try {
      await server.start();
    } catch (error) {
      await binding?.close();
      throw error;
    }
    const batcher = createRequestBatcher({
      send: (batch) => this.options.emit('mock.requestsLogged', { path, ...batch }),
    });
    const previous = this.runtimes.get(path);
    previous?.batcher.close();
    const runtime: Runtime = {
      server,
      running: true,
      binding,
      hasFallback: binding !== null,
      batcher,
      unsubscribe: server.log.subscribe((entry) => batcher.add(entry)),
      fileError: null,
    };
    live.runtime = runtime;
    this.runtimes.set(path, runtime);
  }

  /** Swaps a running mock to a new definition; throws (old routes kept) when it does not compile or bind. */
  private async apply(path: string, runtime: Runtime, definition: MockDefinition): Promise<void> {
    const before = runtime.server.definition().resources;
    const rebind = JSON.stringify(before ?? []) !== JSON.stringify(definition.resources ?? []);
    let binding: ResourceBinding | null = runtime.binding;
    try {
      if (rebind) binding = await this.bind(definition, path);
      const { restartNeeded } = runtime.server.reload(definition);
      const resourcesToggled = runtime.hasFallback !== (definition.resources ?? []).length > 0;
      runtime.fileError = restartNeeded
        ? `${path}: the new host, port or HTTPS setting applies after a restart (stop and start the mock).`
        : resourcesToggled
          ? `${path}: resources added or removed apply after a restart (stop and start the mock).`
          : null;
    } catch (error) {
      if (rebind) await binding?.close();
      runtime.fileError = messageOf(error);
      throw error;
    }
    if (rebind) {
      const old = runtime.binding;
      runtime.binding = binding;
      await old?.close();
    }
  }

  private async bind(definition: MockDefinition, path: string): Promise<ResourceBinding | null> {
    if (!definition.resources || definition.resources.length === 0) return null;
    if (!this.options.bindResources) {
      throw new AppError('NOT_SUPPORTED', `${path}: resources: REST resources cannot be served here.`, { path });
    }
    return this.options.bindResources(definition, path);
  }

  /** An edit on disk: a running mock reloads (or keeps its routes and reports why); others are re-listed. */
  private async fileChanged(path: string): Promise<void> {
    let text: string;
    try {
      text = await this.files.readText(path);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'FILE_NOT_FOUND') throw error;
      this.known.delete(path);
      const runtime = this.runtimes.get(path);
      if (runtime?.running) {
        runtime.fileError = `${path}: the file was deleted; the mock serves its last routes until it stops.`;
        await this.emitStatus(path);
      }
      return;
    }
    if (this.known.get(path) === text) return;
    this.known.set(path, text);
    const runtime = this.runtimes.get(path);
    if (runtime?.running) {
      try {
        await this.apply(path, runtime, parseMockYaml(text, path));
      } catch (error) {
        runtime.fileError = messageOf(error);
      }
    } else this.failures.delete(path);
    await this.emitStatus(path);
  }

  private async stopRuntime(path: string, flush = true): Promise<void> {
    const runtime = this.runtimes.get(path);
    if (!runtime?.running) return;
    runtime.running = false;
    runtime.unsubscribe();
    if (flush) runtime.batcher.flush();
    runtime.batcher.close();
    runtime.fileError = null;
    try {
      await runtime.server.stop();
    } finally {
      await runtime.binding?.close();
      runtime.binding = null;
    }
  }

  private async logOf(given: string) {
    const path = await this.files.normalize(given);
    const runtime = this.runtimes.get(path);
    if (runtime) return runtime.server.log.entries();
    await this.assertExists(path);
    return [];
  }

  private async assertExists(path: string): Promise<void> {
    if (!(await this.files.exists(path))) {
      throw new AppError('FILE_NOT_FOUND', `There is no mock file "${path}".`, { path });
    }
  }

  private async summary(path: string): Promise<MockSummary> {
    const runtime = this.runtimes.get(path);
    if (runtime?.running) return runningSummary(path, runtime.server, runtime.fileError);
    let loaded: LoadedMock;
    try {
      const text = await this.files.readText(path);
      this.known.set(path, text);
      loaded = loadMockText(text, path);
    } catch (error) {
      loaded = { definition: null, error: messageOf(error) };
    }
    const failure = this.failures.get(path);
    const state = this.starting.has(path) ? 'starting' : failure !== undefined ? 'failed' : 'stopped';
    return fileSummary(path, loaded, state, failure);
  }

  private async emitStatus(path: string): Promise<MockSummary> {
    const summary = await this.summary(path);
    this.options.emit('mock.statusChanged', summary);
    return summary;
  }

  /** Ports other mock files claim, so two new mocks never get the same one. */
  private async freePort(): Promise<number> {
    const taken = new Set<number>();
    for (const summary of await this.list()) if (summary.port !== null) taken.add(summary.port);
    return firstFreePort(this.options.firstPort ?? 3001, taken);
  }

  /** One operation at a time per mock file: a start racing a stop or a reload sees a settled state. */
  private locked<T>(path: string, run: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    const tail = next.catch(() => undefined);
    this.locks.set(path, tail);
    void tail.then(() => {
      if (this.locks.get(path) === tail) this.locks.delete(path);
    });
    return next;
  }

  private warn(error: unknown, path: string): void {
    this.options.logger.warn({ path, error: messageOf(error) }, 'A mock file could not be reloaded');
  }
}
