/**
 * Runs the scripts a request inherits, one after another, each seeing the variables as the ones before left
 * them. Pre-request and post-response scripts both run outermost first — collection, folders, request — as
 * Postman runs them (learning.postman.com, "Script execution order"). A post-response script's error or limit is
 * reported and the chain goes on; a pre-request one stops the send (the request it would have changed is not
 * sent), with an error naming the script.
 */
import { AppError } from '../../../../shared/errors';
import type { Scripts } from '../../../../shared/http-request';
import { runScript } from '../script/run-script';
import type { ScriptPhase, ScriptRequest, ScriptResponse } from '../script/script-types';
import type { ScriptVariables } from './script-variables';

export interface ScriptTest {
  script: string;
  name: string;
  passed: boolean;
  error?: string;
}
export interface ScriptLogEntry {
  script: string;
  phase: ScriptPhase;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}
export interface ScriptProblem {
  /** null for a note of the send itself (a body too big to read, a variable change with nowhere to go). */
  script: string | null;
  phase: ScriptPhase;
  message: string;
}
export interface ScriptReport {
  tests: ScriptTest[];
  logs: ScriptLogEntry[];
  errors: ScriptProblem[];
}

export interface InheritedScripts {
  scripts: Scripts[];
  /** Parallel to `scripts`: `collection`, a folder path or `request`. */
  from: string[];
}

/** `collection`, `request` or `folder "shop/users"`. */
export function scriptLabel(from: string): string {
  return from === 'collection' || from === 'request' ? from : `folder "${from}"`;
}

/** A collection run's iteration: its number and data-file row (`pm.iterationData`, `pm.info.iteration`). */
export interface RunIteration {
  index: number;
  data: Record<string, string>;
}

function scriptContext(input: { variables: ScriptVariables; requestName: string; iteration?: RunIteration }) {
  const variables = input.variables.forScript();
  if (!input.iteration) return { variables, info: { requestName: input.requestName } };
  return {
    variables: { ...variables, data: input.iteration.data },
    info: { requestName: input.requestName, iteration: input.iteration.index },
  };
}

export async function runPreRequestScripts(input: {
  inherited: InheritedScripts;
  request: ScriptRequest;
  variables: ScriptVariables;
  requestName: string;
  report: ScriptReport;
  iteration?: RunIteration;
}): Promise<ScriptRequest> {
  let request = input.request;
  for (const [index, scripts] of input.inherited.scripts.entries()) {
    const code = scripts.preRequest;
    if (!code?.trim()) continue;
    const script = scriptLabel(input.inherited.from[index]!);
    const result = await runScript({
      phase: 'preRequest',
      code,
      request,
      ...scriptContext(input),
    });
    record(input.report, script, 'preRequest', result);
    input.variables.apply(result.variables);
    if (result.error !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `The ${script} pre-request script failed, so the request was not sent. ${result.error}`,
        { script, phase: 'preRequest', scriptError: result.error },
      );
    }
    if (result.request) request = result.request;
  }
  return request;
}

export async function runPostResponseScripts(input: {
  inherited: InheritedScripts;
  request: ScriptRequest;
  response: ScriptResponse;
  variables: ScriptVariables;
  requestName: string;
  report: ScriptReport;
  iteration?: RunIteration;
}): Promise<void> {
  for (const [index, scripts] of input.inherited.scripts.entries()) {
    const code = scripts.postResponse;
    if (!code?.trim()) continue;
    const script = scriptLabel(input.inherited.from[index]!);
    const result = await runScript({
      phase: 'postResponse',
      code,
      request: input.request,
      response: input.response,
      ...scriptContext(input),
    });
    record(input.report, script, 'postResponse', result);
    input.variables.apply(result.variables);
    if (result.error !== undefined) input.report.errors.push({ script, phase: 'postResponse', message: result.error });
  }
}

function record(
  report: ScriptReport,
  script: string,
  phase: ScriptPhase,
  result: Awaited<ReturnType<typeof runScript>>,
): void {
  for (const test of result.tests) report.tests.push({ script, ...test });
  for (const log of result.logs) report.logs.push({ script, phase, ...log });
}
