import type { Locator, Page } from '@playwright/test';

/** A collection run tab: started from the collections tree's Run…, its options form, progress and report. */
export class HttpRunnerPage {
  constructor(readonly page: Page) {}

  /** Right-click on the collection or folder at `path` in the tree, then Run…. */
  async runFromTree(path: string): Promise<void> {
    await this.page.locator(`[data-testid="http-tree"] [data-path="${path}"]`).click({ button: 'right' });
    await this.page.getByTestId('http-tree-menu').getByRole('menuitem', { name: 'Run…' }).click();
    await this.view.waitFor();
  }

  /** The visible run tab. */
  get view(): Locator {
    return this.page.locator('[data-testid="run-view"]:visible');
  }

  field(testId: string): Locator {
    return this.view.getByTestId(testId);
  }

  get report(): Locator {
    return this.view.getByTestId('run-report');
  }

  stat(name: 'requests' | 'passed' | 'failed' | 'errors' | 'p50' | 'p95' | 'max'): Locator {
    return this.view.getByTestId(`run-report-${name}`);
  }
}
