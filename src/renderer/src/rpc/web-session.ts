/**
 * Signing a browser tab in to the browser host (`backbench web`). There are no cookies: a start link carries a
 * one-time token in its fragment (`/#token=…`), which this page trades once at `POST /session` for a session
 * secret. The secret lives in this tab's sessionStorage (a reload keeps it; other sites never see it) and goes
 * with every call as a header. A new tab without one asks the open Backbench tabs for a session of its own.
 */

const STORAGE_KEY = 'backbench.session';
const CHANNEL_NAME = 'backbench-session';
export const SESSION_HEADER = 'X-Backbench-Session';
/** How long a new tab waits for an open tab to answer before it shows the sign-in help. */
const ASK_TABS_MS = 1500;

export type SignInOutcome =
  | { signedIn: true }
  | {
      signedIn: false;
      /** link-used: the start link was used or expired; no-session: opened without a link; unreachable: no host. */
      reason: 'link-used' | 'no-session' | 'unreachable';
    };

type ChannelMessage =
  { type: 'session-request'; nonce: string } | { type: 'session-grant'; nonce: string; session: string };

let session: string | null = null;
let channel: BroadcastChannel | null = null;
const signedOutListeners = new Set<() => void>();

/** The session secret of this tab, or null before sign-in and after the host refused it. */
export function currentSession(): string | null {
  return session;
}

/** Runs `listener` when the host stops accepting this tab's session (it expired, or another data dir). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** The host answered 401: forget the session and tell the app, once. */
export function signedOut(): void {
  if (session === null) return;
  session = null;
  safeStorage(() => sessionStorage.removeItem(STORAGE_KEY));
  for (const listener of signedOutListeners) listener();
}

/** Reads the start token from the address (`#token=` or an old `?token=` link) and removes it from it and from history. */
function takeStartToken(): string | null {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const token = fragment.get('token') ?? url.searchParams.get('token');
  if (token === null) return null;
  fragment.delete('token');
  url.searchParams.delete('token');
  const hash = fragment.toString();
  url.hash = hash ? `#${hash}` : '';
  // replaceState: the entry with the token is overwritten, so Back and the history list never show it
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return token;
}

async function postJson(path: string, body: unknown, secret?: string): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    cache: 'no-store',
    headers: { 'content-type': 'application/json', ...(secret ? { [SESSION_HEADER]: secret } : {}) },
    body: JSON.stringify(body),
  });
}

async function sessionFrom(response: Response): Promise<string | null> {
  if (!response.ok) return null;
  const body = (await response.json().catch(() => null)) as { session?: unknown } | null;
  return typeof body?.session === 'string' ? body.session : null;
}

async function isLive(secret: string): Promise<boolean> {
  const response = await fetch('/session', { cache: 'no-store', headers: { [SESSION_HEADER]: secret } });
  return response.ok;
}

function adopt(secret: string): void {
  session = secret;
  safeStorage(() => sessionStorage.setItem(STORAGE_KEY, secret));
  answerOtherTabs();
}

/** Asks the other open Backbench tabs of this browser for a session; null when none answers in time. */
function askOtherTabs(): Promise<string | null> {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve(null);
  const ask = new BroadcastChannel(CHANNEL_NAME);
  const nonce = crypto.randomUUID();
  return new Promise((resolveAsk) => {
    const finish = (value: string | null) => {
      clearTimeout(timer);
      ask.close();
      resolveAsk(value);
    };
    const timer = setTimeout(() => finish(null), ASK_TABS_MS);
    ask.onmessage = (event: MessageEvent<ChannelMessage>) => {
      const message = event.data;
      if (message?.type === 'session-grant' && message.nonce === nonce && typeof message.session === 'string') {
        finish(message.session);
      }
    };
    ask.postMessage({ type: 'session-request', nonce } satisfies ChannelMessage);
  });
}

/**
 * A signed-in tab answers a new tab's request with a session minted for it (never its own secret: each tab's
 * session can expire on its own). The channel is same-origin, so only pages of this host can ask.
 */
function answerOtherTabs(): void {
  if (channel !== null || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL_NAME);
  const granted = new Set<string>();
  channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
    const message = event.data;
    if (message?.type === 'session-grant') granted.add(message.nonce);
    if (message?.type !== 'session-request' || session === null) return;
    // several tabs may be open: a short random pause lets one answer and the others see its grant
    setTimeout(() => {
      if (granted.has(message.nonce) || session === null) return;
      void postJson('/session/tab', {}, session)
        .then(sessionFrom)
        .then((minted) => {
          if (minted !== null && !granted.has(message.nonce)) {
            channel?.postMessage({
              type: 'session-grant',
              nonce: message.nonce,
              session: minted,
            } satisfies ChannelMessage);
          }
        })
        .catch(() => undefined);
    }, Math.random() * 150);
  };
}

/**
 * Signs this tab in: with the start link's token, else the session this tab kept, else one from another open
 * tab. Resolves with what the sign-in screen needs to know when none works.
 */
export async function signIn(): Promise<SignInOutcome> {
  // a start link pasted into this tab only changes the fragment (no page load): load it properly, so its token is
  // traded and leaves the address bar and history like any other
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.slice(1)).has('token')) window.location.reload();
  });
  let linkRefused = false;
  try {
    const token = takeStartToken();
    if (token !== null) {
      const minted = await sessionFrom(await postJson('/session', { startToken: token }));
      if (minted !== null) {
        adopt(minted);
        return { signedIn: true };
      }
      linkRefused = true;
    }
    const kept = safeStorage(() => sessionStorage.getItem(STORAGE_KEY)) ?? null;
    if (kept !== null && (await isLive(kept))) {
      adopt(kept);
      return { signedIn: true };
    }
    const fromTab = await askOtherTabs();
    if (fromTab !== null && (await isLive(fromTab))) {
      adopt(fromTab);
      return { signedIn: true };
    }
  } catch {
    return { signedIn: false, reason: 'unreachable' };
  }
  return { signedIn: false, reason: linkRefused ? 'link-used' : 'no-session' };
}

/** sessionStorage throws where storage is disabled; the tab then simply signs in again after a reload. */
function safeStorage<T>(access: () => T): T | undefined {
  try {
    return access();
  } catch {
    return undefined;
  }
}
