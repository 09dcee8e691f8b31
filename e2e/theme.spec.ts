import { expect, test } from './fixtures';

test('the theme toggle switches data-theme on <html> and the choice survives a reload', async ({ app, shell }) => {
  const background = () => app.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  await expect(shell.root).toHaveAttribute('data-theme', 'dark');
  await expect(shell.themeToggle).toHaveAccessibleName('Switch to light theme');
  const dark = await background();

  await shell.themeToggle.click();
  await expect(shell.root).toHaveAttribute('data-theme', 'light');
  await expect(shell.themeToggle).toHaveAccessibleName('Switch to dark theme');
  await expect.poll(background).not.toBe(dark);

  await app.reload();
  await expect(shell.root).toHaveAttribute('data-theme', 'light');
  await expect(shell.themeToggle).toHaveAccessibleName('Switch to dark theme');

  await shell.themeToggle.click();
  await expect(shell.root).toHaveAttribute('data-theme', 'dark');
  await expect.poll(background).toBe(dark);
});
