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

  async showResponse(section: 'body' | 'headers' | 'timing'): Promise<void> {
    await this.tab.getByTestId(`http-response-tab-${section}`).click();
  }

  get responseHeaders(): Locator {
    return this.tab.getByTestId('http-response-headers');
  }

  get timingRows(): Locator {
    return this.tab.getByTestId('http-timing-row');
  }
}
