/** Pure helpers of the HTTP tab: how a response is summarised and shown (no React, no client). */
import type { HttpResponse } from '../../../shared/contract/http.contract';

/** Methods offered in the method list; any other token can be typed. */
export const COMMON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** `2xx` → success, `3xx` → redirect, `4xx` → client error, `5xx` → server error (the status colour). */
export function statusClass(status: number): 'info' | 'success' | 'redirect' | 'client-error' | 'server-error' {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  if (status >= 200) return 'success';
  return 'info';
}

/** `512 B`, `1.5 KB`, `3.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `12 ms`, `0.4 ms`, `1.25 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** The first value of a header, by case-insensitive name. */
export function headerValue(headers: readonly { name: string; value: string }[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value ?? null;
}

/** True for `application/json`, `application/problem+json`, `text/json`… */
export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

/**
 * The text the Body tab shows: JSON indented when the content type says JSON and it parses, else the text as
 * received. `pretty` says which it is.
 */
export function bodyText(text: string, contentType: string | null): { text: string; pretty: boolean } {
  if (!isJsonContentType(contentType)) return { text, pretty: false };
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), pretty: true };
  } catch {
    return { text, pretty: false };
  }
}

/** Why a JSON body does not parse (the parser's message), or null when it does or is blank. */
export function jsonBodyError(text: string): string | null {
  if (!text.trim()) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export interface TimingRow {
  label: string;
  ms: number;
  /** Where the bar starts, as a share of the total (0…1). */
  start: number;
  /** The bar's length, as a share of the total (0…1). */
  share: number;
}

/** The phases of the final exchange as consecutive bars (a waterfall), then the total. */
export function timingRows(timing: HttpResponse['timing']): TimingRow[] {
  const phases: [string, number][] = [
    ['DNS', timing.dnsMs],
    ['Connect', timing.connectMs],
    ['TLS', timing.tlsMs],
    ['First byte', timing.firstByteMs],
    ['Download', timing.downloadMs],
  ];
  const total = Math.max(
    timing.totalMs,
    phases.reduce((sum, [, ms]) => sum + ms, 0),
    0.001,
  );
  let at = 0;
  const rows = phases.map(([label, ms]) => {
    const row = { label, ms, start: at / total, share: ms / total };
    at += ms;
    return row;
  });
  rows.push({ label: 'Total', ms: timing.totalMs, start: 0, share: timing.totalMs / total });
  return rows;
}
