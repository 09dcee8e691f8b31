import { describe, expect, it } from 'vitest';
import type { MockRequestDetail } from '../../../shared/contract/mock.contract';
import { MockDefinitionSchema, type MockDefinition } from '../../../shared/mock-definition';
import {
  addResources,
  addRoute,
  deleteRoute,
  duplicateRoute,
  moveRoute,
  newRoute,
  resourcePathFor,
  routeFromRequest,
  routePathOf,
  toggleDefaultResponse,
} from './mock-edits';

const base: MockDefinition = {
  name: 'Orders',
  port: 3001,
  prefix: '/api',
  routes: [
    { method: 'GET', path: '/a', responses: [{ status: 200, body: 'a' }] },
    { method: 'POST', path: '/b', responses: [{ status: 201 }, { status: 400, default: true }] },
  ],
};

function detail(patch: Partial<MockRequestDetail>): MockRequestDetail {
  return {
    id: 1,
    time: '2026-12-07T05:00:00.000Z',
    method: 'GET',
    path: '/api/users/7',
    query: 'x=1',
    route: 'GET /users/:id',
    responseIndex: 0,
    status: 200,
    durationMs: 1.5,
    request: { headers: {}, body: '', truncated: false },
    response: { headers: { 'content-type': 'application/json' }, body: '{"id":7}', truncated: false },
    ...patch,
  };
}

describe('route list edits', () => {
  it('adds a route whose path no GET route has, and the result is a valid definition', () => {
    const once = addRoute(base);
    const twice = addRoute(once);
    expect(once.routes[2]).toEqual({ method: 'GET', path: '/new-route', responses: [{ status: 200, body: '' }] });
    expect(twice.routes[3]?.path).toBe('/new-route-2');
    expect(MockDefinitionSchema.safeParse(twice).success).toBe(true);
    expect(newRoute([]).path).toBe('/new-route');
  });

  it('deletes, duplicates right after the original, and moves within bounds', () => {
    expect(deleteRoute(base, 0).routes.map((r) => r.path)).toEqual(['/b']);
    const dup = duplicateRoute(base, 0);
    expect(dup.routes.map((r) => r.path)).toEqual(['/a', '/a', '/b']);
    expect(dup.routes[1]).not.toBe(dup.routes[0]);
    expect(moveRoute(base, 1, -1).routes.map((r) => r.path)).toEqual(['/b', '/a']);
    expect(moveRoute(base, 0, -1)).toBe(base);
    expect(moveRoute(base, 1, 1)).toBe(base);
  });

  it('keeps at most one default response', () => {
    const moved = toggleDefaultResponse(base, 1, 0);
    expect(moved.routes[1]?.responses.map((r) => r.default ?? false)).toEqual([true, false]);
    const none = toggleDefaultResponse(moved, 1, 0);
    expect(none.routes[1]?.responses.map((r) => r.default ?? false)).toEqual([false, false]);
    expect(MockDefinitionSchema.safeParse(moved).success).toBe(true);
  });
});

describe('routeFromRequest', () => {
  it('strips the prefix and the query, and keeps a JSON body as data', () => {
    expect(routeFromRequest(detail({}), '/api')).toEqual({
      method: 'GET',
      path: '/users/7',
      responses: [{ status: 200, body: { id: 7 } }],
    });
  });

  it('answers 200 with an empty body when no route matched', () => {
    const route = routeFromRequest(detail({ route: null, status: 404, method: 'post', path: '/api/nothing' }), '/api');
    expect(route).toEqual({ method: 'POST', path: '/nothing', responses: [{ status: 200, body: '' }] });
  });

  it('keeps a text body and its content type', () => {
    const route = routeFromRequest(
      detail({
        status: 418,
        response: { headers: { 'Content-Type': 'text/plain' }, body: 'teapot', truncated: false },
      }),
      undefined,
    );
    expect(route.path).toBe('/api/users/7');
    expect(route.responses[0]).toEqual({ status: 418, body: 'teapot', headers: { 'Content-Type': 'text/plain' } });
  });

  it('leaves paths outside the prefix as they are', () => {
    expect(routePathOf('/apiary', '/api')).toBe('/apiary');
    expect(routePathOf('/api', '/api')).toBe('/');
  });
});

describe('addResources', () => {
  it('adds each table once, at a path no other resource has, and the result is valid', () => {
    const first = addResources(base, 'Sample shop', [
      { schema: null, table: 'Order Items' },
      { schema: 'sales', table: 'orders' },
    ]);
    expect(first.added).toBe(2);
    expect(first.definition.resources).toEqual([
      { path: '/order-items', connection: 'Sample shop', table: 'Order Items' },
      { path: '/orders', connection: 'Sample shop', schema: 'sales', table: 'orders' },
    ]);
    const again = addResources(first.definition, 'Sample shop', [
      { schema: 'sales', table: 'orders' },
      { schema: 'archive', table: 'orders' },
    ]);
    expect(again.added).toBe(1);
    expect(again.definition.resources?.[2]?.path).toBe('/orders-2');
    expect(MockDefinitionSchema.safeParse(again.definition).success).toBe(true);
  });

  it('makes a path from any table name', () => {
    expect(resourcePathFor('Customers')).toBe('/customers');
    expect(resourcePathFor('???')).toBe('/items');
  });
});
