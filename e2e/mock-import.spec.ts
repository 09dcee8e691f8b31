import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { MocksPage } from './pages/mocks.page';

const PETSTORE = join(import.meta.dirname, '../src/main/core/mock/openapi/fixtures/petstore-3.0.yaml');

test('import an OpenAPI file as a mock, serve its example, export it back as OpenAPI JSON', async ({ app }) => {
  const mocks = new MocksPage(app);
  await mocks.open();
  await mocks.importFile(PETSTORE);

  // the new mock is listed and its tab opens with the document's operations as routes
  await expect(mocks.item('Pet Store')).toBeVisible();
  await expect(mocks.tab).toBeVisible();
  await expect(mocks.routes.filter({ hasText: '/health' })).toHaveCount(1);
  await expect(mocks.routes.filter({ hasText: '/pets/:petId' }).first()).toBeVisible();

  await mocks.start();
  await expect(mocks.status).toHaveAttribute('data-state', 'running');
  const url = (await mocks.url.textContent())!.trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);

  // the test calls the mock from Node, as any client would: the spec's example comes back
  const health = await fetch(`${url}/health`);
  expect(health.status).toBe(200);
  expect(await health.text()).toBe('ok');

  const [download] = await Promise.all([app.waitForEvent('download'), mocks.exportOpenApi.click()]);
  expect(download.suggestedFilename()).toBe('pet-store.openapi.json');
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    openapi: string;
    paths: Record<string, unknown>;
  };
  expect(exported.openapi).toMatch(/^3\.0\.\d+$/);
  expect(Object.keys(exported.paths)).toContain('/health');

  await mocks.stop();
  await expect(mocks.status).toHaveAttribute('data-state', 'stopped');
});
