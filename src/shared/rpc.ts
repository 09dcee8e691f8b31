import { z } from 'zod';
import { ERROR_CODES, type AppErrorShape } from './errors';

/** Largest request body any host accepts (bytes); SQL text is capped separately in the contract. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** What every host hands to the dispatcher: one procedure call. */
export const RpcRequest = z.object({
  id: z.union([z.string().max(64), z.number().int()]).optional(),
  method: z.string().min(1).max(100),
  input: z.unknown(),
});
export type RpcRequest = z.infer<typeof RpcRequest>;

export type RpcSuccess<T = unknown> = { id?: string | number; ok: true; value: T };
// errors as values: Electron keeps only .message of a thrown error
export type RpcFailure = { id?: string | number; ok: false; error: AppErrorShape };
export type RpcResponse<T = unknown> = RpcSuccess<T> | RpcFailure;

export const AppErrorShapeSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const RpcResponseSchema = z.union([
  z.object({ id: z.union([z.string(), z.number()]).optional(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.union([z.string(), z.number()]).optional(), ok: z.literal(false), error: AppErrorShapeSchema }),
]);

/** The message a host pushes to the renderer (IPC webContents.send or an SSE `data:` line). */
export type EventMessage = { topic: string; payload: unknown };
