import type { Locator, Page } from '@playwright/test';

/** What a browser tab without a session shows: why, and how to get a new start link. */
export class SignInPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('signed-out');
  }

  get headline(): Locator {
    return this.screen.getByRole('heading');
  }
}
