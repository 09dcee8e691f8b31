import type { Locator, Page } from '@playwright/test';

/** The settings dialog of a collection or folder (opened from the collections tree). */
export class HttpFolderSettingsPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('http-folder-settings');
  }

  /** A folder row of the tree by its path (`shop/users`). */
  folderRow(path: string): Locator {
    return this.page.locator(`[data-testid="http-tree-folder"][data-path="${path}"]`);
  }

  async openFromMenu(row: Locator): Promise<void> {
    await row.click({ button: 'right' });
    await this.page.getByTestId('http-tree-menu').getByRole('menuitem', { name: 'Settings…' }).click();
    await this.dialog.waitFor();
  }

  async showSection(id: 'auth' | 'headers' | 'variables' | 'scripts'): Promise<void> {
    await this.dialog.getByTestId(`http-folder-section-${id}`).click();
  }

  get authType(): Locator {
    return this.dialog.getByTestId('http-auth-type');
  }

  authField(key: string): Locator {
    return this.dialog.getByTestId(`http-auth-${key}`);
  }

  get inherited(): Locator {
    return this.dialog.getByTestId('http-auth-inherited');
  }

  async saveAndClose(): Promise<void> {
    await this.dialog.getByTestId('http-folder-settings-save').click();
    await this.dialog.getByText('Unsaved').waitFor({ state: 'hidden' });
    await this.dialog.getByTestId('http-folder-settings-close').click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
