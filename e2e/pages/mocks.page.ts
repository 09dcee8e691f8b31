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

  /** The URL a mock's panel entry shows (and copies). */
  panelUrl(name: string): Locator {
    return this.item(name).getByTestId('mock-url');
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

  /** Clicks the visible mock tab's Save. */
  async save(): Promise<void> {
    await this.tab.getByTestId('mock-save').click();
  }

  get saveError(): Locator {
    return this.tab.getByTestId('mock-save-error');
  }

  /** The core's message beside a refused field of the form (`routes.0.responses.0.bodyFile`). */
  fieldIssue(path: string): Locator {
    return this.tab.locator(`[data-testid="mock-field-issue"][data-path="${path}"]`);
  }

  /** The shown response's fault: `none`, `drop` or `error` (with its status), and the share of requests. */
  async setFault(type: 'none' | 'drop' | 'error', options: { status?: number; rate?: number } = {}): Promise<void> {
    await this.routeEditor.getByTestId('mock-fault-type').selectOption(type);
    if (options.status !== undefined) {
      await this.routeEditor.getByTestId('mock-fault-status').fill(String(options.status));
    }
    if (options.rate !== undefined) await this.routeEditor.getByTestId('mock-fault-rate').fill(String(options.rate));
  }

  /** The shown response's body read from a file in the mock's folder. */
  async setBodyFile(file: string): Promise<void> {
    await this.routeEditor.getByTestId('mock-body-file').check();
    await this.routeEditor.getByTestId('mock-body-file-path').fill(file);
  }

  /** The shown response's fixed latency in ms. */
  async setLatency(ms: number): Promise<void> {
    await this.routeEditor.getByLabel('Response latency (ms)').fill(String(ms));
  }

  /** The REST resources section of the form (one row per table served). */
  get resources(): Locator {
    return this.tab.getByTestId('mock-resources');
  }

  /** The raw YAML view's text (switching to it saves the form first). */
  async yamlText(): Promise<string> {
    await this.tab.getByTestId('mock-view-yaml').click();
    const yaml = this.tab.getByTestId('mock-yaml').locator('.cm-content');
    await yaml.waitFor();
    return yaml.innerText();
  }

  async showForm(): Promise<void> {
    await this.tab.getByTestId('mock-view-form').click();
    await this.routeEditor.or(this.tab.getByTestId('mock-routes')).first().waitFor();
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
