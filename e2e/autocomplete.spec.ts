import { expect, test } from './fixtures';

test('autocomplete offers a column of the aliased table', async ({ editor }) => {
  await editor.setSql('SELECT * FROM customers c WHERE c.');
  await editor.page.keyboard.type('em');
  await expect(editor.completions.filter({ hasText: 'email' }).first()).toBeVisible();
});

test('typing line by line with pauses: completion never eats Enter', async ({ app, editor }) => {
  await editor.clear();
  await editor.typeSlowly('SELECT first_name, cou');
  // the popup is up (COUNT…) while the word is half typed, and goes once nothing but the word itself would match
  await expect(editor.completions.first()).toBeVisible();
  await editor.typeSlowly('ntry');
  await app.keyboard.press('Enter');
  await editor.typeSlowly('FROM cust');
  await expect(editor.completions.filter({ hasText: 'customers' }).first()).toBeVisible();
  await editor.typeSlowly('omers');
  await expect(editor.completions).toHaveCount(0);
  // the user pauses before the line break (the popup used to open meanwhile and take the Enter)
  await app.waitForTimeout(600);
  await app.keyboard.press('Enter');
  await editor.typeSlowly("WHERE country = 'Italy'");
  expect(await editor.text()).toBe("SELECT first_name, country\nFROM customers\nWHERE country = 'Italy'");
});

test('after an alias, Enter is a line break even with the popup open', async ({ app, editor }) => {
  await editor.clear();
  await editor.typeSlowly('SELECT c.email FROM customers cu');
  // "cu" is the alias just typed: the popup may still offer customers, but Enter was not meant for it
  await app.waitForTimeout(400);
  await app.keyboard.press('Enter');
  await editor.typeSlowly('WHERE cu.id = 1');
  expect(await editor.text()).toBe('SELECT c.email FROM customers cu\nWHERE cu.id = 1');
});

test('Enter leaves an open list alone; Tab, or Enter after ↓, accepts', async ({ app, editor }) => {
  await editor.clear();
  await editor.typeSlowly('SELECT * FROM cust');
  await expect(editor.completions.filter({ hasText: 'customers' }).first()).toBeVisible();
  await app.keyboard.press('Enter');
  expect(await editor.text()).toBe('SELECT * FROM cust\n');

  await editor.clear();
  await editor.typeSlowly('SELECT * FROM cust');
  await expect(editor.completions.filter({ hasText: 'customers' }).first()).toBeVisible();
  await app.keyboard.press('Tab');
  expect(await editor.text()).toBe('SELECT * FROM customers');

  await editor.clear();
  await editor.typeSlowly('SELECT * FROM ord');
  await expect(editor.completions.first()).toBeVisible();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  expect(await editor.text()).toMatch(/^SELECT \* FROM (orders|order_items|order_totals)$/);
});

test('schema objects come before keywords, and SQLite is offered no SHOW or SHELL', async ({ app, editor }) => {
  await editor.clear();
  await editor.typeSlowly('SELECT * FROM customers WHERE co');
  await expect(editor.completions.first()).toBeVisible();
  await expect(editor.completions.first()).toContainText('country');
  // SQLite's own words only: SELECT is there, the sqlite3 shell's SHOW and SHELL are not
  await editor.clear();
  await editor.typeSlowly('SEL');
  await expect(editor.completions.filter({ hasText: /^SELECT/ })).toHaveCount(1);
  for (const word of ['SHO', 'SHE']) {
    await editor.clear();
    await editor.typeSlowly(word);
    await app.keyboard.press('Control+Space');
    await expect(editor.completions.filter({ hasText: /^SH(OW|ELL)/ })).toHaveCount(0);
  }
});
