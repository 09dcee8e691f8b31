import type { Locator, Page } from '@playwright/test';

/** The shell: connections list, schema tree, theme. */
export class AppPage {
  constructor(readonly page: Page) {}

  get connectionList(): Locator {
    return this.page.getByTestId('connection-list');
  }

  connection(name: string): Locator {
    return this.page.locator(`[data-testid="connection-item"][data-name="${name}"]`);
  }

  get schemaTree(): Locator {
    return this.page.getByTestId('schema-tree');
  }

  table(name: string): Locator {
    return this.schemaTree.locator(`[data-testid="schema-table"][data-name="${cssEscape(name)}"]`);
  }

  async refreshSchema(): Promise<void> {
    await this.page.getByTestId('schema-refresh').click();
  }
}

/** Escapes a value for use inside a double-quoted CSS attribute selector. */
export function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
