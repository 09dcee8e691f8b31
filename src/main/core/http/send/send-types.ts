/**
 * What the sender takes and gives back. A request reaches it resolved: variables substituted, auth chosen
 * (inheritance applied), settings complete. The response shapes are what `http.send` returns (the contract's
 * zod schemas in `shared/contract/http.contract.ts` mirror them).
 */
import type { Auth, RequestBody } from '../../../../shared/http-request';

/** Send settings with every default applied. */
export interface ResolvedSettings {
  /** 0: no limit. Covers the whole exchange: connect, redirects and the body. */
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
  verifyTls: boolean;
  /** `http://host:port`; plain http goes to it as an absolute-URI request, https through a CONNECT tunnel. */
  proxy?: string;
  /** PEM files (inside `filesRoot` when set), relative to `baseDir` or absolute. */
  clientCert?: string;
  clientKey?: string;
  clientKeyPassphrase?: string;
  /** Offer h2 by ALPN (off unless true). */
  http2?: boolean;
}

export const DEFAULT_SETTINGS: ResolvedSettings = {
  timeoutMs: 30_000,
  followRedirects: true,
  maxRedirects: 10,
  verifyTls: true,
};

export interface HeaderEntry {
  name: string;
  value: string;
}

/** What a send listens to for a cancel: an AbortSignal, or the collection runner's lighter RunSignal. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A request ready to go: every text resolved, disabled rows already left out. */
export interface OutgoingRequest {
  method: string;
  /** Absolute http(s) URL, query included. */
  url: string;
  headers: HeaderEntry[];
  body?: RequestBody;
  /** Never `inherit`: the caller resolves inheritance. */
  auth?: Exclude<Auth, { type: 'inherit' }>;
  settings: ResolvedSettings;
  /** Where relative file paths of multipart and binary bodies are read from (the collection's folder). */
  baseDir: string;
  /**
   * When set, a relative body file path must lead to a file inside this folder (the workspace), symlinks
   * included: a collection pulled from elsewhere cannot name `../../.ssh/id_rsa`. Absolute paths are the user's
   * explicit choice and are not limited.
   */
  filesRoot?: string;
}

/** Milliseconds per phase of the final exchange. Phases of a connection reused from the pool are 0. */
export interface Timing {
  /** Name lookup (0 for an IP address or a reused connection). */
  dnsMs: number;
  /** TCP connect. */
  connectMs: number;
  /** TLS handshake (0 for http). */
  tlsMs: number;
  /** From the connection being ready (or the request leaving) to the response's status line. */
  firstByteMs: number;
  /** From the status line to the body's last byte. */
  downloadMs: number;
  /** The final exchange, start to end. */
  totalMs: number;
  /** Whether the final exchange went over a connection opened earlier (no DNS, connect or TLS time). */
  reusedConnection: boolean;
}

/** One redirect that was followed. */
export interface RedirectHop {
  method: string;
  url: string;
  status: number;
  location: string;
  totalMs: number;
}

/** The body: inline (up to the threshold) or a handle to the file it was streamed to. */
export interface ResponseBody {
  /** Decoded size in bytes (after gzip/deflate/br). */
  size: number;
  /** Bytes on the wire (before decoding). */
  wireSize: number;
  /** Inline bodies: `utf8` text when the bytes are valid UTF-8, else `base64`. */
  encoding: 'utf8' | 'base64' | null;
  data: string | null;
  /** A body past the threshold lives in the data dir; `http.readBody` reads it in ranges. */
  handle: string | null;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** `1.1` or `2`. */
  httpVersion: string;
  /** In the order received; repeated names kept. */
  headers: HeaderEntry[];
  /** The URL that answered (after redirects). */
  url: string;
  redirects: RedirectHop[];
  /** True when the redirect limit stopped the chain: this response is the last redirect. */
  redirectLimitReached: boolean;
  timing: Timing;
  /** Everything: every redirect and the final body. */
  totalMs: number;
  body: ResponseBody;
}
