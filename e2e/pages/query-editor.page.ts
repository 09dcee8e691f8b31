import type { Locator, Page } from '@playwright/test';

/** The SQL editor, its toolbar and the result panel. */
export class QueryEditorPage {
  constructor(readonly page: Page) {}

  get editor(): Locator {
    return this.page.getByTestId('sql-editor').locator('.cm-content');
  }

  get grid(): Locator {
    return this.page.getByTestId('result-grid');
  }

  get status(): Locator {
    return this.page.getByTestId('result-status');
  }

  get error(): Locator {
    return this.page.getByTestId('query-error');
  }

  /** Replaces the editor text (inserted, not typed, so autocomplete and bracket closing stay out of it). */
  async setSql(sql: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  async runAll(): Promise<void> {
    await this.page.getByTestId('run-all').click();
  }

  async runStatement(): Promise<void> {
    await this.page.getByTestId('run-statement').click();
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('cancel-query').click();
  }

  /** The text of every cell of the grid's first data row. */
  cells(): Locator {
    return this.grid.getByRole('gridcell');
  }

  get completions(): Locator {
    return this.page.locator('.cm-tooltip-autocomplete li');
  }
}
