import type { Locator, Page } from '@playwright/test';

/** The Mocks panel of the sidebar and the mock tab it opens (settings, routes, responses, request log). */
export class MocksPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('sidebar-tab-mocks').click();
    await this.panel.waitFor();
  }

  get panel(): Locator {
    return this.page.getByTestId('mocks-panel');
  }

  /** A mock in the panel by its name. */
  item(name: string): Locator {
    return this.panel
      .getByTestId('mock-item')
      .filter({ has: this.page.getByTestId('mock-name').getByText(name, { exact: true }) });
  }

  async create(name: string): Promise<void> {
    await this.panel.getByTestId('mock-new').click();
    const dialog = this.page.getByTestId('new-mock-dialog');
    await dialog.getByTestId('new-mock-name').fill(name);
    await dialog.getByTestId('new-mock-create').click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Imports an OpenAPI, Swagger, Mockoon or mock YAML file through the panel's Import… (browser host: upload). */
  async importFile(file: string): Promise<void> {
    await this.panel.getByTestId('mock-import-input').setInputFiles(file);
  }

  /** The mock tab's Export OpenAPI. */
  get exportOpenApi(): Locator {
    return this.tab.getByTestId('mock-export-openapi');
  }

  /** The visible mock tab. */
  get tab(): Locator {
    return this.page.locator('[data-testid="mock-tab"]:not([hidden])');
  }

  get routes(): Locator {
    return this.tab.getByTestId('mock-route-item');
  }

  get routeEditor(): Locator {
    return this.tab.getByTestId('mock-route-editor');
  }

  get unsaved(): Locator {
    return this.tab.getByTestId('mock-unsaved');
  }

  get status(): Locator {
    return this.tab.getByTestId('mock-status');
  }

  get url(): Locator {
    return this.tab.getByTestId('mock-tab-url');
  }

  async addRoute(method: string, path: string, body: string): Promise<void> {
    await this.tab.getByTestId('mock-add-route').click();
    await this.routeEditor.getByTestId('mock-route-method').selectOption(method);
    await this.routeEditor.getByTestId('mock-route-path').fill(path);
    await this.routeEditor.getByTestId('mock-response-body').locator('.cm-content').fill(body);
  }

  async start(): Promise<void> {
    await this.tab.getByTestId('mock-start').click();
  }

  async stop(): Promise<void> {
    await this.tab.getByTestId('mock-stop').click();
  }

  get logRows(): Locator {
    return this.tab.getByTestId('mock-log-row');
  }

  /** The log's row of a request path (newest first). */
  logRow(path: string): Locator {
    return this.logRows.filter({ hasText: path }).first();
  }

  get requestDialog(): Locator {
    return this.page.getByTestId('mock-request-dialog');
  }

  async deleteMock(name: string): Promise<void> {
    await this.item(name).getByTestId('mock-delete').click();
    await this.page.getByTestId('confirm-ok').click();
  }
}
