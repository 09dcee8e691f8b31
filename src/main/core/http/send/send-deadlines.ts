/**
 * The sends' timeouts on one Node timer per duration instead of a setTimeout and clearTimeout per send (a
 * Timeout object and a timer-list insert each, bench:runner). Sends with the same timeout end in the order they
 * started, so each duration keeps its deadlines as a queue: a finished send is only marked, the queue drops
 * marked deadlines from its head, and the one timer is re-armed for the earliest deadline still running. While
 * no send of a duration runs its timer is unref'd, so an idle sender does not keep the process alive.
 */
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../../shared/errors';
import type { SendCancel } from './send-cancel';

export interface Deadline {
  readonly at: number;
  /** The send it stops; null once the send has finished or timed out. */
  cancel: SendCancel | null;
  next: Deadline | null;
  readonly lane: Lane;
}

interface Lane {
  readonly ms: number;
  head: Deadline | null;
  tail: Deadline | null;
  /** Deadlines whose send still runs. */
  live: number;
  timer: NodeJS.Timeout | null;
}

const lanes = new Map<number, Lane>();

/** Stops `cancel` with TIMEOUT `ms` after `start` (a performance.now() mark) unless `clearDeadline` comes first. */
export function startDeadline(ms: number, start: number, cancel: SendCancel): Deadline {
  let lane = lanes.get(ms);
  if (!lane) {
    lane = { ms, head: null, tail: null, live: 0, timer: null };
    lanes.set(ms, lane);
  }
  const deadline: Deadline = { at: start + ms, cancel, next: null, lane };
  if (lane.tail) lane.tail.next = deadline;
  else lane.head = deadline;
  lane.tail = deadline;
  lane.live++;
  if (lane.timer === null) arm(lane, ms);
  else if (lane.live === 1) lane.timer.ref();
  return deadline;
}

/** The send ended: its deadline no longer fires. */
export function clearDeadline(deadline: Deadline): void {
  if (deadline.cancel === null) return;
  deadline.cancel = null;
  const lane = deadline.lane;
  lane.live--;
  if (lane.live === 0) {
    lane.head = null;
    lane.tail = null;
    lane.timer?.unref();
    return;
  }
  dropFinished(lane);
}

function dropFinished(lane: Lane): void {
  while (lane.head !== null && lane.head.cancel === null) lane.head = lane.head.next;
  if (lane.head === null) lane.tail = null;
}

function arm(lane: Lane, ms: number): void {
  lane.timer = setTimeout(fire, Math.max(1, Math.ceil(ms)), lane);
  if (lane.live === 0) lane.timer.unref();
}

function fire(lane: Lane): void {
  lane.timer = null;
  const now = performance.now();
  for (let head = lane.head; head !== null && (head.cancel === null || head.at <= now); head = lane.head) {
    lane.head = head.next;
    const cancel = head.cancel;
    if (cancel === null) continue;
    head.cancel = null;
    lane.live--;
    cancel.abort(new AppError('TIMEOUT', timeoutMessage(lane.ms)));
  }
  if (lane.head === null) lane.tail = null;
  else arm(lane, lane.head.at - now);
}

function timeoutMessage(ms: number): string {
  return `No complete response within ${ms} ms; raise the request's timeout or check the server.`;
}
