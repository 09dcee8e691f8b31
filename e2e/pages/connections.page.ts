import type { Locator, Page } from '@playwright/test';
import { cssEscape } from './app.page';

/** The saved-connections list in the sidebar and the actions on each entry. */
export class ConnectionsPage {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByTestId('connection-list');
  }

  get items(): Locator {
    return this.page.getByTestId('connection-item');
  }

  /** The entry with exactly this name; its `data-state` is connected / disconnected / error. */
  item(name: string): Locator {
    return this.page.locator(`[data-testid="connection-item"][data-name="${cssEscape(name)}"]`);
  }

  /** Clicks an entry's action; the actions show while the pointer is over the entry (or it has the focus). */
  private async clickAction(name: string, verb: 'Edit' | 'Duplicate' | 'Connect' | 'Delete'): Promise<void> {
    const item = this.item(name);
    await item.hover();
    await item.getByRole('button', { name: `${verb} ${name}`, exact: true }).click();
  }

  /** Opens the dialog for a new connection. */
  async create(): Promise<ConnectionDialogPage> {
    await this.page.getByTestId('connection-new').click();
    const dialog = new ConnectionDialogPage(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  /** Creates and saves a server connection from its URL; the app then connects it. */
  async createFromUrl(engine: 'PostgreSQL' | 'MySQL / MariaDB', name: string, url: string): Promise<void> {
    const dialog = await this.create();
    await dialog.engine(engine).check();
    await dialog.name.fill(name);
    await dialog.fillFromUrl(url);
    await dialog.save();
    await dialog.root.waitFor({ state: 'hidden' });
  }

  async edit(name: string): Promise<ConnectionDialogPage> {
    await this.clickAction(name, 'Edit');
    const dialog = new ConnectionDialogPage(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  async duplicate(name: string): Promise<void> {
    await this.clickAction(name, 'Duplicate');
  }

  async connect(name: string): Promise<void> {
    await this.clickAction(name, 'Connect');
  }

  /** Clicks Delete on the entry; the app asks first (see `confirmDialog`). */
  async requestDelete(name: string): Promise<void> {
    await this.clickAction(name, 'Delete');
  }

  get confirmDialog(): Locator {
    return this.page.getByTestId('confirm-dialog');
  }

  async confirm(): Promise<void> {
    await this.confirmDialog.getByTestId('confirm-ok').click();
  }
}

/** The New / Edit connection dialog. */
export class ConnectionDialogPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('connection-dialog');
  }

  get title(): Locator {
    return this.root.getByRole('heading');
  }

  get safety(): Locator {
    return this.root.getByTestId('connection-safety');
  }

  get name(): Locator {
    return this.root.getByLabel('Name', { exact: true });
  }

  engine(label: 'SQLite' | 'PostgreSQL' | 'MySQL / MariaDB'): Locator {
    return this.root.getByRole('radio', { name: label });
  }

  get file(): Locator {
    return this.root.getByLabel('Database file');
  }

  get createFile(): Locator {
    return this.root.getByRole('checkbox', { name: 'Create a new file if it does not exist' });
  }

  get url(): Locator {
    return this.root.getByLabel('Paste URL');
  }

  get host(): Locator {
    return this.root.getByLabel('Host', { exact: true });
  }

  get port(): Locator {
    return this.root.getByLabel('Port', { exact: true });
  }

  get user(): Locator {
    return this.root.getByLabel('User', { exact: true });
  }

  get database(): Locator {
    return this.root.getByLabel('Database', { exact: true });
  }

  get password(): Locator {
    return this.root.getByLabel('Password', { exact: true });
  }

  get sslMode(): Locator {
    return this.root.getByLabel('SSL mode', { exact: true });
  }

  /** "Allow the password without TLS": offered for a server that is not this machine. */
  get allowCleartext(): Locator {
    return this.root.getByRole('checkbox', { name: 'Allow the password without TLS' });
  }

  /** The note that a saved password must be typed again because the connection moved. */
  get passwordReenter(): Locator {
    return this.root.getByTestId('password-reenter');
  }

  /** Shown after the server said the SQLite file is missing: it points at "Create a new file…". */
  get createFileHint(): Locator {
    return this.root.getByTestId('create-file-hint');
  }

  /** The hint under the SQLite file field: which absolute file it opens or creates. */
  get fileHint(): Locator {
    return this.root.locator('.form-field-file .field-hint');
  }

  /**
   * Pastes `text` into `field` from the clipboard with the keyboard (the context needs the clipboard
   * permissions), as a user pasting a URL from elsewhere does.
   */
  async paste(field: Locator, text: string): Promise<void> {
    await this.page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
    await field.click();
    await this.page.keyboard.press('ControlOrMeta+v');
  }

  /** Fills the server fields from a connection URL through "Paste URL" → "Fill from URL". */
  async fillFromUrl(url: string): Promise<void> {
    await this.url.fill(url);
    await this.root.getByRole('button', { name: 'Fill from URL' }).click();
  }

  /** The error under the URL field (a malformed URL). */
  get urlError(): Locator {
    return this.root.getByTestId('connection-url-error');
  }

  async test(): Promise<void> {
    await this.root.getByTestId('connection-test').click();
  }

  /** "Connected · PostgreSQL 15.x · 3 ms" after a successful Test. */
  get testOk(): Locator {
    return this.root.getByTestId('connection-test-ok');
  }

  /** The error of a failed Test or Save: ErrorCode and message. */
  get error(): Locator {
    return this.root.getByTestId('connection-error');
  }

  /** The inline message next to one field (e.g. the port after CONNECTION_REFUSED). */
  fieldError(field: 'name' | 'file' | 'host' | 'port' | 'user' | 'password' | 'database' | 'sslMode'): Locator {
    return this.root.locator(`.form-field-${field} .field-error`);
  }

  async save(): Promise<void> {
    await this.root.getByTestId('connection-save').click();
  }
}
