import type { Locator, Page } from '@playwright/test';

/** The Designs panel of the sidebar and the design tab (toolbar, canvas, side panel). */
export class DesignerPage {
  constructor(readonly page: Page) {}

  async openPanel(): Promise<void> {
    await this.page.getByTestId('sidebar-tab-designs').click();
    await this.panel.waitFor();
  }

  get panel(): Locator {
    return this.page.getByTestId('designs-panel');
  }

  /** A design in the panel by its name. */
  item(name: string): Locator {
    return this.panel
      .getByTestId('design-item')
      .filter({ has: this.page.getByTestId('design-name').getByText(name, { exact: true }) });
  }

  async create(name: string, dialect: 'sqlite' | 'postgres' | 'mysql'): Promise<void> {
    await this.panel.getByTestId('design-new').click();
    const dialog = this.page.getByTestId('new-design-dialog');
    await dialog.getByTestId('new-design-name').fill(name);
    await dialog.getByTestId('design-dialect').selectOption(dialect);
    await dialog.getByTestId('new-design-create').click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** The visible design tab. */
  get tab(): Locator {
    return this.page.locator('[data-testid="design-tab"]:not([hidden])');
  }

  get canvas(): Locator {
    return this.tab.getByTestId('design-canvas');
  }

  /** A table node on the canvas by the table's name. */
  node(table: string): Locator {
    return this.tab.locator(`[data-testid="design-node"][data-table="${table}"]`);
  }

  get edges(): Locator {
    return this.canvas.locator('.react-flow__edge');
  }

  get editor(): Locator {
    return this.tab.getByTestId('table-editor');
  }

  get status(): Locator {
    return this.tab.getByTestId('design-status');
  }

  async addTable(): Promise<void> {
    await this.tab.getByTestId('design-add-table').click();
  }

  /** Renames the selected table in the side panel. */
  async renameSelected(name: string): Promise<void> {
    const field = this.editor.getByTestId('table-name');
    await field.fill(name);
    await field.press('Enter');
  }

  /** Adds a column to the selected table and names it. */
  async addColumn(name: string): Promise<void> {
    await this.editor.getByTestId('column-add').click();
    const field = this.editor.getByTestId('column-name').last();
    await field.fill(name);
    await field.press('Enter');
  }

  /** Drags from a column's handle to another table's column handle (makes a foreign key). */
  async drawForeignKey(from: { table: string; column: string }, to: { table: string; column: string }): Promise<void> {
    const source = this.node(from.table).locator(`[data-handleid="${from.column}:R"]`);
    const target = this.node(to.table).locator(`[data-handleid="${to.column}:L"]`);
    await this.node(from.table).hover();
    const a = await source.boundingBox();
    const b = await target.boundingBox();
    if (!a || !b) throw new Error('column handles are not on screen');
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }
}
