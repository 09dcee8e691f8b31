import type { Locator, Page } from '@playwright/test';

/** The visible table data tab: toolbar, filters, the SELECT line, the grid with staged edits, new rows, review. */
export class DataTabPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('[data-testid="data-tab"]:visible');
  }

  get grid(): Locator {
    return this.root.getByTestId('result-grid');
  }

  get toolbar(): Locator {
    return this.root.getByRole('toolbar', { name: 'Table data' });
  }

  button(name: string | RegExp): Locator {
    return this.toolbar.getByRole('button', { name, exact: typeof name === 'string' });
  }

  get sql(): Locator {
    return this.root.getByTestId('data-sql');
  }

  get estimate(): Locator {
    return this.root.getByTestId('data-estimate');
  }

  get staged(): Locator {
    return this.root.getByTestId('data-staged');
  }

  get applyError(): Locator {
    return this.root.getByTestId('apply-error');
  }

  get empty(): Locator {
    return this.root.getByTestId('data-empty');
  }

  columnHeader(name: string): Locator {
    return this.grid.locator('[role="columnheader"]', {
      has: this.page.locator(`.grid-header-name:text-is("${name}")`),
    });
  }

  /** The 0-based column index of a column, from its header. */
  async columnIndex(name: string): Promise<number> {
    return Number(await this.columnHeader(name).getAttribute('data-header-col'));
  }

  /** A cell at a 0-based row, by column name. */
  async cell(row: number, column: string): Promise<Locator> {
    const col = await this.columnIndex(column);
    return this.grid.locator(`[role="gridcell"][data-row="${row}"][data-col="${col}"]`);
  }

  rowOf(cell: Locator): Locator {
    return cell.locator('xpath=..');
  }

  get editor(): Locator {
    return this.root.getByTestId('cell-editor');
  }

  /** Double-clicks a cell, types the text into its editor and stages it with Enter. */
  async editCell(row: number, column: string, text: string): Promise<void> {
    await (await this.cell(row, column)).dblclick();
    const field = this.editor.getByRole('textbox', { name: `Value of ${column}` });
    await field.fill(text);
    await field.press('Enter');
  }

  /** + Row, then types values into the new row's fields (others keep their default). */
  async insertRow(values: Record<string, string>): Promise<void> {
    await this.button(/Row$/).click();
    const row = this.root.getByTestId('new-row').last();
    for (const [column, text] of Object.entries(values))
      await row.getByRole('textbox', { name: `New value of ${column}` }).fill(text);
  }

  /** Adds a column filter through the filter bar. */
  async addFilter(column: string, op: string, value?: string): Promise<void> {
    await this.root.getByTestId('data-filters').getByRole('button', { name: 'Filter' }).click();
    const form = this.root.getByTestId('new-filter');
    await form.getByLabel('Filter column').selectOption(column);
    await form.getByLabel('Filter operator').selectOption({ label: op });
    if (value !== undefined) await form.getByLabel('Filter value').fill(value);
    await form.getByRole('button', { name: 'Add' }).click();
  }

  filterChip(text: string | RegExp): Locator {
    return this.root.getByTestId('filter-chip').filter({ hasText: text });
  }

  get reviewDialog(): Locator {
    return this.page.getByTestId('review-dialog');
  }

  /** The row form (one record, every column). */
  get rowForm(): Locator {
    return this.page.getByTestId('row-form');
  }

  /** A field of the row form by column name: its editor, buttons and picker. */
  formField(column: string): Locator {
    return this.rowForm.locator(`[data-testid="row-form-field"][data-column="${column}"]`);
  }

  /** The editor (text box, list or text area) of a field of the row form. */
  formInput(column: string): Locator {
    return this.rowForm.getByLabel(column, { exact: true });
  }

  /** The row form's entry next to the SELECT line: "Form" (the selected row) or "Row in form" (a new row). */
  formButton(name: 'Form' | 'Row in form'): Locator {
    return this.root.locator('.row-form-actions').getByRole('button', { name, exact: true });
  }

  /** A field of the last staged new row. */
  newRowField(column: string): Locator {
    return this.root
      .getByTestId('new-row')
      .last()
      .getByRole('textbox', { name: `New value of ${column}` });
  }
}
