/**
 * The display board and the customer screen (`docs/dev/board.md`): the board's data, the rating prompt of a
 * counter and the citizen's rating, and opening their windows. None of these needs a sign-in, and nothing
 * they return names a person: numbers, counters, services and counts only.
 */
import type { Board } from '../generated/Board';
import type { BoardCall } from '../generated/BoardCall';
import type { BoardCounter } from '../generated/BoardCounter';
import type { BoardWaiting } from '../generated/BoardWaiting';
import type { RatingPrompt } from '../generated/RatingPrompt';
import type { TicketStatus } from '../generated/TicketStatus';
import { call } from './call';

export type { Board, BoardCall, BoardCounter, BoardWaiting, RatingPrompt, TicketStatus };

/** `queue_board`: office, counters and what they serve, the latest calls (newest first), waiting counts. */
export function getQueueBoard(): Promise<Board> {
  return call<Board>('queue_board');
}

/** `queue_rating_prompt`: the ticket that just finished at `counter` and may be rated, or `null`. */
export function getRatingPrompt(counter: number): Promise<RatingPrompt | null> {
  return call<RatingPrompt | null>('queue_rating_prompt', { counter });
}

/** `queue_rate_at_counter`: rates the ticket of `counter`'s prompt with `score` (1–5). */
export function rateAtCounter(counter: number, score: number): Promise<void> {
  return call<null>('queue_rate_at_counter', { counter, score }).then(() => undefined);
}

/** `open_board_window`: opens the board full screen on monitor `monitor` (default: the last one), or focuses it. */
export function openBoardWindow(monitor: number | null = null): Promise<void> {
  return call<null>('open_board_window', { monitor }).then(() => undefined);
}

/** `toggle_fullscreen`: full screen on or off for the board or customer window that asks (F11). */
export function toggleFullscreen(): Promise<void> {
  return call<null>('toggle_fullscreen').then(() => undefined);
}

/** `open_customer_window`: opens (or focuses) the customer screen of counter `counter`. */
export function openCustomerWindow(counter: number): Promise<void> {
  return call<null>('open_customer_window', { counter }).then(() => undefined);
}
