import type { Locator, Page } from '@playwright/test';

/** The SQL editor, its tabs and toolbar, and the result panel's headline parts. */
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

  /** The span the editor underlines where the database located an error (see error-mark.ts). */
  get errorMark(): Locator {
    return this.page.getByTestId('sql-editor').locator('.cm-sql-error');
  }

  /** The red dot in the gutter of the error's line. */
  get errorGutterDot(): Locator {
    return this.page.getByTestId('sql-editor').locator('.cm-sql-error-dot');
  }

  get resultTabs(): Locator {
    return this.page.getByTestId('result-tab');
  }

  /** The editor tabs (one per open query). */
  get tabs(): Locator {
    return this.page.getByTestId('editor-tab');
  }

  get activeTab(): Locator {
    return this.page.locator('[data-testid="editor-tab"][aria-selected="true"]');
  }

  tab(title: string): Locator {
    return this.page.locator(`[data-testid="editor-tab"][data-title="${title.replace(/["\\]/g, '\\$&')}"]`);
  }

  /** Opens a new editor tab (bound to the selected connection) and waits for its editor. */
  async newTab(): Promise<void> {
    const before = await this.tabs.count();
    await this.page.getByTestId('new-tab').click();
    await this.tabs.nth(before).waitFor();
  }

  /** Binds the active tab to a saved connection (the app connects it when needed). */
  async useConnection(name: string): Promise<void> {
    await this.page.getByTestId('editor-connection').selectOption({ label: name });
  }

  /** Replaces the editor text (inserted, not typed, so autocomplete and bracket closing stay out of it). */
  async setSql(sql: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  /** Moves the cursor to the start of line `line` (1-based), then `column` characters to the right. */
  async placeCursor(line: number, column = 0): Promise<void> {
    await this.editor
      .locator('.cm-line')
      .nth(line - 1)
      .click();
    await this.page.keyboard.press('Home');
    for (let i = 0; i < column; i++) await this.page.keyboard.press('ArrowRight');
  }

  async runAll(): Promise<void> {
    await this.page.getByTestId('run-all').click();
  }

  async runStatement(): Promise<void> {
    await this.page.getByTestId('run-statement').click();
  }

  /** Ctrl/Cmd+Enter in the editor: the statement at the cursor (or the selection). */
  async runStatementByKey(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }

  /** Shift+Ctrl/Cmd+Enter in the editor: every statement. */
  async runAllByKey(): Promise<void> {
    await this.page.keyboard.press('Shift+ControlOrMeta+Enter');
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('cancel-query').click();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('save-query').click();
  }

  /** The grid's cells, in document order (the first data row first). */
  cells(): Locator {
    return this.grid.getByRole('gridcell');
  }

  get completions(): Locator {
    return this.page.locator('.cm-tooltip-autocomplete li');
  }
}
