import type { Locator, Page } from '@playwright/test';
import { cssEscape } from './app.page';

/** The Saved panel (the workspace's .sql files) and the editor's "Save query" prompt. */
export class SavedQueriesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('sidebar-tab-saved').click();
    await this.panel.waitFor();
  }

  get panel(): Locator {
    return this.page.getByTestId('saved-queries-panel');
  }

  get items(): Locator {
    return this.panel.getByTestId('saved-query');
  }

  item(name: string): Locator {
    return this.panel.locator(`[data-testid="saved-query"][data-name="${cssEscape(name)}"]`);
  }

  /** Opens the saved query into an editor tab. */
  async openQuery(name: string): Promise<void> {
    // the entry's first button opens it (the second deletes it)
    await this.item(name).getByRole('button').first().click();
  }

  /** Clicks the entry's Delete (shown while the pointer is over the entry); the app asks first. */
  async requestDelete(name: string): Promise<void> {
    await this.item(name).hover();
    await this.item(name)
      .getByRole('button', { name: `Delete ${name}`, exact: true })
      .click();
  }

  get confirmDialog(): Locator {
    return this.page.getByTestId('confirm-dialog');
  }

  /** The "Save query" prompt the editor's Save opens for a tab not saved before. */
  get prompt(): Locator {
    return this.page.getByTestId('prompt-dialog');
  }

  /** Answers the Save prompt with a file name. */
  async saveAs(name: string): Promise<void> {
    await this.prompt.getByRole('textbox').fill(name);
    await this.prompt.getByRole('button', { name: 'Save', exact: true }).click();
  }
}
