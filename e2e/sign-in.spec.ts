import { expect, test } from './fixtures';
import { AppPage } from './pages/app.page';
import { SignInPage } from './pages/sign-in.page';

test.describe('signing in to the browser host', () => {
  test.beforeEach(({ browserName: _browserName }, testInfo) => {
    testInfo.skip(testInfo.project.name === 'electron', 'the desktop app needs no sign-in');
  });

  test('the start token leaves the address bar and history; a reload keeps the tab signed in', async ({
    app,
    shell,
  }) => {
    await expect(shell.connection('Sample shop (SQLite)')).toBeVisible();
    expect(app.url()).not.toContain('token');
    expect(await app.evaluate<number>('window.history.length')).toBe(2);
    await app.goBack();
    expect(app.url()).not.toContain('token');
    await app.goForward();
    // no cookie at all: nothing a browser would send to another local port
    expect(await app.evaluate<string>('document.cookie')).toBe('');
    expect(await app.context().cookies()).toEqual([]);
    await app.reload();
    await expect(shell.connection('Sample shop (SQLite)')).toBeVisible();
  });

  test('a new tab without a link is signed in by the open tab, with a session of its own', async ({ app, shell }) => {
    await expect(shell.connection('Sample shop (SQLite)')).toBeVisible();
    const first = await app.evaluate<string | null>("sessionStorage.getItem('backbench.session')");
    const second = await app.context().newPage();
    await second.goto('/');
    await expect(new AppPage(second).connection('Sample shop (SQLite)')).toBeVisible();
    const other = await second.evaluate<string | null>("sessionStorage.getItem('backbench.session')");
    expect(other).toMatch(/^[0-9a-f]{64}$/);
    expect(other).not.toBe(first);
    await second.close();
  });

  test('with no open tab, a page without a link says how to get one', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await page.goto('/');
      const screen = new SignInPage(page);
      await expect(screen.headline).toHaveText('This tab is not signed in to Backbench');
      await expect(screen.screen).toContainText('press Enter', { ignoreCase: true });
      await page.goto(`/#token=${'0'.repeat(64)}`);
      await expect(screen.headline).toHaveText('That start link was already used or has expired');
      expect(page.url()).not.toContain('token');
    } finally {
      await context.close();
    }
  });
});
