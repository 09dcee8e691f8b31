import type { Locator, Page } from '@playwright/test';

/** The History view of the HTTP panel: sent requests, search, compare. */
export class HttpHistoryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('http-view-history').click();
    await this.view.waitFor();
  }

  get view(): Locator {
    return this.page.getByTestId('http-history');
  }

  get empty(): Locator {
    return this.view.getByTestId('http-history-empty');
  }

  get entries(): Locator {
    return this.view.getByTestId('http-history-entry');
  }

  /** An entry by a text of its URL. */
  entry(urlText: string): Locator {
    return this.entries.filter({ hasText: urlText });
  }

  async search(text: string): Promise<void> {
    await this.view.getByRole('searchbox', { name: 'Search sent requests' }).fill(text);
  }

  /** Opens an entry in a new request tab. */
  async reopen(urlText: string): Promise<void> {
    await this.entry(urlText).getByTestId('http-history-open').click();
  }

  async select(urlText: string): Promise<void> {
    await this.entry(urlText).getByRole('checkbox').check();
  }

  get compareButton(): Locator {
    return this.view.getByTestId('http-history-compare');
  }

  get compare(): Locator {
    return this.page.getByTestId('http-compare');
  }

  get changedRows(): Locator {
    return this.compare.getByTestId('http-diff-changed');
  }
}
