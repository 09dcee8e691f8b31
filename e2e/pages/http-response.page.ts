import type { Locator, Page } from '@playwright/test';
import { HttpPage } from './http.page';

type BodyView = 'pretty' | 'xml' | 'html' | 'image' | 'hex' | 'raw';

/** The response pane of the visible HTTP tab: body views, their toolbar, the Cookies tab. */
export class HttpResponsePage {
  readonly http: HttpPage;

  constructor(readonly page: Page) {
    this.http = new HttpPage(page);
  }

  /** A new request tab sent to `url`, once its status shows. */
  async send(url: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+H');
    await this.http.tab.waitFor();
    await this.http.url.fill(url);
    await this.http.send.click();
    await this.http.status.waitFor();
  }

  viewTab(view: BodyView): Locator {
    return this.http.tab.getByTestId(`http-body-view-${view}`);
  }

  /** The names of the offered views, in order. */
  get viewTabs(): Locator {
    return this.http.tab.getByTestId('http-body-toolbar').getByRole('tab');
  }

  /** The lines CodeMirror shows of the Pretty/XML view. */
  get lines(): Locator {
    return this.http.responseBody.locator('.cm-line');
  }

  get jsonPath(): Locator {
    return this.http.tab.getByTestId('http-jsonpath');
  }

  get jsonPathCount(): Locator {
    return this.http.tab.getByTestId('http-jsonpath-count');
  }

  get jsonPathError(): Locator {
    return this.http.tab.getByTestId('http-jsonpath-error');
  }

  get xmlCheck(): Locator {
    return this.http.tab.getByTestId('http-xml-check');
  }

  get htmlFrame(): Locator {
    return this.http.tab.getByTestId('http-response-html');
  }

  get image(): Locator {
    return this.http.tab.getByTestId('http-response-image');
  }

  get imageFacts(): Locator {
    return this.http.tab.getByTestId('http-image-facts');
  }

  get hexRows(): Locator {
    return this.http.tab.getByTestId('http-hex-row');
  }

  get hexMore(): Locator {
    return this.http.tab.getByTestId('http-hex-more');
  }

  get cookieRows(): Locator {
    return this.http.tab.getByTestId('http-set-cookie-row');
  }

  get save(): Locator {
    return this.http.tab.getByTestId('http-body-save');
  }

  get copy(): Locator {
    return this.http.tab.getByTestId('http-body-copy');
  }
}
