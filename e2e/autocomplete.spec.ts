import { expect, test } from './fixtures';

test('autocomplete offers a column of the aliased table', async ({ editor }) => {
  await editor.setSql('SELECT * FROM customers c WHERE c.');
  await editor.page.keyboard.type('em');
  await expect(editor.completions.filter({ hasText: 'email' }).first()).toBeVisible();
});
