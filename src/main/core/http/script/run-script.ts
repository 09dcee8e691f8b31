/**
 * Runs a pre-request or post-response script (issue 8, item 7) in a QuickJS sandbox inside a worker thread:
 * a fresh QuickJS runtime per run with a time limit (interrupt handler, and the worker ended from outside if
 * that is not enough), a memory limit and a stack limit; no `process`, `require`, modules, timers, file system
 * or network — the sandbox holds only the language, the `bb`/`pm` API and `console`, all built inside it from
 * JSON (sandbox-api.ts, sandbox-expect.ts). No host function is exposed to the script: data goes in as JSON
 * text and comes out as JSON text, checked here. A script error or a limit ends the script, never the caller's
 * run: the result says why, and keeps what the script did before when it can.
 */
import { z } from 'zod';
import { HttpMethodSchema } from '../../../../shared/http-request';
import { SandboxHost, type SandboxError, type SandboxOutcome } from './sandbox-host';
import type { ScriptRunInput, ScriptRunResult, WritableScope } from './script-types';
import { HEADER_NAME_TEMPLATE, WRITABLE_SCOPES } from './script-types';

export const DEFAULT_SCRIPT_LIMITS = { timeMs: 1000, memoryBytes: 32 * 1024 * 1024, stackBytes: 256 * 1024 };

const Changes = z.record(z.string(), z.string().nullable());
const OutputSchema = z.object({
  tests: z.array(z.object({ name: z.string(), passed: z.boolean(), error: z.string().optional() })),
  variables: z.object({ runtime: Changes, environment: Changes, collection: Changes, globals: Changes }),
  logs: z.array(z.object({ level: z.enum(['log', 'info', 'warn', 'error', 'debug']), message: z.string() })),
  request: z
    .object({
      method: HttpMethodSchema,
      url: z.string().min(1, { error: 'the URL must not be empty' }),
      headers: z.array(
        z.tuple([
          // `{{variables}}` resolve after the script: the resolved name is checked then (scripted-send.ts)
          z.string().regex(HEADER_NAME_TEMPLATE, { error: 'a header name has characters HTTP forbids' }),
          z.string().regex(/^[^\r\n\0]*$/, { error: 'a header value must not contain line breaks' }),
        ]),
      ),
      body: z.string().nullable(),
    })
    .optional(),
});

let sharedHost: SandboxHost | undefined;

/** Runs one script; `host` defaults to one worker shared by every caller (scripts run one at a time). */
export async function runScript(input: ScriptRunInput, host?: SandboxHost): Promise<ScriptRunResult> {
  const limits = { ...DEFAULT_SCRIPT_LIMITS, ...input.limits };
  const empty = emptyResult(input);
  if (input.code.trim() === '') return empty;
  const sandboxInput = {
    phase: input.phase,
    request: input.request,
    response: input.response && { ...input.response, body: undefined },
    variables: input.variables ?? {},
    info: input.info ?? {},
  };
  const inputJson = JSON.stringify(sandboxInput);
  const responseBody = input.response?.body;
  const outcome = await (host ?? (sharedHost ??= new SandboxHost())).run({
    code: input.code,
    fileName: input.phase === 'preRequest' ? 'pre-request.js' : 'post-response.js',
    inputJson,
    responseBody,
    // strings take up to 2 bytes a character in QuickJS, and the sandbox parses its input once
    inputBytes: 4 * (inputJson.length + (responseBody?.length ?? 0)) + 4 * 1024 * 1024,
    limits,
  });
  return toResult(outcome, input, limits);
}

/** Ends the shared worker (app shutdown, tests); the next run starts a new one. */
export async function closeScriptSandbox(): Promise<void> {
  const host = sharedHost;
  sharedHost = undefined;
  await host?.close();
}

function toResult(
  outcome: SandboxOutcome,
  input: ScriptRunInput,
  limits: typeof DEFAULT_SCRIPT_LIMITS,
): ScriptRunResult {
  const empty = emptyResult(input);
  if (outcome.kind === 'timeout') return { ...empty, error: timeMessage(limits) };
  if (outcome.kind === 'hostError') {
    const stack = outcome.error.name === 'RangeError' && /call stack/i.test(outcome.error.message);
    return {
      ...empty,
      error: stack ? stackMessage(limits) : `Script stopped: the sandbox failed (${outcome.error.message})`,
    };
  }
  const stopped = outcome.stop && describeStop(outcome.stop, limits);
  if (outcome.outputJson === undefined) {
    const why = outcome.outputError ? `${outcome.outputError.name}: ${outcome.outputError.message}` : 'no output';
    return { ...empty, error: stopped ?? `Script stopped: its results could not be read (${why})` };
  }
  const parsed = OutputSchema.safeParse(JSON.parse(outcome.outputJson));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    return {
      ...empty,
      error: stopped ?? `Script error: the request it left is not valid (${where}: ${issue?.message ?? ''})`,
    };
  }
  const result: ScriptRunResult = parsed.data;
  if (input.phase !== 'preRequest') delete result.request;
  return stopped ? { ...result, error: stopped } : result;
}

function describeStop(error: SandboxError, limits: typeof DEFAULT_SCRIPT_LIMITS): string {
  const { name, message } = error;
  if (name === 'InternalError' && message === 'interrupted') return timeMessage(limits);
  if (name === 'InternalError' && message === 'out of memory') {
    return `Script stopped: it used more than ${formatBytes(limits.memoryBytes)} of memory`;
  }
  if (
    (name === 'InternalError' && message === 'stack overflow') ||
    (name === 'RangeError' && /call stack/i.test(message))
  ) {
    return stackMessage(limits);
  }
  const line = /(?:pre-request|post-response)\.js:(\d+)/.exec(error.stack ?? '')?.[1];
  return `Script error: ${name}: ${message}${line ? ` (line ${line})` : ''}`;
}

const timeMessage = (limits: typeof DEFAULT_SCRIPT_LIMITS) => `Script stopped: it ran longer than ${limits.timeMs} ms`;
const stackMessage = (limits: typeof DEFAULT_SCRIPT_LIMITS) =>
  `Script stopped: it nested calls too deeply (more than ${formatBytes(limits.stackBytes)} of stack)`;

function emptyResult(input: ScriptRunInput): ScriptRunResult {
  const variables = Object.fromEntries(WRITABLE_SCOPES.map((scope) => [scope, {}])) as Record<
    WritableScope,
    Record<string, string | null>
  >;
  return { tests: [], variables, logs: [], ...(input.phase === 'preRequest' ? { request: input.request } : {}) };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
