import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { getQueueBoard, type Board as BoardData, type BoardCall, type BoardCounter } from '../../api/board';
import { lang, t, type MessageKey } from '../../i18n';
import { formatCalendarDate } from '../../lib/dates';
import { createAnnouncer, playClip, withChime, type PlayClip } from './announcer';
import { useFullscreenKey } from './useFullscreenKey';
import { usePoll } from './usePoll';

import './board.css';

type Props = {
  /** Plays one voice clip (tests pass a recorder; the default plays the bundled WAV). */
  play?: PlayClip;
  /** How often the board asks for the queue (default every second). */
  pollMs?: number;
};

/**
 * The display board on the hall's TV (`?view=board`, no sign-in): the call being announced in huge type,
 * every counter with the number it serves, the latest calls and the waiting count per service. Numbers,
 * counters and services only: nothing here names a person.
 *
 * A call the board has not seen before (never on its first load, so opening the board does not replay the
 * day) is announced: its voice clips play in order, after any announcement still playing, and the big panel
 * flashes. The root carries `data-announcing` (the last announcement's clips) and `data-announced-count`
 * for tests.
 */
export function Board({ play = playClip, pollMs }: Props) {
  const { data: board, error } = usePoll(getQueueBoard, pollMs);
  const now = useClock();
  useFullscreenKey();
  const { announcing, count, current, blocked, unblock } = useAnnouncements(board, play);
  const shown = current ?? board?.calls[0] ?? null;

  return (
    <div
      class="board"
      data-testid="board"
      data-announcing={announcing}
      data-announced-count={count}
      onClick={blocked ? unblock : undefined}
    >
      <header class="board-header">
        <div class="board-office" data-testid="board-office">
          {board?.officeName ?? t('app.name')}
        </div>
        <div class="board-when">
          <span class="board-date" data-testid="board-date">
            {boardDate(now)}
          </span>
          <span class="board-clock" data-testid="board-clock">
            {t('board.time', { time: `${pad2(now.getHours())}:${pad2(now.getMinutes())}` })}
          </span>
        </div>
      </header>

      {blocked && (
        <button type="button" class="board-sound" data-testid="board-enable-sound" onClick={unblock}>
          {t('board.enable_sound')}
        </button>
      )}
      {error && (
        <p class="board-offline" role="status" data-testid="board-offline">
          {t('board.offline')}
        </p>
      )}

      <main class="board-main">
        <section
          key={count}
          class={count > 0 ? 'board-now board-now-flash' : 'board-now'}
          aria-labelledby="board-now-title"
          data-testid="board-now"
        >
          <h1 id="board-now-title" class="board-now-title">
            {t('board.calling')}
          </h1>
          {shown ? (
            <div class="board-now-call" aria-live="polite">
              <div class="board-now-number" data-testid="board-now-number">
                {shown.number}
              </div>
              <div class="board-now-counter" data-testid="board-now-counter">
                {t('board.counter', { number: shown.counter })}
              </div>
            </div>
          ) : (
            <p class="board-now-empty">{t('board.none_called')}</p>
          )}
        </section>

        <section class="board-panel board-counters" aria-labelledby="board-counters-title">
          <h2 id="board-counters-title" class="board-panel-title">
            {t('board.counters_heading')}
          </h2>
          <table class="board-table" data-testid="board-counters">
            <colgroup>
              <col class="board-col-number" />
              <col />
              <col class="board-col-serving" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" colSpan={2}>
                  {t('board.col_counter')}
                </th>
                <th scope="col" class="board-serving-head">
                  {t('board.col_serving')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(board?.counters ?? []).map((c) => (
                <CounterRow key={c.number} counter={c} />
              ))}
            </tbody>
          </table>
        </section>

        <section class="board-panel board-recent" aria-labelledby="board-recent-title">
          <h2 id="board-recent-title" class="board-panel-title">
            {t('board.recent_heading')}
          </h2>
          <ol class="board-recent-list" data-testid="board-recent">
            {(board?.calls ?? [])
              .filter((call) => call.id !== shown?.id)
              .map((call) => (
                <RecentCall key={call.id} call={call} />
              ))}
          </ol>
        </section>
      </main>

      <footer class="board-waiting" aria-labelledby="board-waiting-title">
        <h2 id="board-waiting-title" class="board-waiting-title">
          {t('board.waiting_heading')}
        </h2>
        <ul class="board-waiting-list" data-testid="board-waiting">
          {(board?.waiting ?? []).map((w) => (
            <li key={w.service} class="board-waiting-item" data-testid={`board-waiting-${w.prefix}`}>
              <span class="board-prefix">{w.prefix}</span>
              <span class="board-waiting-name">{w.name}</span>
              <span class="board-waiting-count">{t('board.waiting_count', { count: w.count })}</span>
            </li>
          ))}
        </ul>
        <p class="board-total" data-testid="board-total">
          {t('board.total_waiting', { count: board?.totalWaiting ?? 0 })}
        </p>
      </footer>
    </div>
  );
}

function CounterRow({ counter }: { counter: BoardCounter }) {
  const status = counter.status;
  const statusKey: MessageKey | null =
    status === 'called' || status === 'serving' || status === 'held' ? `board.status.${status}` : null;
  return (
    <tr data-testid={`board-counter-${String(counter.number)}`} data-status={status ?? 'free'}>
      <td class="board-counter-number">{counter.number}</td>
      <td class="board-counter-name">{counter.name}</td>
      <td class="board-serving-cell">
        {counter.serving ? (
          <>
            <span class="board-serving" data-testid="board-serving">
              {counter.serving}
            </span>
            {statusKey && <span class="board-status">{t(statusKey)}</span>}
          </>
        ) : (
          <span class="board-free">{t('board.counter_free')}</span>
        )}
      </td>
    </tr>
  );
}

function RecentCall({ call }: { call: BoardCall }) {
  return (
    <li class="board-recent-item">
      <span class="board-recent-number">{call.number}</span>
      <span class="board-recent-counter">{t('board.counter', { number: call.counter })}</span>
      {call.recall && <span class="board-recent-recall">{t('board.recall')}</span>}
    </li>
  );
}

type Announcements = {
  /** The clips of the announcement that started last, space-separated (`''` before the first). */
  announcing: string;
  /** How many announcements have started. */
  count: number;
  /** The call being announced now. */
  current: BoardCall | null;
  /** The webview refused sound until someone clicks or presses a key. */
  blocked: boolean;
  unblock: () => void;
};

/** Announces every call that appears after the first answer, one after another. */
function useAnnouncements(board: BoardData | undefined, play: PlayClip): Announcements {
  const [announcing, setAnnouncing] = useState('');
  const [count, setCount] = useState(0);
  const [current, setCurrent] = useState<BoardCall | null>(null);
  const [blocked, setBlocked] = useState(false);
  const seen = useRef<Set<string> | null>(null);

  const announcer = useMemo(
    () =>
      createAnnouncer<BoardCall>({
        play,
        onStart: (call, clips) => {
          setCurrent(call);
          setAnnouncing(clips.join(' '));
          setCount((n) => n + 1);
        },
        onEnd: (call) => setCurrent((c) => (c === call ? null : c)),
        onBlocked: () => setBlocked(true),
      }),
    [play],
  );
  useEffect(() => () => announcer.dispose(), [announcer]);

  useEffect(() => {
    if (!board) return;
    const ids = new Set(board.calls.map((c) => c.id));
    if (seen.current) {
      // Oldest first, so two calls made within one poll are announced in the order they were made.
      for (const call of [...board.calls].reverse()) {
        if (!seen.current.has(call.id)) announcer.enqueue(call, withChime(call.voice));
      }
    }
    // Event ids are never reused, so the ids on the board now are all that need remembering.
    seen.current = ids;
  }, [board, announcer]);

  useEffect(() => {
    if (!blocked) return;
    const unblockOnKey = () => setBlocked(false);
    window.addEventListener('keydown', unblockOnKey);
    return () => window.removeEventListener('keydown', unblockOnKey);
  }, [blocked]);

  return { announcing, count, current, blocked, unblock: () => setBlocked(false) };
}

/** The wall clock, ticking every second. */
function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** `วันอังคารที่ 24 พฤศจิกายน 2569` from the local date. */
function boardDate(at: Date): string {
  const date = formatCalendarDate({ year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate() }, lang.value);
  return t('board.date', { weekday: t(`board.weekday.${String(at.getDay())}` as MessageKey), date });
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
