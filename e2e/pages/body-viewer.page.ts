import type { Locator } from '@playwright/test';

/** The big-body viewer inside a response (a body kept on disk): status, search, go to line, the visible lines. */
export class BodyViewerPage {
  constructor(readonly scope: Locator) {}

  get root(): Locator {
    return this.scope.getByTestId('body-viewer');
  }

  get status(): Locator {
    return this.root.getByTestId('body-viewer-status');
  }

  get scroll(): Locator {
    return this.root.getByTestId('body-viewer-scroll');
  }

  get search(): Locator {
    return this.root.getByTestId('body-search');
  }

  get matchCount(): Locator {
    return this.root.getByTestId('body-search-count');
  }

  get currentMatch(): Locator {
    return this.root.locator('mark[data-current]');
  }

  get goTo(): Locator {
    return this.root.getByTestId('body-goto');
  }

  /** A visible line by its 1-based number. */
  line(number: number): Locator {
    return this.root.locator(`[data-testid="body-line"][data-line="${number}"]`);
  }

  get lines(): Locator {
    return this.root.getByTestId('body-line');
  }
}
