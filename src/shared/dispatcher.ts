import { z } from 'zod';
import type { Contract } from './contract';
import { contract as defaultContract } from './contract';
import { AppError } from './errors';
import type { ContractShape, ProcOutput, ProcParsedInput } from './proc';
import { RpcRequest, type RpcResponse } from './rpc';

/** Implementation of every procedure of a contract, one async function each. */
export type Handlers<C extends ContractShape = Contract> = {
  [D in keyof C]: { [P in keyof C[D]]: (input: ProcParsedInput<C[D][P]>) => Promise<ProcOutput<C[D][P]>> };
};

export interface DispatcherOptions {
  /** Called with errors that are not AppErrors (bugs) before they are reported as INTERNAL. */
  onInternalError?: (error: unknown, method: string) => void;
}

export type Dispatch = (raw: unknown) => Promise<RpcResponse>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ');
}

/**
 * The one entry point every host calls. It validates the envelope and the input with the contract, runs the
 * handler and turns every outcome into a value: it never throws and never rejects.
 */
export function createDispatcher<C extends ContractShape = Contract>(
  handlers: Handlers<C>,
  options: DispatcherOptions = {},
  contractDef: C = defaultContract as unknown as C,
): Dispatch {
  return async (raw) => {
    const envelope = RpcRequest.safeParse(raw);
    if (!envelope.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
      return {
        id: typeof id === 'string' || typeof id === 'number' ? id : undefined,
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Malformed request: ${describeIssues(envelope.error)}` },
      };
    }
    const { id, method, input } = envelope.data;
    const dot = method.indexOf('.');
    const domainName = dot > 0 ? method.slice(0, dot) : '';
    const procName = dot > 0 ? method.slice(dot + 1) : '';
    const domain = Object.hasOwn(contractDef, domainName) ? contractDef[domainName] : undefined;
    const procDef = domain && Object.hasOwn(domain, procName) ? domain[procName] : undefined;
    const domainHandlers = (handlers as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[domainName];
    const handler = procDef && domainHandlers ? domainHandlers[procName] : undefined;
    if (!procDef || !handler) {
      return { id, ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: `Unknown procedure "${method}".` } };
    }
    const parsed = procDef.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        id,
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Invalid input for ${method}: ${describeIssues(parsed.error)}`,
          details: {
            issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })),
          },
        },
      };
    }
    try {
      const value = await handler(parsed.data);
      return { id, ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { id, ok: false, error: error.toShape() };
      options.onInternalError?.(error, method);
      const message = error instanceof Error ? error.message : String(error);
      return { id, ok: false, error: { code: 'INTERNAL', message: `Unexpected error in ${method}: ${message}` } };
    }
  };
}

/** Every `domain.procedure` name of a contract, sorted (the snapshot test lists them). */
export function listProcedures(contractDef: ContractShape = defaultContract): string[] {
  return Object.entries(contractDef)
    .flatMap(([d, procs]) => Object.keys(procs).map((p) => `${d}.${p}`))
    .sort();
}
