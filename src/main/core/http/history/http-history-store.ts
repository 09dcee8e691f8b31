/**
 * The HTTP history table of the app database: one row per send, newest kept. The columns the list and the
 * search read are columns; the rest of an entry (headers, the request as edited, body encodings) is one JSON
 * document. Bounded by a count and by the bytes kept, oldest going first.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import type {
  HttpHistoryBody,
  HttpHistoryEntry,
  HttpHistorySummary,
  HttpStatusClass,
} from '../../../../shared/http-history';
import type { HttpRequestFile } from '../../../../shared/http-request';
import { escapeLike } from '../../history/history-store';

export const HTTP_HISTORY_MAX_ENTRIES = 1_000;
/** Bodies and details kept by every entry together. */
export const HTTP_HISTORY_MAX_BYTES = 64 * 1024 * 1024;

/** An entry to keep (its id is given by the table). */
export type NewHttpHistoryEntry = Omit<HttpHistoryEntry, 'id'>;

interface SummaryRow {
  id: number;
  sent_at: string;
  method: string;
  url: string;
  path: string | null;
  status: number | null;
  duration_ms: number | null;
  size: number | null;
  error_code: string | null;
  error_message: string | null;
  checks_passed: number;
  checks_failed: number;
}

interface EntryRow extends SummaryRow {
  request_body: string | null;
  response_body: string | null;
  detail_json: string;
}

/** What the JSON column holds: the entry without the summary columns and without the bodies' data. */
interface Detail {
  sent: Omit<HttpHistoryEntry['sent'], 'body'> & { body: Omit<HttpHistoryBody, 'data'> | null };
  request: HttpHistoryEntry['request'];
  response: (Omit<NonNullable<HttpHistoryEntry['response']>, 'body'> & { body: Omit<HttpHistoryBody, 'data'> }) | null;
}

/** Assertions and tests of the kept response whose `passed` is `value`, counted from the JSON column. */
const countChecks = (value: 0 | 1) =>
  ['assertions', 'tests']
    .map(
      (list) =>
        `(SELECT count(*) FROM json_each(detail_json, '$.response.${list}') WHERE json_extract(value, '$.passed') = ${value})`,
    )
    .join(' + ');
const SUMMARY_COLUMNS = `id, sent_at, method, url, path, status, duration_ms, size, error_code, error_message,
  ${countChecks(1)} AS checks_passed, ${countChecks(0)} AS checks_failed`;

const STATUS_WHERE: Record<HttpStatusClass, string> = {
  '2xx': 'status BETWEEN 200 AND 299',
  '3xx': 'status BETWEEN 300 AND 399',
  '4xx': 'status BETWEEN 400 AND 499',
  '5xx': 'status BETWEEN 500 AND 599',
  error: 'status IS NULL',
};

export class HttpHistoryStore {
  constructor(
    private readonly db: Database.Database,
    private readonly limits = { entries: HTTP_HISTORY_MAX_ENTRIES, bytes: HTTP_HISTORY_MAX_BYTES },
  ) {}

  /**
   * Keeps an entry and trims the oldest past the limits; returns its id. `sealed` is the request as edited with
   * its credentials, encrypted by the secret store (reopen-request.ts), or null when masking left it as it was.
   */
  append(entry: NewHttpHistoryEntry, sealed: string | null = null): number {
    const { data: requestBody, ...sentBody } = entry.sent.body ?? { data: null };
    const { data: responseBody, ...responseBodyMeta } = entry.response?.body ?? { data: null };
    const detail: Detail = {
      sent: { ...entry.sent, body: entry.sent.body ? (sentBody as Omit<HttpHistoryBody, 'data'>) : null },
      request: entry.request,
      response: entry.response ? { ...entry.response, body: responseBodyMeta as Omit<HttpHistoryBody, 'data'> } : null,
    };
    const detailJson = JSON.stringify(detail);
    const storedBytes = detailJson.length + (requestBody?.length ?? 0) + (responseBody?.length ?? 0);
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO http_history (sent_at, method, url, path, status, duration_ms, size, error_code, error_message,
               request_body, response_body, detail_json, stored_bytes, request_sealed)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            entry.sentAt,
            entry.method,
            entry.url,
            entry.path,
            entry.status,
            entry.durationMs,
            entry.size,
            entry.errorCode,
            entry.errorMessage,
            requestBody,
            responseBody,
            detailJson,
            storedBytes,
            sealed,
          ).lastInsertRowid,
      );
      this.trim();
      return id;
    })();
  }

  /** Newest first; `search` matches a substring of the method, URL, status or either body (any ASCII case). */
  list(input: { search?: string; status?: HttpStatusClass; limit: number; offset?: number }): {
    entries: HttpHistorySummary[];
    total: number;
  } {
    const params: string[] = [];
    const conditions: string[] = [];
    const search = input.search?.trim();
    if (search) {
      conditions.push(
        `(${['method', 'url', 'CAST(status AS TEXT)', 'request_body', 'response_body']
          .map((column) => `${column} LIKE ? ESCAPE '\\'`)
          .join(' OR ')})`,
      );
      params.push(...Array<string>(5).fill(`%${escapeLike(search)}%`));
    }
    if (input.status) conditions.push(STATUS_WHERE[input.status]);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM http_history ${where}`).get(...params) as { n: number })
      .n;
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM http_history ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset ?? 0) as SummaryRow[];
    return { entries: rows.map(toSummary), total };
  }

  /** One entry in full; NOT_FOUND when it was deleted or trimmed. */
  get(id: number): HttpHistoryEntry {
    const row = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, request_body, response_body, detail_json FROM http_history WHERE id = ?`)
      .get(id) as EntryRow | undefined;
    if (!row) throw gone(id);
    const detail = JSON.parse(row.detail_json) as Detail;
    return {
      ...toSummary(row),
      sent: { ...detail.sent, body: detail.sent.body ? { ...detail.sent.body, data: row.request_body ?? '' } : null },
      request: detail.request,
      response: detail.response
        ? { ...detail.response, body: { ...detail.response.body, data: row.response_body ?? '' } }
        : null,
    };
  }

  /** The request as edited (masked) and its sealed original, for re-opening in a tab; NOT_FOUND once gone. */
  requestToReopen(id: number): { request: HttpRequestFile; sealed: string | null } {
    const row = this.db.prepare('SELECT detail_json, request_sealed FROM http_history WHERE id = ?').get(id) as
      { detail_json: string; request_sealed: string | null } | undefined;
    if (!row) throw gone(id);
    return { request: (JSON.parse(row.detail_json) as Detail).request, sealed: row.request_sealed };
  }

  /** Deletes one entry, or all; returns how many went. */
  delete(id?: number): number {
    const result =
      id === undefined
        ? this.db.prepare('DELETE FROM http_history').run()
        : this.db.prepare('DELETE FROM http_history WHERE id = ?').run(id);
    return result.changes;
  }

  /** Drops the oldest entries past the count, then past the bytes (the newest is always kept). */
  private trim(): void {
    this.db
      .prepare('DELETE FROM http_history WHERE id <= (SELECT id FROM http_history ORDER BY id DESC LIMIT 1 OFFSET ?)')
      .run(this.limits.entries);
    let total = 0;
    let cutAt: number | null = null;
    let first = true;
    for (const [id, bytes] of this.db
      .prepare('SELECT id, stored_bytes FROM http_history ORDER BY id DESC')
      .raw()
      .iterate() as IterableIterator<[number, number]>) {
      total += bytes;
      if (total > this.limits.bytes && !first) {
        cutAt = id;
        break;
      }
      first = false;
    }
    if (cutAt !== null) this.db.prepare('DELETE FROM http_history WHERE id <= ?').run(cutAt);
  }
}

function gone(id: number): AppError {
  return new AppError(
    'NOT_FOUND',
    `History entry ${id} is no longer kept (deleted, or trimmed as one of the oldest).`,
    {
      id,
    },
  );
}

function toSummary(row: SummaryRow): HttpHistorySummary {
  return {
    id: row.id,
    sentAt: row.sent_at,
    method: row.method,
    url: row.url,
    path: row.path,
    status: row.status,
    durationMs: row.duration_ms,
    size: row.size,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    checks: row.checks_passed + row.checks_failed > 0 ? { passed: row.checks_passed, failed: row.checks_failed } : null,
  };
}
