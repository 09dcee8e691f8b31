import type { Locator, Page } from '@playwright/test';

/** The import dialog: file, format, target (existing table with a mapping, or a new table), preview, progress. */
export class ImportDialogPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('import-dialog');
  }

  /** Picks a file as the browser's file chooser would (the page uploads it to the host). */
  async chooseFile(name: string, content: string): Promise<void> {
    await this.root.getByTestId('import-file-input').setInputFiles({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(content, 'utf8'),
    });
  }

  get fileName(): Locator {
    return this.root.getByTestId('import-file-name');
  }

  get format(): Locator {
    return this.root.getByTestId('import-format');
  }

  get preview(): Locator {
    return this.root.getByTestId('import-preview');
  }

  /** A field's header in the preview (its name and the kind inferred). */
  field(name: string): Locator {
    return this.root.locator(`[data-testid="import-field"][data-field="${name}"]`);
  }

  /** Where a field goes in an existing table (a column, or "— skip —"). */
  mapping(field: string): Locator {
    return this.root.locator(`[data-testid="import-map"][data-field="${field}"]`);
  }

  /** A new table's column type for a field. */
  columnType(field: string): Locator {
    return this.root.locator(`[data-testid="import-type"][data-field="${field}"]`);
  }

  get newTable(): Locator {
    return this.root.getByTestId('import-mode-new');
  }

  get newTableName(): Locator {
    return this.root.getByTestId('import-new-name');
  }

  get importButton(): Locator {
    return this.root.getByTestId('import-start');
  }

  get progress(): Locator {
    return this.root.getByTestId('import-progress');
  }

  get done(): Locator {
    return this.root.getByTestId('import-done');
  }

  get failed(): Locator {
    return this.root.getByTestId('import-failed');
  }

  get problem(): Locator {
    return this.root.getByTestId('import-problem');
  }

  get openTable(): Locator {
    return this.root.getByTestId('import-open-table');
  }
}
