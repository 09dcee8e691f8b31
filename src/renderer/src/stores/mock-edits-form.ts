/**
 * Pure edits behind the mock form's response and resource editors (issue 7): faults, where the body comes from,
 * REST resources, and the row moves every list in the form shares. Each returns a new value; the form stores it
 * in the draft and the core validates it on save.
 */
import type { MockDefinition, MockFault, MockResource, MockRouteResponse } from '../../../shared/mock-definition';

/** Fault status the server answers when the file gives none (`compile-mock.ts`). */
export const DEFAULT_FAULT_STATUS = 500;

/** Drops the keys whose value is undefined, so a cleared field leaves no `key: null` in the file. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The response with `patch` applied; a patched key set to undefined is removed. */
export function patchResponse(response: MockRouteResponse, patch: Partial<MockRouteResponse>): MockRouteResponse {
  return withoutUndefined({ ...response, ...patch });
}

/** A row moved up (-1) or down (+1); the same list when it cannot move. */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function replaceItem<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((old, i) => (i === index ? item : old));
}

/** What the fault picker shows: none, drop the connection, or answer an error status. */
export type FaultKind = 'none' | MockFault['type'];

export function faultKindOf(response: MockRouteResponse): FaultKind {
  return response.fault?.type ?? 'none';
}

/**
 * Sets the kind of fault, keeping the rate already chosen; an error keeps its status, a drop has none (it sends
 * no answer). `none` removes the fault.
 */
export function setFaultKind(response: MockRouteResponse, kind: FaultKind): MockRouteResponse {
  if (kind === 'none') return patchResponse(response, { fault: undefined });
  const old = response.fault;
  const fault: MockFault = withoutUndefined({
    type: kind,
    rate: old?.rate,
    status: kind === 'error' ? (old?.status ?? DEFAULT_FAULT_STATUS) : undefined,
  });
  return patchResponse(response, { fault });
}

/** Changes the fault's rate or status (undefined: the server's default, every request or 500). */
export function patchFault(
  response: MockRouteResponse,
  patch: Partial<Pick<MockFault, 'rate' | 'status'>>,
): MockRouteResponse {
  if (!response.fault) return response;
  return patchResponse(response, { fault: withoutUndefined({ ...response.fault, ...patch }) });
}

/** Where the body comes from: typed in the form, or a file in the mock's folder. */
export type BodySource = 'inline' | 'file';

export function bodySourceOf(response: MockRouteResponse): BodySource {
  return response.bodyFile !== undefined ? 'file' : 'inline';
}

/**
 * Switches where the body comes from (a file has no `body`, and the other way round: the file may have one of
 * them). The file starts empty for the user to name; the save names the field until they do.
 */
export function setBodySource(response: MockRouteResponse, source: BodySource, file = ''): MockRouteResponse {
  if (source === bodySourceOf(response)) return response;
  return source === 'file'
    ? patchResponse(response, { body: undefined, bodyFile: file })
    : patchResponse(response, { bodyFile: undefined, body: '' });
}

/** A resource the user fills in: the first connection offered, and a path no other resource has. */
export function newResource(resources: readonly MockResource[], connection = ''): MockResource {
  const paths = new Set(resources.map((r) => r.path));
  let path = '/items';
  for (let n = 2; paths.has(path); n++) path = `/items-${n}`;
  return { path, connection, table: '' };
}

export function addResource(definition: MockDefinition, connection?: string): MockDefinition {
  const resources = definition.resources ?? [];
  return { ...definition, resources: [...resources, newResource(resources, connection)] };
}

/**
 * Edits one resource. An empty schema means the connection's default one and `readOnly: false` is the default,
 * so both leave the file rather than being written.
 */
export function updateResource(
  definition: MockDefinition,
  index: number,
  patch: Partial<MockResource>,
): MockDefinition {
  const resources = definition.resources ?? [];
  const old = resources[index];
  if (!old) return definition;
  const next = withoutUndefined({ ...old, ...patch });
  if (next.schema === '') delete next.schema;
  if (next.readOnly === false) delete next.readOnly;
  return { ...definition, resources: replaceItem(resources, index, next) };
}

/** Replaces the resource list; an empty one leaves the file (`resources` is optional). */
export function setResources(definition: MockDefinition, resources: MockResource[]): MockDefinition {
  const { resources: _old, ...rest } = definition;
  return resources.length > 0 ? { ...rest, resources } : rest;
}
