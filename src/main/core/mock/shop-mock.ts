/**
 * The "Shop API" mock of first start (issue 7 item 5): the sample shop's tables as REST resources under
 * `/api` on port 3001, a health check and a templated greeting. Written once, when the sample database is
 * created, and not started: the user starts it from the Mocks panel.
 */
import type { MockDefinition } from '../../../shared/mock-definition';
import { stringifyMock } from './mock-file';
import type { MockFiles } from './mock-files';

export const SHOP_MOCK_PATH = 'shop-api.yaml';

const SAMPLE_TABLES: [path: string, table: string][] = [
  ['/products', 'products'],
  ['/categories', 'categories'],
  ['/customers', 'customers'],
  ['/orders', 'orders'],
  ['/order-items', 'order_items'],
  ['/reviews', 'reviews'],
];

export function shopMockDefinition(connection: string): MockDefinition {
  return {
    name: 'Shop API',
    port: 3001,
    prefix: '/api',
    cors: true,
    routes: [
      {
        method: 'GET',
        path: '/health',
        responses: [{ status: 200, body: { status: 'ok' } }],
      },
      {
        method: 'GET',
        path: '/hello/:name',
        responses: [
          {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: `{"message": "Hello, {{urlParam 'name'}}!", "at": "{{now}}"}`,
          },
        ],
      },
    ],
    resources: SAMPLE_TABLES.map(([path, table]) => ({ path, connection, table })),
  };
}

/** Writes the Shop API mock over the named sample connection, unless a file of that name is already there. */
export async function ensureShopMock(files: MockFiles, connection: string): Promise<boolean> {
  if (await files.exists(SHOP_MOCK_PATH)) return false;
  await files.writeText(SHOP_MOCK_PATH, stringifyMock(shopMockDefinition(connection)));
  return true;
}
