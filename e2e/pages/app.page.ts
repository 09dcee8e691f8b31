import type { Locator, Page } from '@playwright/test';

/** The shell: connections list, schema tree, sidebar tabs, theme, toasts. */
export class AppPage {
  constructor(readonly page: Page) {}

  get connectionList(): Locator {
    return this.page.getByTestId('connection-list');
  }

  connection(name: string): Locator {
    return this.page.locator(`[data-testid="connection-item"][data-name="${cssEscape(name)}"]`);
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

  /** The button that switches between the dark and the light theme. */
  get themeToggle(): Locator {
    return this.page.getByTestId('theme-toggle');
  }

  /** `<html>`, whose data-theme attribute the whole stylesheet keys on. */
  get root(): Locator {
    return this.page.locator('html');
  }

  /** The sidebar (connections and panels); absent while collapsed. */
  get sidebar(): Locator {
    return this.page.getByTestId('sidebar');
  }

  /** The top bar's button that shows or hides the sidebar. */
  get sidebarToggle(): Locator {
    return this.page.getByTestId('sidebar-toggle');
  }

  /** The connection in use, named in the top bar (its `data-name`). */
  get headerConnection(): Locator {
    return this.page.getByTestId('top-connection');
  }

  async openSidebarPanel(panel: 'schema' | 'history' | 'saved'): Promise<void> {
    await this.page.getByTestId(`sidebar-tab-${panel}`).click();
  }

  /** Notifications in the corner (success, info and errors). */
  get toasts(): Locator {
    return this.page.getByTestId('toast');
  }
}

/** Escapes a value for use inside a double-quoted CSS attribute selector. */
export function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
