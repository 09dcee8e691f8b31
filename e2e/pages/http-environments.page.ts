import type { Locator, Page } from '@playwright/test';

/** The HTTP panel's environment row, the environments/globals editor and the cookies dialog. */
export class HttpEnvironmentsPage {
  constructor(readonly page: Page) {}

  get select(): Locator {
    return this.page.getByTestId('http-env-select');
  }

  get editor(): Locator {
    return this.page.getByTestId('http-vars-dialog');
  }

  async openEditor(): Promise<void> {
    await this.page.getByTestId('http-env-edit').click();
    await this.editor.waitFor();
  }

  /** New environment from the editor (it is created, selected and opened). */
  async newEnvironment(name: string): Promise<void> {
    await this.editor.getByTestId('http-vars-new-environment').click();
    const dialog = this.page.getByTestId('prompt-dialog');
    await dialog.locator('input').fill(name);
    await dialog.locator('input').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  get rows(): Locator {
    return this.editor.getByTestId('http-var-row');
  }

  /** Adds a variable row and fills it. */
  async addVariable(name: string, value: string, options: { secret?: boolean } = {}): Promise<Locator> {
    await this.editor.getByTestId('http-add-var').click();
    const row = this.rows.last();
    await row.getByPlaceholder('name').fill(name);
    await row.getByPlaceholder('value').fill(value);
    if (options.secret) await row.getByRole('checkbox', { name: /is secret/ }).check();
    return row;
  }

  async saveAndClose(): Promise<void> {
    await this.editor.getByTestId('http-vars-save').click();
    await this.editor.locator('.http-vars-unsaved').waitFor({ state: 'hidden' });
    await this.editor.getByTestId('http-vars-close').click();
    await this.editor.waitFor({ state: 'hidden' });
  }

  get cookies(): Locator {
    return this.page.getByTestId('http-cookies-dialog');
  }

  async openCookies(): Promise<void> {
    await this.page.getByTestId('http-cookies-open').click();
    await this.cookies.waitFor();
  }

  cookie(domain: string, name: string): Locator {
    return this.cookies
      .locator(`[data-testid="http-cookie-domain"][data-domain="${domain}"]`)
      .locator(`[data-testid="http-cookie-row"][data-name="${name}"]`);
  }
}
