import type { Locator, Page } from '@playwright/test';

/** A row result: its toolbar (status, Last row, copy, export, viewer), the grid and the side value viewer. */
export class ResultsPage {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByTestId('result-grid');
  }

  /** "20 rows · 3 ms", "500+ rows · …", "1,000,000 rows · …". */
  get status(): Locator {
    return this.page.getByTestId('result-status');
  }

  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Result' });
  }

  /** The cell at a 0-based row and column of the result (rendered only while scrolled into view). */
  cell(row: number, col: number): Locator {
    return this.grid.locator(`[role="gridcell"][data-row="${row}"][data-col="${col}"]`);
  }

  columnHeader(name: string | RegExp): Locator {
    return this.grid.getByRole('columnheader', { name });
  }

  /** "Last row ⇥": reads to the end of the result and scrolls there. */
  get lastRowButton(): Locator {
    return this.page.getByTestId('go-to-end');
  }

  /** The row number in the gutter, as shown (1-based). */
  rowNumber(n: number): Locator {
    return this.grid.getByRole('rowheader', { name: String(n), exact: true });
  }

  /** Types a row number into "Go to row" and presses Enter. */
  async goToRow(n: number): Promise<void> {
    const input = this.page.getByTestId('go-to-row');
    await input.fill(String(n));
    await input.press('Enter');
  }

  /** "reading to the last row… N rows so far" with a Stop button, while the host reads ahead. */
  get readingAhead(): Locator {
    return this.page.getByTestId('reading-ahead');
  }

  /**
   * Moves the grid's scrollbar to `fraction` of its range (0 top, 1 bottom), as dragging its thumb does: the
   * scroll position changes and the browser fires a scroll event. (Aiming the mouse at a thumb a few pixels
   * tall on a 260M px result is not reliable, and the app cannot tell the two apart.)
   */
  async scrollbarTo(fraction: number): Promise<void> {
    // a string expression: the e2e code is compiled without the DOM library
    await this.page.evaluate(`(() => {
      const el = document.querySelector('[data-testid="result-grid"]');
      el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) * ${fraction});
    })()`);
  }

  /** Clicks a cell; with `extend`, shift-clicks to extend the selection to it. */
  async selectCell(row: number, col: number, extend = false): Promise<void> {
    await this.cell(row, col).click({ modifiers: extend ? ['Shift'] : [] });
  }

  /** A toolbar copy button: Cell, Row, TSV (the selection) or JSON (the selection). */
  async copy(what: 'Cell' | 'Row' | 'TSV' | 'JSON'): Promise<void> {
    await this.toolbar.getByRole('button', { name: what, exact: true }).click();
  }

  async exportCsv(): Promise<void> {
    await this.page.getByTestId('export-csv').click();
  }

  /** The export bar: progress while writing, then "Exported N rows to …" with a Download link. */
  get exportBar(): Locator {
    return this.page.getByTestId('export-progress');
  }

  /**
   * Starts recording each text the export bar shows (a MutationObserver in the page), for states that pass faster
   * than an assertion can poll. Read them with `recordedExportBar()`.
   */
  async recordExportBar(): Promise<void> {
    // string expressions: the e2e code is compiled without the DOM library
    await this.page.evaluate(`(() => {
      const seen = (window.__e2eExportBar = []);
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="export-progress"]')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
  }

  recordedExportBar(): Promise<string[]> {
    return this.page.evaluate<string[]>('window.__e2eExportBar ?? []');
  }

  /** Where the finished export was written. */
  get exportPath(): Locator {
    return this.exportBar.locator('code');
  }

  /** Browser host only: downloads the finished export through a one-time link. */
  get downloadButton(): Locator {
    return this.exportBar.getByRole('button', { name: 'Download' });
  }

  async toggleViewer(): Promise<void> {
    await this.page.getByTestId('toggle-cell-viewer').click();
  }

  get viewer(): Locator {
    return this.page.getByTestId('cell-viewer');
  }

  /** What the viewer says the value is ("JSON", "NULL", "12 characters", "BLOB · 1.2 kB"). */
  get viewerKind(): Locator {
    return this.viewer.locator('.cell-viewer-meta');
  }

  /** The value in full, as the viewer shows it (pretty-printed when it is JSON). */
  get viewerBody(): Locator {
    return this.viewer.locator('pre');
  }

  /** What the clipboard holds now (the context needs the clipboard-read permission). */
  clipboardText(): Promise<string> {
    // a string expression: the e2e code is compiled without the DOM library
    return this.page.evaluate<string>('navigator.clipboard.readText()');
  }
}
