/**
 * Measures each exchange from undici's own events. A connection's phases come from its socket (a connector
 * that wraps undici's and notes `lookup`, `connect` and `secureConnect`); an exchange is tied to its socket
 * through one subscription to the `undici:client:sendHeaders` diagnostics channel (see `exchangeStarting`).
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildConnector } from 'undici';
import type { Timing } from './send-types';

interface SocketTimes {
  start: number;
  lookup?: number;
  connect?: number;
  secure?: number;
}

/** One exchange's marks (performance.now()). */
export interface ExchangeTimes {
  start: number;
  socket?: Socket;
  headersSent?: number;
  responseStart?: number;
  end?: number;
}

const socketTimes = new WeakMap<object, SocketTimes>();
/** The exchange whose headers undici is about to write: set in the handler's onRequestStart. */
let writing: ExchangeTimes | null = null;
let subscribed = false;

function onSendHeaders(message: unknown): void {
  if (writing === null) return;
  writing.socket = (message as { socket: Socket }).socket;
  writing.headersSent = performance.now();
  writing = null;
}

/**
 * Called from the exchange's onRequestStart: undici calls it, then publishes `undici:client:sendHeaders` for
 * the same request in the same synchronous step (client-h1 and client-h2 writeH1/writeH2), so the one
 * subscription needs no lookup per request.
 */
export function exchangeStarting(times: ExchangeTimes): void {
  if (!subscribed) {
    subscribed = true;
    subscribe('undici:client:sendHeaders', onSendHeaders);
  }
  writing = times;
}

/** The exchange got its answer (or failed): it can no longer be the one whose headers are written. */
export function exchangeAnswered(times: ExchangeTimes): void {
  if (writing === times) writing = null;
}

/** undici's connector with each socket's connection phases noted. */
export function timedConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  const base = buildConnector(options) as (
    opts: buildConnector.Options,
    callback: buildConnector.Callback,
  ) => Socket | undefined;
  return (opts, callback) => {
    const times: SocketTimes = { start: performance.now() };
    const socket = base(opts, callback);
    if (!socket) return;
    socketTimes.set(socket, times);
    socket.once('lookup', () => (times.lookup = performance.now()));
    socket.once('connect', () => (times.connect = performance.now()));
    socket.once('secureConnect', () => (times.secure = performance.now()));
  };
}

export function nowMs(): number {
  return performance.now();
}

const round = (ms: number) => Math.max(0, Math.round(ms * 100) / 100);

/** The phases of one finished exchange. */
export function timingOf(times: ExchangeTimes): Timing {
  const end = times.end ?? nowMs();
  const responseStart = times.responseStart ?? end;
  const connection = times.socket ? socketTimes.get(times.socket) : undefined;
  // a socket whose connect began before this exchange was already open: reused
  const fresh = connection !== undefined && connection.start >= times.start;
  let dnsMs = 0;
  let connectMs = 0;
  let tlsMs = 0;
  let ready = times.start;
  if (fresh && connection.connect !== undefined) {
    const afterLookup = connection.lookup ?? connection.start;
    dnsMs = afterLookup - connection.start;
    connectMs = connection.connect - afterLookup;
    tlsMs = connection.secure !== undefined ? connection.secure - connection.connect : 0;
    ready = connection.secure ?? connection.connect;
  }
  return {
    dnsMs: round(dnsMs),
    connectMs: round(connectMs),
    tlsMs: round(tlsMs),
    firstByteMs: round(responseStart - ready),
    downloadMs: round(end - responseStart),
    totalMs: round(end - times.start),
    reusedConnection: connection !== undefined && !fresh,
  };
}

/** `2` when the connection negotiated h2 by ALPN, else `1.1`. */
export function httpVersionOf(times: ExchangeTimes): string {
  return (times.socket as { alpnProtocol?: string | false } | undefined)?.alpnProtocol === 'h2' ? '2' : '1.1';
}
