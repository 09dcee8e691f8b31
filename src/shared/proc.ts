import type { z } from 'zod';

/** One procedure of the contract: its input and output schemas. */
export interface Proc<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function proc<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Proc<I, O> {
  return { input, output };
}

export type Domain = Record<string, Proc>;
export type ContractShape = Record<string, Domain>;

export type ProcInput<P> = P extends Proc<infer I, z.ZodType> ? z.input<I> : never;
export type ProcParsedInput<P> = P extends Proc<infer I, z.ZodType> ? z.output<I> : never;
export type ProcOutput<P> = P extends Proc<z.ZodType, infer O> ? z.output<O> : never;
