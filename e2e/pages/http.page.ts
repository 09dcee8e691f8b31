import type { Locator, Page } from '@playwright/test';

/** The HTTP panel of the sidebar and the HTTP request tab (URL bar, headers, body, response). */
export class HttpPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('sidebar-tab-http').click();
    await this.page.getByTestId('http-panel').waitFor();
  }

  async newRequest(): Promise<void> {
    await this.page.getByTestId('http-new-request').click();
    await this.tab.waitFor();
  }

  /** The visible HTTP tab. */
  get tab(): Locator {
    return this.page.locator('[data-testid="http-tab"]:not([hidden])');
  }

  get method(): Locator {
    return this.tab.getByTestId('http-method');
  }

  get url(): Locator {
    return this.tab.getByTestId('http-url');
  }

  get send(): Locator {
    return this.tab.getByTestId('http-send');
  }

  get cancel(): Locator {
    return this.tab.getByTestId('http-cancel');
  }

  async addHeader(name: string, value: string): Promise<void> {
    await this.tab.getByTestId('http-section-headers').click();
    await this.tab.getByTestId('http-add-header').click();
    const row = this.tab.getByTestId('http-header-row').last();
    await row.getByPlaceholder('Name').fill(name);
    await row.getByPlaceholder('Value').fill(value);
  }

  async setJsonBody(text: string): Promise<void> {
    await this.tab.getByTestId('http-section-body').click();
    await this.tab.getByTestId('http-body-type-json').check();
    await this.tab.getByTestId('http-body-text').fill(text);
  }

  get bodyError(): Locator {
    return this.tab.getByTestId('http-body-error');
  }

  get emptyResponse(): Locator {
    return this.tab.getByTestId('http-response-empty');
  }

  get status(): Locator {
    return this.tab.getByTestId('http-status');
  }

  get time(): Locator {
    return this.tab.getByTestId('http-time');
  }

  get size(): Locator {
    return this.tab.getByTestId('http-size');
  }

  get responseBody(): Locator {
    return this.tab.getByTestId('http-response-body');
  }

  get error(): Locator {
    return this.tab.getByTestId('http-response-error');
  }

  async showResponse(section: 'body' | 'headers' | 'timing' | 'tests'): Promise<void> {
    await this.tab.getByTestId(`http-response-tab-${section}`).click();
  }

  get responseHeaders(): Locator {
    return this.tab.getByTestId('http-response-headers');
  }

  get timingRows(): Locator {
    return this.tab.getByTestId('http-timing-row');
  }

  /** The active editor tab's header (title, dirty dot). */
  get activeTab(): Locator {
    return this.page.locator('[data-testid="editor-tab"][aria-selected="true"]');
  }

  get activeTabDirty(): Locator {
    return this.activeTab.locator('.editor-tab-dirty');
  }

  async closeActiveTab(): Promise<void> {
    await this.activeTab.locator('.editor-tab-close').click();
  }

  /** Resolves once the tabs (with the drafts) were written after an edit that put `text` in one. */
  async tabsSavedWith(text: string): Promise<void> {
    const request = await this.page.waitForRequest(
      (r) =>
        r.url().endsWith('/rpc') &&
        (r.postData() ?? '').includes('workspace.saveTabs') &&
        (r.postData() ?? '').includes(text),
    );
    await request.response();
  }

  /** The save dialog of a first save: `collection/folder/name`. */
  async saveAs(target: string): Promise<void> {
    await this.page.keyboard.press('Control+s');
    const dialog = this.page.getByTestId('prompt-dialog');
    await dialog.locator('input').fill(target);
    await dialog.locator('input').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  get tree(): Locator {
    return this.page.getByTestId('http-tree');
  }

  collection(name: string): Locator {
    return this.tree
      .getByTestId('http-tree-collection')
      .filter({ has: this.page.locator('.http-tree-name').getByText(name, { exact: true }) });
  }

  /** A request row of the tree, by its name. */
  request(name: string): Locator {
    return this.tree
      .getByTestId('http-tree-request')
      .filter({ has: this.page.locator('.http-tree-name').getByText(name, { exact: true }) });
  }

  async newCollection(name: string): Promise<void> {
    await this.page.getByTestId('http-new-collection').click();
    const dialog = this.page.getByTestId('prompt-dialog');
    await dialog.locator('input').fill(name);
    await dialog.locator('input').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Right-click a tree row and pick a menu item. */
  async treeMenu(row: Locator, item: 'Open' | 'Rename…' | 'Delete…'): Promise<void> {
    await row.click({ button: 'right' });
    await this.page.getByTestId('http-tree-menu').getByRole('menuitem', { name: item }).click();
  }
}
