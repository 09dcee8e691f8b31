/**
 * The HTTP client's send path: a request (from the editor, saved or not) → inheritance from its folders and
 * collection → pre-request scripts → variables of every scope → the sender → post-response scripts and
 * assertions (run/scripted-send.ts); cancel by the caller's send id; big bodies read back in ranges; the
 * variables a request would see. Runtime variables set by scripts live for the session (this service's life).
 */
import { AppError } from '../../../shared/errors';
import type { Auth, HttpRequestFile, Variable } from '../../../shared/http-request';
import type { OAuth2Auth } from './auth/oauth2-client';
import type { CollectionService } from './collections/collection-service';
import type { HttpHistoryRecorder } from './history/history-recorder';
import { GLOBALS_PATH, type EnvironmentFiles } from './collections/environment-files';
import { inherit } from './collections/inheritance';
import type { BodyStore } from './send/body-store';
import type { HttpSender } from './send/http-sender';
import type { OutgoingRequest } from './send/send-types';
import { scriptedSend, type SendResult } from './run/scripted-send';
import { ScriptVariables, VariableWriter } from './run/script-variables';
import { layerOf, VariableResolver, type VariableLayer, type VariableScope } from './variables/variable-resolver';

export interface SendInput {
  sendId: string;
  request: HttpRequestFile;
  /** Its request file, for inheritance, collection variables and relative body files. */
  path?: string;
  environment?: string | null;
  /** Runtime variables (set by scripts); they win over every other scope. */
  variables?: Record<string, string>;
}

/** What a send went through, for its history entry. */
interface SendTrace {
  outgoing?: OutgoingRequest;
  secrets?: string[];
}

export interface VariableScopesInput {
  path?: string;
  environment?: string | null;
  variables?: Record<string, string>;
}

export interface VisibleVariable {
  name: string;
  value: string;
  scope: VariableScope;
  secret: boolean;
}

export class HttpService {
  private readonly running = new Map<string, AbortController>();
  /** Runtime variables set by scripts, kept until the app (or workspace) closes. */
  private readonly sessionVariables = new Map<string, string>();
  private readonly writer: VariableWriter;

  constructor(
    private readonly deps: {
      collections: CollectionService;
      environments: EnvironmentFiles;
      bodies: BodyStore;
      sender: () => Promise<HttpSender>;
      workspaceDir: string;
      now: () => Date;
      /** Keeps sends made with `{ record: true }` in the HTTP history. */
      history?: HttpHistoryRecorder;
    },
  ) {
    this.writer = new VariableWriter(deps);
  }

  /** `record`: keep this send in the HTTP history (sends from the app; a run of a collection is not recorded). */
  async send(input: SendInput, options: { record?: boolean } = {}): Promise<SendResult> {
    if (!options.record || !this.deps.history) return this.sendOnce(input, {});
    const history = this.deps.history;
    const trace: SendTrace = {};
    const startedAt = this.deps.now();
    const started = performance.now();
    const finished = { startedAt, request: input.request, path: input.path ?? null };
    const secrets = () => trace.secrets ?? [];
    try {
      const result = await this.sendOnce(input, trace);
      const durationMs = performance.now() - started;
      const outgoing = trace.outgoing ?? null;
      await history.record({ ...finished, durationMs, outgoing, secrets: secrets(), response: result, error: null });
      return result;
    } catch (error) {
      const durationMs = performance.now() - started;
      const outgoing = trace.outgoing ?? null;
      await history.record({ ...finished, durationMs, outgoing, secrets: secrets(), response: null, error });
      throw error;
    }
  }

  private async sendOnce(input: SendInput, trace: SendTrace): Promise<SendResult> {
    if (this.running.has(input.sendId)) {
      throw new AppError('CONFLICT', `A send with the id "${input.sendId}" is already under way.`, {
        sendId: input.sendId,
      });
    }
    const controller = new AbortController();
    this.running.set(input.sendId, controller);
    try {
      const { collections } = this.deps;
      const effective = input.path
        ? await collections.effective(input.path, input.request)
        : inherit(input.request, { collection: null, folders: [] });
      const baseDir = input.path ? await collections.baseDirOf(input.path) : this.deps.workspaceDir;
      const scopes = await this.scopes({ ...input, collectionVariables: effective.collectionVariables });
      trace.secrets = scopes.flatMap((entry) => entry.variables.flatMap((v) => (v.secret && v.value ? [v.value] : [])));
      const of = (scope: VariableScope) => scopes.find((entry) => entry.scope === scope)?.variables ?? [];
      const variables = new ScriptVariables({
        globals: of('global'),
        collection: of('collection'),
        environment: of('environment'),
        runtime: of('runtime'),
      });
      const sender = await this.deps.sender();
      return await scriptedSend({
        effective,
        variables,
        baseDir,
        filesRoot: this.deps.workspaceDir,
        bodies: this.deps.bodies,
        now: this.deps.now,
        send: (outgoing) => {
          trace.outgoing = outgoing;
          return sender.send(outgoing, controller.signal);
        },
        keep: () => {
          for (const [name, value] of Object.entries(variables.changed.runtime)) {
            if (value === null) this.sessionVariables.delete(name);
            else this.sessionVariables.set(name, value);
          }
          return this.writer.write({
            changed: variables.changed,
            environment: input.environment ?? null,
            collection: input.path ? input.path.split('/')[0]! : null,
          });
        },
      });
    } finally {
      this.running.delete(input.sendId);
    }
  }

  cancel(sendId: string): boolean {
    const controller = this.running.get(sendId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  /** Every variable in scope for a request, narrowest scope winning, sorted by name. */
  async visibleVariables(input: VariableScopesInput): Promise<VisibleVariable[]> {
    const collectionVariables = input.path
      ? (await this.deps.collections.effective(input.path)).collectionVariables
      : [];
    const byName = new Map<string, VisibleVariable>();
    for (const { scope, variables } of await this.scopes({ ...input, collectionVariables })) {
      const layer: VariableLayer = layerOf(scope, variables);
      for (const [name, value] of layer.values) {
        const secret = variables.find((variable) => variable.name === name)?.secret === true;
        byName.set(name, { name, value, scope, secret });
      }
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * An OAuth 2.0 auth with its `{{variables}}` resolved: the one given, else the effective one of the request
   * file at `path` (inherited from its folder or collection). INVALID_INPUT when there is none.
   */
  async resolveOAuth2(
    input: VariableScopesInput & { auth?: Auth },
  ): Promise<{ auth: OAuth2Auth; from: string | null }> {
    let auth = input.auth;
    let from: string | null = auth && auth.type !== 'inherit' ? 'request' : null;
    if ((!auth || auth.type === 'inherit') && input.path) {
      const effective = await this.deps.collections.effective(input.path);
      auth = effective.auth;
      from = effective.authFrom;
    }
    if (!auth || auth.type !== 'oauth2') {
      throw new AppError('INVALID_INPUT', 'This request does not use OAuth 2.0 auth; choose OAuth 2.0 first.', {
        field: 'auth',
      });
    }
    const collectionVariables = input.path
      ? (await this.deps.collections.effective(input.path)).collectionVariables
      : [];
    const layers = (await this.scopes({ ...input, collectionVariables })).map(({ scope, variables }) =>
      layerOf(scope, variables),
    );
    const resolver = new VariableResolver(layers, this.deps.now);
    const resolved: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(auth)) {
      resolved[key] =
        typeof value === 'string' && key !== 'type' && key !== 'grant' ? resolver.resolveStrict(value) : value;
    }
    return { auth: resolved as OAuth2Auth, from };
  }

  /** Forgets the runtime variables scripts set this session; returns how many there were. */
  clearRuntimeVariables(): number {
    const removed = this.sessionVariables.size;
    this.sessionVariables.clear();
    return removed;
  }

  /** A range of a body kept on disk; utf8 ranges end on a whole character. */
  async readBody(input: { handle: string; offset: number; length: number; encoding?: 'utf8' | 'base64' }) {
    const range = await this.deps.bodies.read(input.handle, input.offset, input.length);
    const encoding = input.encoding ?? 'utf8';
    const atEnd = range.offset + range.length >= range.size;
    const cut = encoding === 'utf8' && !atEnd ? utf8Boundary(range.bytes) : range.length;
    const bytes = range.bytes.subarray(0, cut);
    return {
      offset: range.offset,
      nextOffset: range.offset + cut,
      size: range.size,
      encoding,
      data: bytes.toString(encoding),
    };
  }

  /** Scopes widest first: globals, the collection's, the environment's, the runtime ones (session's, then the caller's). */
  private async scopes(input: VariableScopesInput & { collectionVariables: Variable[] }) {
    const { environments } = this.deps;
    const scopes: { scope: VariableScope; variables: Variable[] }[] = [
      { scope: 'global', variables: (await environments.read(GLOBALS_PATH)).variables },
      { scope: 'collection', variables: input.collectionVariables },
    ];
    if (input.environment) {
      scopes.push({ scope: 'environment', variables: (await environments.read(input.environment)).variables });
    }
    const runtime = { ...Object.fromEntries(this.sessionVariables), ...input.variables };
    if (Object.keys(runtime).length > 0) {
      scopes.push({
        scope: 'runtime',
        variables: Object.entries(runtime).map(([name, value]) => ({ name, value })),
      });
    }
    return scopes;
  }
}

/** Where `bytes` can be cut without splitting a UTF-8 character (drops an incomplete one at the end). */
export function utf8Boundary(bytes: Buffer): number {
  let start = bytes.length;
  // back over continuation bytes (10xxxxxx) to the lead byte of the last character
  while (start > 0 && bytes.length - start < 4 && (bytes[start - 1]! & 0xc0) === 0x80) start--;
  if (start === 0) return bytes.length;
  const lead = bytes[start - 1]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - (start - 1) >= need ? bytes.length : start - 1;
}
