import { describe, expect, it } from 'vitest';
import { MockDefinitionSchema, type MockDefinition } from '../../../shared/mock-definition';
import {
  addResource,
  bodySourceOf,
  faultKindOf,
  moveItem,
  newResource,
  patchFault,
  patchResponse,
  removeItem,
  replaceItem,
  setBodySource,
  setFaultKind,
  setResources,
  updateResource,
} from './mock-edits-form';

const base: MockDefinition = {
  name: 'Form edits',
  port: 0,
  routes: [{ method: 'GET', path: '/a', responses: [{ status: 200, body: { a: 1 } }] }],
};

describe('mock form edits', () => {
  it('moves, removes and replaces rows without touching the list given', () => {
    const rows = ['a', 'b', 'c'];
    expect(moveItem(rows, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(rows, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(rows, 0, -1)).toEqual(rows);
    expect(moveItem(rows, 2, 1)).toEqual(rows);
    expect(removeItem(rows, 1)).toEqual(['a', 'c']);
    expect(replaceItem(rows, 1, 'B')).toEqual(['a', 'B', 'c']);
    expect(rows).toEqual(['a', 'b', 'c']);
  });

  it('drops a patched key set to undefined instead of writing it', () => {
    const response = patchResponse({ status: 200, latency: 20, body: 'x' }, { latency: undefined, status: 201 });
    expect(response).toEqual({ status: 201, body: 'x' });
    expect('latency' in response).toBe(false);
  });

  it('sets a fault: an error keeps its status and rate, a drop has no status, none removes it', () => {
    const response = base.routes[0]!.responses[0]!;
    expect(faultKindOf(response)).toBe('none');
    const error = setFaultKind(response, 'error');
    expect(error.fault).toEqual({ type: 'error', status: 500 });
    const tuned = patchFault(error, { status: 503, rate: 0.25 });
    expect(tuned.fault).toEqual({ type: 'error', status: 503, rate: 0.25 });
    const drop = setFaultKind(tuned, 'drop');
    expect(drop.fault).toEqual({ type: 'drop', rate: 0.25 });
    expect(faultKindOf(drop)).toBe('drop');
    // clearing the rate means every request (the server's default), so it leaves the file
    expect(patchFault(drop, { rate: undefined }).fault).toEqual({ type: 'drop' });
    const none = setFaultKind(drop, 'none');
    expect('fault' in none).toBe(false);
    expect(none).toEqual(response);
    // patching a response without a fault changes nothing
    expect(patchFault(response, { rate: 0.5 })).toBe(response);
  });

  it('the schema accepts what the fault editor makes, and names a rate out of range', () => {
    const response = patchFault(setFaultKind(base.routes[0]!.responses[0]!, 'error'), { rate: 0.5 });
    const ok = { ...base, routes: [{ ...base.routes[0]!, responses: [response] }] };
    expect(MockDefinitionSchema.safeParse(ok).success).toBe(true);
    const bad = { ...base, routes: [{ ...base.routes[0]!, responses: [patchFault(response, { rate: 2 })] }] };
    const parsed = MockDefinitionSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['routes', 0, 'responses', 0, 'fault', 'rate'],
      message: 'expected a rate from 0 to 1',
    });
  });

  it('switches the body between typed and a file, never leaving both', () => {
    const response = base.routes[0]!.responses[0]!;
    expect(bodySourceOf(response)).toBe('inline');
    const file = setBodySource(response, 'file', 'bodies/a.json');
    expect(file).toEqual({ status: 200, bodyFile: 'bodies/a.json' });
    expect(bodySourceOf(file)).toBe('file');
    expect(setBodySource(file, 'file')).toBe(file);
    const typed = setBodySource(file, 'inline');
    expect(typed).toEqual({ status: 200, body: '' });
    // a new file path starts empty: the schema names the field until the user types one
    const empty = setBodySource(response, 'file');
    expect(empty.bodyFile).toBe('');
    const parsed = MockDefinitionSchema.safeParse({ ...base, routes: [{ ...base.routes[0]!, responses: [empty] }] });
    expect(parsed.error?.issues[0]?.path).toEqual(['routes', 0, 'responses', 0, 'bodyFile']);
  });

  it('adds, edits and removes REST resources; defaults leave the file', () => {
    expect(newResource([{ path: '/items', connection: 'c', table: 't' }], 'c')).toEqual({
      path: '/items-2',
      connection: 'c',
      table: '',
    });
    const added = addResource(base, 'Sample');
    expect(added.resources).toEqual([{ path: '/items', connection: 'Sample', table: '' }]);
    const edited = updateResource(added, 0, { table: 'products', path: '/products', readOnly: true, schema: 'main' });
    expect(edited.resources).toEqual([
      { path: '/products', connection: 'Sample', table: 'products', readOnly: true, schema: 'main' },
    ]);
    expect(MockDefinitionSchema.safeParse(edited).success).toBe(true);
    const writable = updateResource(edited, 0, { readOnly: false, schema: '' });
    expect(writable.resources).toEqual([{ path: '/products', connection: 'Sample', table: 'products' }]);
    expect(updateResource(writable, 5, { table: 'x' })).toBe(writable);
    const none = setResources(writable, []);
    expect('resources' in none).toBe(false);
    expect(none).toEqual(base);
  });
});
