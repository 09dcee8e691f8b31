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

  /** The editor's text, line by line as the user sees it (joined with \n). */
  async text(): Promise<string> {
    return (await this.editor.locator('.cm-line').allTextContents()).join('\n');
  }

  /** Empties the editor and leaves the cursor in it, ready for typing. */
  async clear(): Promise<void> {
    // an open completion popup would take the click
    if (await this.completions.count()) await this.page.keyboard.press('Escape');
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Delete');
  }

  /** Types like a person: one key at a time with a short delay, so completion pops up as it would. */
  async typeSlowly(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 35 });
  }

  /** The list button at the end of the tab strip and the menu of every open tab it opens. */
  get tabListButton(): Locator {
    return this.page.getByTestId('tab-list');
  }

  get tabListMenu(): Locator {
    return this.page.getByTestId('tab-list-menu');
  }

  /** The scrolling part of the tab strip. */
  get tabStrip(): Locator {
    return this.page.getByTestId('tab-strip-scroll');
  }

  /** How far the tab strip is scrolled sideways, in px. */
  tabStripScrollLeft(): Promise<number> {
    // a string expression: the e2e code is compiled without the DOM library
    return this.page.evaluate<number>(`document.querySelector('[data-testid="tab-strip-scroll"]').scrollLeft`);
  }

  /** True when the batch banner shows all its text: nothing scrolls sideways or runs past the window. */
  noticeFits(): Promise<boolean> {
    return this.page.evaluate<boolean>(`(() => {
      const el = document.querySelector('[data-testid="result-notice"]');
      return el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth;
    })()`);
  }

  /** The connection the active tab is bound to, as its toolbar shows it. */
  get connectionSelect(): Locator {
    return this.page.getByTestId('editor-connection');
  }

  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Query' });
  }

  /** The banner over the results that says which statement stopped a batch and what was not run. */
  get notice(): Locator {
    return this.page.getByTestId('result-notice');
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

  /** Answers "Run it" to the question the editor asks before a DROP, TRUNCATE or UPDATE/DELETE without WHERE. */
  async confirmRun(): Promise<void> {
    await this.page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
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
