import { expect, test } from './fixtures';
import { MocksPage } from './pages/mocks.page';

test('at 1280×800 the route editor of a mock with many resources shows whole; resources and log fold', async ({
  app,
}) => {
  await app.setViewportSize({ width: 1280, height: 800 });
  const mocks = new MocksPage(app);
  await mocks.open();
  // written with the sample database on first start: six tables served as REST, two routes
  await mocks.item('Shop API').getByTestId('mock-name').click();
  await expect(mocks.routeEditor).toBeVisible();

  // the route editor is never a squeezed scroll box: the form scrolls as a whole and shows the fault field
  const pane = mocks.routeEditor.locator('xpath=..');
  const hidden = await pane.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(hidden).toBeLessThanOrEqual(1);
  const fault = mocks.routeEditor.getByTestId('mock-fault-type');
  await fault.scrollIntoViewIfNeeded();
  await expect(fault).toBeInViewport({ ratio: 1 });

  // folding the resources leaves one line naming the paths; folding the log leaves its title bar
  const resourcesFold = mocks.tab.getByTestId('mock-resources-fold');
  await resourcesFold.click();
  await expect(resourcesFold).toHaveAttribute('aria-expanded', 'false');
  await expect(mocks.resources.getByRole('textbox')).toHaveCount(0);
  await expect(resourcesFold).toContainText('/products');
  const logFold = mocks.tab.getByTestId('mock-log-fold');
  const log = mocks.tab.getByTestId('mock-log');
  const before = (await log.boundingBox())!.height;
  await logFold.click();
  await expect(logFold).toHaveAttribute('aria-expanded', 'false');
  expect((await log.boundingBox())!.height).toBeLessThan(before / 2);
  await logFold.click();
  await resourcesFold.click();
  await expect(mocks.resources.getByRole('textbox').first()).toBeVisible();
});
