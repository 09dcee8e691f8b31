/**
 * Names of this machine, for servers bound to a loopback address: a browser can be made to call such a server
 * under a foreign name that resolves to 127.0.0.1 (DNS rebinding), and that name is in the Host header.
 */

/** 127.x.x.x, localhost (and its subdomains), ::1 — with or without brackets. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The hostname of a Host header value (`name:port`, `[v6]:port`). */
export function hostnameOf(value: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(value);
  return bracketed ? bracketed[1]! : value.replace(/:\d*$/, '');
}
