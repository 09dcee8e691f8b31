/**
 * One send with its scripts and assertions (issue 8, item 7): the inherited pre-request scripts (collection,
 * folders, request) change the request and the variables; then `{{variables}}` are resolved with what they left
 * and the request is sent; then the post-response scripts run and the request's declarative assertions are
 * evaluated. The response always comes back with what the scripts and assertions said.
 */
import { AppError } from '../../../../shared/errors';
import type { HttpRequestFile, KeyValue, RequestBody } from '../../../../shared/http-request';
import { evaluateAssertions, type AssertionResult } from '../assertions/evaluate-assertions';
import type { EffectiveRequest } from '../collections/inheritance';
import type { BodyStore } from '../send/body-store';
import type { HttpResponse, OutgoingRequest } from '../send/send-types';
import { HEADER_NAME, type ScriptRequest } from '../script/script-types';
import { resolveRequest } from '../variables/resolve-request';
import { VariableResolver } from '../variables/variable-resolver';
import { inlineText, responseText } from './response-text';
import { runPostResponseScripts, runPreRequestScripts, type RunIteration, type ScriptReport } from './script-chain';
import type { ScriptVariables } from './script-variables';

export interface SendResult extends HttpResponse {
  tests: ScriptReport['tests'];
  assertions: AssertionResult[];
  scriptLogs: ScriptReport['logs'];
  scriptErrors: ScriptReport['errors'];
}

export async function scriptedSend(input: {
  effective: EffectiveRequest;
  variables: ScriptVariables;
  baseDir: string;
  filesRoot: string;
  bodies: BodyStore;
  now: () => Date;
  send: (outgoing: OutgoingRequest) => Promise<HttpResponse>;
  /** Called once the scripts are done (also when a pre-request script or the send failed): keeps the changes. */
  keep: () => string[] | Promise<string[]>;
  /** Set by the collection runner: scripts see the iteration and its data row. */
  iteration?: RunIteration;
}): Promise<SendResult> {
  const { effective, variables } = input;
  const inherited = { scripts: effective.scripts, from: effective.scriptsFrom };
  const report: ScriptReport = { tests: [], logs: [], errors: [] };
  const requestName = effective.request.name;
  let kept = false;
  try {
    let request = effective.request;
    let headers = effective.headers;
    if (effective.scripts.length > 0 && effective.scripts.some((scripts) => scripts.preRequest?.trim())) {
      const changed = await runPreRequestScripts({
        inherited,
        request: scriptRequestOf(request, headers),
        variables,
        requestName,
        report,
        iteration: input.iteration,
      });
      ({ request, headers } = applyScriptRequest(request, changed));
    }
    const resolver = new VariableResolver(variables.layers(), input.now);
    const outgoing = resolveRequest(
      {
        request,
        headers,
        auth: effective.auth,
        settings: effective.settings,
        baseDir: input.baseDir,
        filesRoot: input.filesRoot,
      },
      resolver,
    );
    checkHeaderNames(outgoing);
    const response = await input.send(outgoing);

    const hasPost = effective.scripts.length > 0 && effective.scripts.some((scripts) => scripts.postResponse?.trim());
    const assertions = request.assertions ?? [];
    if (hasPost || assertions.length > 0) {
      const body = response.body.data !== null ? inlineText(response) : await responseText(response, input.bodies);
      if (body.note) report.errors.push({ script: null, phase: 'postResponse', message: body.note });
      // pairs only for what reads headers (a script, a header assertion)
      const headerPairs =
        hasPost || assertions.some((assertion) => assertion.target === 'header')
          ? response.headers.map(({ name, value }): [string, string] => [name, value])
          : [];
      if (hasPost) {
        await runPostResponseScripts({
          inherited,
          request: scriptRequestOf(outgoing, outgoing.headers),
          response: {
            status: response.status,
            statusText: response.statusText,
            headers: headerPairs,
            body: body.text,
            timeMs: response.totalMs,
            size: response.body.size,
          },
          variables,
          requestName,
          report,
          iteration: input.iteration,
        });
      }
      const results = evaluateAssertions({
        assertions,
        response: { status: response.status, headers: headerPairs, body: body.text, timeMs: response.totalMs },
      });
      kept = true;
      const notes = input.keep();
      addNotes(report, notes instanceof Promise ? await notes : notes);
      return withReport(response, report, results);
    }
    kept = true;
    const notes = input.keep();
    addNotes(report, notes instanceof Promise ? await notes : notes);
    return withReport(response, report, []);
  } finally {
    // a pre-request script that failed, or a send that failed, still keeps the variables set before
    if (!kept) {
      try {
        addNotes(report, await input.keep());
      } catch {
        // the failure that brought us here is the one to report
      }
    }
  }
}

/** Notes of variable changes that had nowhere to go, with the errors. */
function addNotes(report: ScriptReport, notes: readonly string[]): void {
  for (const note of notes) report.errors.push({ script: null, phase: 'postResponse', message: note });
}

/** A header name valid only once resolved (`X-{{prefix}}`) is checked here, after resolution, with the name it got. */
function checkHeaderNames(outgoing: OutgoingRequest): void {
  const bad = outgoing.headers.find((header) => !HEADER_NAME.test(header.name));
  if (bad) {
    throw new AppError(
      'INVALID_INPUT',
      `The header name "${bad.name}" has characters HTTP forbids (after its variables were filled in). Fix the name or the variable it uses.`,
      { header: bad.name },
    );
  }
}

/** The sender's response (a fresh object, ours) with what the scripts and assertions said. */
function withReport(response: HttpResponse, report: ScriptReport, assertions: AssertionResult[]): SendResult {
  return Object.assign(response, {
    tests: report.tests,
    scriptLogs: report.logs,
    scriptErrors: report.errors,
    assertions,
  });
}

/** Kinds of body a script sees (and may change) as text. */
const TEXT_BODIES = new Set(['json', 'text', 'xml', 'soap']);

function bodyText(body: RequestBody | undefined): string | null {
  return body && 'text' in body && TEXT_BODIES.has(body.type) ? body.text : null;
}

function scriptRequestOf(
  request: Pick<HttpRequestFile, 'method' | 'url' | 'body'>,
  headers: readonly KeyValue[],
): ScriptRequest {
  return {
    method: request.method,
    url: request.url,
    headers: headers.filter((row) => row.enabled !== false).map((row) => [row.name, row.value]),
    body: bodyText(request.body),
  };
}

/**
 * The request a pre-request script left, back in the file model (still with its `{{variables}}`): method, URL,
 * headers (the script's list replaces the inherited one) and a text body. A body the script cannot see
 * (form, multipart, file, GraphQL) is kept unless the script set one.
 */
function applyScriptRequest(
  request: HttpRequestFile,
  changed: ScriptRequest,
): { request: HttpRequestFile; headers: KeyValue[] } {
  const before = bodyText(request.body);
  let body = request.body;
  if (changed.body !== before) {
    if (changed.body === null) body = before === null ? body : { type: 'none' };
    else if (request.body && TEXT_BODIES.has(request.body.type))
      body = { ...request.body, text: changed.body } as RequestBody;
    else body = { type: 'text', text: changed.body };
  }
  return {
    request: { ...request, method: changed.method, url: changed.url, ...(body ? { body } : {}) },
    headers: changed.headers.map(([name, value]) => ({ name, value })),
  };
}
