import type { Locator, Page } from '@playwright/test';

/** The Auth and Settings sections of the visible HTTP request tab. */
export class HttpAuthPage {
  constructor(readonly page: Page) {}

  get tab(): Locator {
    return this.page.locator('[data-testid="http-tab"]:not([hidden])');
  }

  async showAuth(): Promise<void> {
    await this.tab.getByTestId('http-section-auth').click();
    await this.tab.getByTestId('http-auth-section').waitFor();
  }

  async showSettings(): Promise<void> {
    await this.tab.getByTestId('http-section-settings').click();
    await this.tab.getByTestId('http-settings-section').waitFor();
  }

  get type(): Locator {
    return this.tab.getByTestId('http-auth-type');
  }

  /** An auth field by its key (username, password, token, tokenUrl, clientId, clientSecret, scope…). */
  field(key: string): Locator {
    return this.tab.getByTestId(`http-auth-${key}`);
  }

  get getToken(): Locator {
    return this.tab.getByTestId('http-auth-get-token');
  }

  get clearTokens(): Locator {
    return this.tab.getByTestId('http-auth-clear-tokens');
  }

  get tokenStatus(): Locator {
    return this.tab.getByTestId('http-auth-token-status');
  }

  get error(): Locator {
    return this.tab.getByTestId('http-auth-error');
  }

  setting(name: string): Locator {
    return this.tab.getByTestId(`http-settings-${name}`);
  }
}
