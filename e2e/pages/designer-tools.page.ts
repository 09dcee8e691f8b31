import type { Locator, Page } from '@playwright/test';

/** The design tab's DBML pane and its compare (migrate) dialog. */
export class DesignerToolsPage {
  constructor(readonly page: Page) {}

  private get tab(): Locator {
    return this.page.locator('[data-testid="design-tab"]:not([hidden])');
  }

  async toggleDbml(): Promise<void> {
    await this.tab.getByTestId('design-dbml-toggle').click();
  }

  get dbml(): Locator {
    return this.tab.getByTestId('design-dbml');
  }

  /** The DBML text as CodeMirror shows it. */
  get dbmlText(): Locator {
    return this.dbml.locator('.cm-content');
  }

  /** Text marked as a problem by the parser. */
  get dbmlProblems(): Locator {
    return this.dbml.locator('.cm-lintRange-error');
  }

  get dbmlStatus(): Locator {
    return this.dbml.getByRole('status');
  }

  /** Types at the end of the DBML text. */
  async typeAtEnd(text: string): Promise<void> {
    await this.dbmlText.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  async openCompare(): Promise<void> {
    await this.tab.getByTestId('design-compare').click();
    await this.dialog.waitFor();
  }

  get dialog(): Locator {
    return this.page.getByTestId('migrate-dialog');
  }

  get changes(): Locator {
    return this.dialog.getByRole('list', { name: 'Changes' }).getByRole('listitem');
  }

  async showTab(name: 'SQL' | 'knex'): Promise<void> {
    await this.dialog.getByRole('tab', { name }).click();
  }

  get code(): Locator {
    return this.dialog.locator('.migrate-code');
  }
}
