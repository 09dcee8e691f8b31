import type { Locator, Page } from '@playwright/test';

/** The History panel of the sidebar: past executions of the selected connection, searchable. */
export class HistoryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('sidebar-tab-history').click();
    await this.panel.waitFor();
  }

  get panel(): Locator {
    return this.page.getByTestId('history-panel');
  }

  get search(): Locator {
    return this.panel.getByRole('searchbox', { name: 'Search history' });
  }

  get entries(): Locator {
    return this.panel.getByTestId('history-entry');
  }

  /** Entries whose SQL contains `text`. */
  entry(text: string): Locator {
    return this.entries.filter({ hasText: text });
  }

  get emptyState(): Locator {
    return this.panel.getByText('No matching queries');
  }
}
