/**
 * The browser mock's display board and rating prompts (see `mockBackend.ts`): `queue_board`,
 * `queue_rating_prompt`, `queue_rate_at_counter`, and the window commands (which do nothing here).
 *
 * With the demo office, the board is a moving picture for design work: every 15 seconds a new call, numbers
 * at the counters, waiting counts, and a rating prompt at every counter every other 15 seconds. Tests set
 * exactly what the board and the prompts say with `setBoard` and `setRatingPrompt`.
 */
/* eslint-disable @typescript-eslint/only-throw-error */
import type { Board } from '../generated/Board';
import type { BoardCall } from '../generated/BoardCall';
import type { IpcError } from '../generated/IpcError';
import type { OfficeOverview } from '../generated/OfficeOverview';
import type { RatingPrompt } from '../generated/RatingPrompt';
import type { CommandArgs } from './backend';

/** What the board needs from the rest of the mock. */
export type BoardDeps = {
  now: () => Date;
  /** The office, once created (the demo board is drawn from its counters and services). */
  overview: () => OfficeOverview | null;
  /** The mock's error for an unknown counter or a bad score. */
  fail: (code: IpcError['code'], what: 'counter' | 'score' | 'nothing_to_rate', value: number) => IpcError;
};

/** The mock board: its handlers and the tests' handles. */
export type MockBoard = {
  handlers: Record<string, (args: CommandArgs | undefined) => unknown>;
  /** Makes `queue_board` answer `board` from now on (`null`: back to the demo picture). */
  setBoard: (board: Board | null) => void;
  /** Makes `queue_rating_prompt(counter)` answer `prompt` until it is rated (`null`: no prompt). */
  setRatingPrompt: (counter: number, prompt: RatingPrompt | null) => void;
  /** The ratings given, in order. */
  ratings: () => readonly { counter: number; score: number; ticketId: string }[];
};

/** One demo call every this many milliseconds. */
const DEMO_CALL_MS = 15_000;
/** Calls the board lists (core's limit). */
const CALLS_LIMIT = 8;

/**
 * The voice clips of a call, as core's `queue::announcement` gives them: chime, invitation, the number's
 * letter and digits, then the counter in Thai number words.
 */
export function announcementClips(number: string, counter: number): string[] {
  const clips = ['chime', 'invite'];
  for (const ch of number.toLowerCase()) {
    if (ch >= 'a' && ch <= 'z') clips.push(`letter-${ch}`);
    else if (ch >= '0' && ch <= '9') clips.push(`digit-${ch}`);
  }
  clips.push('at-counter', ...counterWords(counter));
  return clips;
}

/** A counter number read in Thai: 2 → สอง, 10 → สิบ, 11 → สิบเอ็ด, 21 → ยี่สิบเอ็ด, 35 → สามสิบห้า. */
function counterWords(n: number): string[] {
  if (n < 10) return [`digit-${String(n)}`];
  const tens = Math.floor(n / 10) % 10;
  const units = n % 10;
  const words = tens === 1 ? ['ten'] : tens === 2 ? ['twenty'] : [`digit-${String(tens)}`, 'ten'];
  if (units === 1) words.push('et');
  else if (units > 1) words.push(`digit-${String(units)}`);
  return words;
}

/** Creates the mock board with its own state. */
export function createMockBoard({ now, overview, fail }: BoardDeps): MockBoard {
  let override: Board | null = null;
  const prompts = new Map<number, RatingPrompt>();
  const rated = new Set<string>();
  const ratings: { counter: number; score: number; ticketId: string }[] = [];

  const counterArg = (args: CommandArgs | undefined): number => {
    const counter = args?.counter;
    if (typeof counter !== 'number' || !Number.isInteger(counter) || counter < 1) {
      throw fail('notFound', 'counter', Number(counter));
    }
    return counter;
  };

  const demoPrompt = (counter: number): RatingPrompt | null => {
    const office = overview();
    const service = office?.departments[0]?.services[0];
    if (!office || !service || !office.counters.some((c) => c.number === counter)) return null;
    const tick = Math.floor(now().getTime() / DEMO_CALL_MS);
    const ticketId = `demo-rating-${String(counter)}-${String(tick)}`;
    if (tick % 2 !== 0 || rated.has(ticketId)) return null;
    return {
      ticketId,
      number: `${service.ticketPrefix}${String((tick % 120) + 1).padStart(3, '0')}`,
      counter,
      serviceName: service.nameTh,
      finishedAt: new Date(tick * DEMO_CALL_MS).toISOString(),
    };
  };

  const promptFor = (counter: number): RatingPrompt | null => {
    const set = prompts.get(counter);
    if (set) return rated.has(set.ticketId) ? null : set;
    return override ? null : demoPrompt(counter);
  };

  const board = (): Board => override ?? demoBoard(overview(), now());

  return {
    handlers: {
      queue_board: () => board(),
      queue_rating_prompt: (args) => promptFor(counterArg(args)),
      queue_rate_at_counter: (args) => {
        const counter = counterArg(args);
        const score = args?.score;
        if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
          throw fail('validation', 'score', Number(score));
        }
        const prompt = promptFor(counter);
        if (!prompt) throw fail('notFound', 'nothing_to_rate', counter);
        rated.add(prompt.ticketId);
        ratings.push({ counter, score, ticketId: prompt.ticketId });
        return null;
      },
      open_board_window: () => null,
      open_customer_window: () => null,
      toggle_fullscreen: () => null,
    },
    setBoard(next) {
      override = next;
    },
    setRatingPrompt(counter, prompt) {
      if (prompt) prompts.set(counter, prompt);
      else prompts.delete(counter);
    },
    ratings: () => ratings,
  };
}

/** The demo office's board at `at`: a call every 15 s, round the counters and services. */
function demoBoard(office: OfficeOverview | null, at: Date): Board {
  const businessDay = at.toISOString().slice(0, 10);
  if (!office) {
    return { officeName: '', businessDay, counters: [], calls: [], waiting: [], totalWaiting: 0 };
  }
  const services = office.departments.flatMap((d) => d.services);
  const counters = office.counters;
  const tick = Math.floor(at.getTime() / DEMO_CALL_MS);
  const calls: BoardCall[] = [];
  if (services.length > 0 && counters.length > 0) {
    for (let i = tick; i > tick - CALLS_LIMIT; i--) {
      const service = services[i % services.length];
      const counter = counters[i % counters.length];
      if (!service || !counter) continue;
      const number = `${service.ticketPrefix}${String((Math.floor(i / services.length) % 120) + 1).padStart(3, '0')}`;
      calls.push({
        id: `demo-call-${String(i)}`,
        number,
        counter: counter.number,
        at: new Date(i * DEMO_CALL_MS).toISOString(),
        recall: i % 7 === 0,
        voice: announcementClips(number, counter.number),
      });
    }
  }
  const waiting = services.map((s, k) => ({
    service: s.code,
    name: s.nameTh,
    prefix: s.ticketPrefix,
    count: (tick + k * 3) % 6,
  }));
  return {
    officeName: office.office.name,
    businessDay,
    counters: counters.map((c) => {
      const last = calls.find((call) => call.counter === c.number);
      return {
        number: c.number,
        name: c.name,
        location: c.location,
        serving: last?.number ?? null,
        status: last ? (last === calls[0] ? 'called' : 'serving') : null,
      };
    }),
    calls,
    waiting,
    totalWaiting: waiting.reduce((sum, w) => sum + w.count, 0),
  };
}
