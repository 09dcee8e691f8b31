import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { isFileInside, resolveInside } from '../host-shared/renderer-files';
import { readJsonBody, sendJson } from './http-body';
import { hashSecret, OneTimeCodes } from './one-time-codes';
import { sendError, sessionSecret } from './request-guard';
import { WebSessions } from './web-sessions';

/** How long an unused start link works. */
export const START_TOKEN_TTL_MS = 10 * 60_000;
/** How long a download link works (it is followed at once by the page that asked for it). */
export const DOWNLOAD_TICKET_TTL_MS = 60_000;

export interface WebAuthOptions {
  /**
   * BACKBENCH_TOKEN: a start token that may be redeemed any number of times, for automation and tests. Whoever
   * knows it can sign in for as long as the host runs, so it must be kept like a password.
   */
  fixedStartToken?: string;
  /** The data dir, where session hashes are kept across restarts (see WebSessions). */
  dataDir?: string;
  warn?: (message: string) => void;
  now?: () => number;
}

/**
 * Who may use the browser host, without cookies: a start link's token (one-time, short-lived) is traded once at
 * `POST /session` for a per-tab session secret that the page keeps in sessionStorage and sends in a header;
 * exports are fetched with one-time download tickets.
 */
export class WebAuth {
  readonly sessions: WebSessions;
  private readonly startTokens: OneTimeCodes<true>;
  private readonly tickets: OneTimeCodes<string>;
  private readonly fixedHash: Buffer | null;

  constructor(options: WebAuthOptions = {}) {
    const now = options.now ?? Date.now;
    this.sessions = new WebSessions({ dir: options.dataDir, warn: options.warn, now });
    this.startTokens = new OneTimeCodes(START_TOKEN_TTL_MS, 100, now);
    this.tickets = new OneTimeCodes(DOWNLOAD_TICKET_TTL_MS, 100, now);
    this.fixedHash = options.fixedStartToken ? Buffer.from(hashSecret(options.fixedStartToken), 'hex') : null;
  }

  /** A new one-time start token (every printed or opened start link gets its own). */
  mintStartToken(): string {
    return this.startTokens.mint(true);
  }

  /** True when the request carries a live session secret. */
  isSignedIn(req: IncomingMessage): boolean {
    return this.sessions.verify(sessionSecret(req));
  }

  /** A one-time ticket for downloading `fileName` (a plain name inside the exports folder). */
  mintTicket(fileName: string): string {
    return this.tickets.mint(fileName);
  }

  /** The file name of a ticket, once. */
  takeTicket(ticket: string): string | undefined {
    return this.tickets.take(ticket);
  }

  close(): void {
    this.sessions.flush();
  }

  private redeemStartToken(token: unknown): boolean {
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) return false;
    if (this.fixedHash !== null && timingSafeEqual(this.fixedHash, Buffer.from(hashSecret(token), 'hex'))) return true;
    return this.startTokens.take(token) === true;
  }

  /** `POST /session` `{ startToken }` → `{ session }`: the one trade of a start link for a session. */
  async handleStart(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJsonBody(req, res, 4096);
    if (!body.ok) return;
    const token = (body.value as { startToken?: unknown } | null)?.startToken;
    if (!this.redeemStartToken(token)) {
      sendError(
        res,
        401,
        'UNAUTHORIZED',
        'That start link was already used or has expired (each works once, for 10 minutes). In the terminal where ' +
          '`backbench web` runs, press Enter for a new one.',
        true,
      );
      return;
    }
    sendJson(res, 200, { session: this.sessions.create() });
  }

  /**
   * `POST /session/tab` (signed in) → `{ session }`: a session for another tab of the same browser, which asked
   * this tab for one (a new tab opened with Ctrl+T, a link opened in a new tab).
   */
  handleForTab(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    sendJson(res, 200, { session: this.sessions.create() });
  }

  /** `GET /session` (signed in) → 204: lets a page check the session it kept before it starts. */
  handleCheck(res: ServerResponse): void {
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  /** `POST /download-ticket` `{ name }` (signed in) → `{ url }`: a link that downloads one export, once. */
  async handleTicket(req: IncomingMessage, res: ServerResponse, exportsDir: string | undefined): Promise<void> {
    const body = await readJsonBody(req, res, 4096);
    if (!body.ok) return;
    const name = (body.value as { name?: unknown } | null)?.name;
    const file =
      typeof name === 'string' && exportsDir !== undefined ? resolveInside(exportsDir, encodeURIComponent(name)) : null;
    if (file === null || file.slice(exportsDir!.length + 1).includes(sep) || !(await isFileInside(exportsDir!, file))) {
      sendError(res, 404, 'NOT_FOUND', 'That export is no longer in the exports folder; export again.', true);
      return;
    }
    sendJson(res, 200, { url: `/exports/${this.mintTicket(name as string)}` });
  }
}
