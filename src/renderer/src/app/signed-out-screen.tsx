import type { SignInOutcome } from '../rpc/client';
import './signed-out-screen.css';

type Reason = Extract<SignInOutcome, { signedIn: false }>['reason'] | 'expired';

const HEADLINES: Record<Reason, string> = {
  'link-used': 'That start link was already used or has expired',
  'no-session': 'This tab is not signed in to Backbench',
  expired: 'This tab was signed out of Backbench',
  unreachable: 'Backbench is not running',
};

/**
 * What a browser tab shows when it has no session: why, and how to get a start link. Each start link works once
 * (so one copied from history or another app is worthless), so the way back is always a new link.
 */
export function SignedOutScreen({ reason }: { reason: Reason }) {
  return (
    <main className="signed-out" data-testid="signed-out">
      <h1>{HEADLINES[reason]}</h1>
      {reason === 'unreachable' ? (
        <p>
          Start it again with <code>npm run web</code> (or <code>backbench web</code>) and open the start link it
          prints.
        </p>
      ) : (
        <>
          <p>For your safety each start link works only once, within 10 minutes of being made.</p>
          <ol>
            <li>
              Go to the terminal where <code>backbench web</code> (or <code>npm run web</code>) is running.
            </li>
            <li>Press Enter: it prints a new start link and opens it in your browser.</li>
          </ol>
          <p>
            If it is no longer running, start it again: it opens a signed-in tab by itself. Tabs of Backbench that are
            open in this browser sign new tabs in, so this only happens when none is open.
          </p>
        </>
      )}
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </main>
  );
}
