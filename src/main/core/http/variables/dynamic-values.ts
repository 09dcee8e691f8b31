/**
 * Dynamic values: `{{$uuid}}` and friends, computed afresh at each use. The names follow Postman's, so imported
 * collections keep working.
 */
import { randomInt, randomUUID } from 'node:crypto';

export interface DynamicContext {
  now: () => Date;
}

const DYNAMIC: Record<string, (ctx: DynamicContext) => string> = {
  $uuid: () => randomUUID(),
  $guid: () => randomUUID(),
  $randomUUID: () => randomUUID(),
  /** Unix time in seconds. */
  $timestamp: (ctx) => String(Math.floor(ctx.now().getTime() / 1000)),
  $isoTimestamp: (ctx) => ctx.now().toISOString(),
  /** 0–1000, both included. */
  $randomInt: () => String(randomInt(0, 1001)),
};

export const DYNAMIC_NAMES = Object.keys(DYNAMIC);

/** The value of a `$name`, or undefined when there is no such dynamic value. */
export function dynamicValue(name: string, ctx: DynamicContext): string | undefined {
  return Object.hasOwn(DYNAMIC, name) ? DYNAMIC[name]!(ctx) : undefined;
}
