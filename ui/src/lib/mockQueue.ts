/**
 * The browser mock's walk-in queue (see `mockBackend.ts`): a small in-memory stand-in for `sala_core::queue`
 * with the shapes of `src/generated` and the rules the UI can observe: numbers per service prefix, calling
 * order (a ticket over the maximum wait, then priority, then the oldest), call / recall / start / hold /
 * resume / no-show with a grace period / transfer / finish with an outcome and a next service, supervisor
 * cancels, settings ranges, service and counter set-up, KPIs and the CSV export. It is good enough for
 * design work and UI tests; the real rules and their tests live in core.
 */
/* eslint-disable @typescript-eslint/only-throw-error */
import type { Action } from '../generated/Action';
import type { CounterInfo } from '../generated/CounterInfo';
import type { CounterState } from '../generated/CounterState';
import type { IpcError } from '../generated/IpcError';
import type { IssueInput } from '../generated/IssueInput';
import type { IssueResult } from '../generated/IssueResult';
import type { KpiRow } from '../generated/KpiRow';
import type { Kpis } from '../generated/Kpis';
import type { OfficeOverview } from '../generated/OfficeOverview';
import type { Outcome } from '../generated/Outcome';
import type { PrintJob } from '../generated/PrintJob';
import type { QueueCounterInput } from '../generated/QueueCounterInput';
import type { QueueServiceInput } from '../generated/QueueServiceInput';
import type { QueueSettings } from '../generated/QueueSettings';
import type { QueueState } from '../generated/QueueState';
import type { ServiceInfo } from '../generated/ServiceInfo';
import type { Ticket } from '../generated/Ticket';
import type { TransferTo } from '../generated/TransferTo';
import type { CommandArgs } from './backend';
import { mockMessage, type MockMessageKey } from './mockData';

/** The signed-in user as the queue sees them. */
export type QueueActor = {
  id: string;
  name: string;
  can: (action: Action) => boolean;
  /** Throws the mock's `notPermitted` error unless the user may do `action`. */
  require: (action: Action) => void;
  /** Prints a queue slip titled `title` on this PC's route; resolves with the job, printed or not. */
  printSlip: (title: string) => PrintJob;
};

/** What the queue needs from the rest of the mock. */
export type QueueDeps = {
  now: () => Date;
  /** Wraps a handler so it runs as the signed-in user (refusing otherwise), like the shell's `run_as`. */
  asUser: (f: (actor: QueueActor, args: CommandArgs) => unknown) => (args: CommandArgs | undefined) => unknown;
};

/** The mock queue: its command handlers, and the demo office's set-up. */
export type MockQueue = {
  handlers: Record<string, (args: CommandArgs | undefined) => unknown>;
  /** Takes the demo office's services and counters, with a few tickets waiting and one left over from yesterday. */
  seedDemo: (overview: OfficeOverview) => void;
};

type Service = QueueServiceInput & { departmentName: string };

type Event = { at: number; kind: string; ticketId: string; counter: number | null; userId: string | null };

const MINUTE_MS = 60_000;
const OFFICE_OFFSET_MS = 7 * 60 * MINUTE_MS;

const DEFAULT_SETTINGS: QueueSettings = {
  maxWaitMinutes: 45,
  priorityStreak: 2,
  noShowGraceMinutes: 5,
  allowCallSpecific: false,
  resetHour: 0,
  issuerBlock: 1,
  issuerBlocks: 1,
  ratingMinutes: 3,
};

type NumberSetting = Exclude<keyof QueueSettings, 'allowCallSpecific'>;

/** Core's ranges for the settings, with their names for messages. */
const RANGES: readonly (readonly [NumberSetting, number, number | 'issuerBlocks', MockMessageKey])[] = [
  ['maxWaitMinutes', 0, 480, 'setting.queue.max_wait_minutes'],
  ['priorityStreak', 1, 20, 'setting.queue.priority_streak'],
  ['noShowGraceMinutes', 0, 120, 'setting.queue.no_show_grace_minutes'],
  ['resetHour', 0, 23, 'setting.queue.reset_hour'],
  ['issuerBlocks', 1, 9, 'setting.queue.issuer_blocks'],
  ['issuerBlock', 1, 'issuerBlocks', 'setting.queue.issuer_block'],
  ['ratingMinutes', 1, 30, 'setting.queue.rating_minutes'],
];

function fail(
  code: IpcError['code'],
  key: MockMessageKey,
  params?: Readonly<Record<string, string | number>>,
): IpcError {
  return { code, message: mockMessage(key, params) };
}

/** Core's "please fill in {field}". */
function required(field: MockMessageKey): IpcError {
  return fail('validation', 'error.queue.setup.required', { field: mockMessage(field) });
}

/** `YYYY-MM-DD` of `ms` in the office's zone. */
function officeDay(ms: number): string {
  return new Date(ms + OFFICE_OFFSET_MS).toISOString().slice(0, 10);
}

function officeHour(ms: number): number {
  return new Date(ms + OFFICE_OFFSET_MS).getUTCHours();
}

/** A string argument, or `''` when it is missing or not a string. */
function str(args: CommandArgs, key: string): string {
  const value = args[key];
  return typeof value === 'string' ? value : '';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 8 ? 'x'.repeat(Math.max(3, digits.length)) : `${digits.slice(0, 2)}x-xxx-${digits.slice(-4)}`;
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** Creates the queue part of a mock backend. */
export function createMockQueue({ now, asUser }: QueueDeps): MockQueue {
  const nowMs = () => now().getTime();
  let settings: QueueSettings = { ...DEFAULT_SETTINGS };
  let services: Service[] = [];
  let departments: { code: string; name: string }[] = [];
  let counters: QueueCounterInput[] = [];
  let tickets: Ticket[] = [];
  const events: Event[] = [];
  const clerks = new Map<number, { id: string; name: string }>();
  const sequences = new Map<string, number>();
  let nextId = 1;

  // ---- helpers ----

  const service = (code: string): Service => {
    const found = services.find((s) => s.code === code);
    if (!found) throw fail('notFound', 'error.queue.no_service', { code });
    return found;
  };

  const counterOf = (number: number): QueueCounterInput => {
    const found = counters.find((c) => c.number === number);
    if (!found) throw fail('notFound', 'error.queue.counter_unknown', { counter: number });
    return found;
  };

  const log = (kind: string, ticket: Ticket, counter: number | null, actor: QueueActor | null) => {
    events.push({ at: nowMs(), kind, ticketId: ticket.id, counter, userId: actor?.id ?? null });
  };

  const isFinal = (t: Ticket) => ['done', 'no_show', 'cancelled', 'transferred'].includes(t.status);

  /** The ticket a counter works on: called or being served there. */
  const currentAt = (counter: number) =>
    tickets.find((t) => t.counter === counter && (t.status === 'called' || t.status === 'serving')) ?? null;

  const requireCurrent = (counter: number): Ticket => {
    counterOf(counter);
    const ticket = currentAt(counter);
    if (!ticket) throw fail('conflict', 'error.queue.no_current', { counter });
    return ticket;
  };

  const today = () => officeDay(nowMs());

  /** Waiting tickets of today that `counter` may call now (or, with `later`, not yet), in calling order. */
  const callable = (codes: readonly string[], counter: number | null, later = false): Ticket[] => {
    const at = nowMs();
    const maxWait = settings.maxWaitMinutes * MINUTE_MS;
    const waiting = tickets.filter(
      (t) =>
        t.status === 'waiting' &&
        !t.carriedOver &&
        codes.includes(t.service) &&
        (counter === null || t.pinnedCounter === null || t.pinnedCounter === counter) &&
        Date.parse(t.readyAt) <= at !== later,
    );
    const since = (t: Ticket) => Date.parse(t.waitingSince);
    const rank = (t: Ticket) => (maxWait > 0 && at - since(t) > maxWait ? 0 : t.priority === 'normal' ? 2 : 1);
    return waiting.sort((a, b) => rank(a) - rank(b) || since(a) - since(b) || a.number.localeCompare(b.number));
  };

  const withEstimate = (ticket: Ticket): Ticket => {
    if (ticket.status !== 'waiting') return { ...ticket, ahead: null, estimatedWaitMinutes: null };
    const line = callable([ticket.service], null);
    const idx = line.findIndex((t) => t.id === ticket.id);
    const ahead = idx < 0 ? line.length : idx;
    const open = Math.max(1, counters.filter((c) => c.services.includes(ticket.service)).length);
    const minutes = Math.ceil((ahead * service(ticket.service).expectedMinutes) / open);
    return { ...ticket, ahead, estimatedWaitMinutes: minutes };
  };

  const newTicket = (fields: Partial<Ticket> & Pick<Ticket, 'service' | 'priority' | 'number'>): Ticket => {
    const at = iso(nowMs());
    const id = `ticket-${String(nextId++)}`;
    const svc = service(fields.service);
    const ticket: Ticket = {
      id,
      visitId: id,
      previousId: null,
      businessDay: today(),
      serviceName: svc.nameTh,
      status: 'waiting',
      name: null,
      phoneMasked: null,
      counter: null,
      pinnedCounter: null,
      issuedAt: at,
      waitingSince: at,
      readyAt: at,
      bookedFor: null,
      calledAt: null,
      noShows: 0,
      outcome: null,
      rating: null,
      ahead: null,
      estimatedWaitMinutes: null,
      carriedOver: false,
      ...fields,
    };
    tickets.push(ticket);
    return ticket;
  };

  /** Ends `ticket` and continues its visit as a new waiting segment. */
  const continueVisit = (ticket: Ticket, serviceCode: string, pinnedCounter: number | null): Ticket => {
    const svc = service(serviceCode);
    return newTicket({
      visitId: ticket.visitId,
      previousId: ticket.id,
      number: ticket.number,
      service: svc.code,
      serviceName: svc.nameTh,
      priority: ticket.priority,
      name: ticket.name,
      phoneMasked: ticket.phoneMasked,
      issuedAt: ticket.issuedAt,
      pinnedCounter,
    });
  };

  const replace = (ticket: Ticket, patch: Partial<Ticket>): Ticket => {
    const next = { ...ticket, ...patch };
    tickets = tickets.map((t) => (t.id === ticket.id ? next : t));
    return next;
  };

  const call = (ticket: Ticket, counter: number, actor: QueueActor, kind: string): Ticket => {
    clerks.set(counter, { id: actor.id, name: actor.name });
    const called = replace(ticket, { status: 'called', counter, calledAt: iso(nowMs()) });
    log(kind, called, counter, actor);
    return withEstimate(called);
  };

  const ensureFree = (counter: number) => {
    const busy = currentAt(counter);
    if (busy) throw fail('conflict', 'error.queue.counter_busy', { number: busy.number });
  };

  const serviceInfo = (s: Service): ServiceInfo => ({
    code: s.code,
    nameTh: s.nameTh,
    nameEn: s.nameEn,
    prefix: s.prefix,
    expectedMinutes: s.expectedMinutes,
    documents: s.documents,
    departmentCode: s.departmentCode,
    departmentName: s.departmentName,
    counters: counters.filter((c) => c.services.includes(s.code)).map((c) => c.number),
    waiting: callable([s.code], null).length,
  });

  const counterInfo = (c: QueueCounterInput): CounterInfo => ({ ...c, services: [...c.services] });

  const checkSettings = (next: QueueSettings) => {
    for (const [key, min, upTo, label] of RANGES) {
      const value = next[key];
      const max = upTo === 'issuerBlocks' ? Math.max(1, next.issuerBlocks) : upTo;
      if (!Number.isInteger(value) || value < min || value > max) {
        throw fail('validation', 'error.policy.range', {
          setting: mockMessage(label),
          min,
          max,
          input: String(value),
        });
      }
    }
  };

  // ---- KPIs ----

  const kpiRow = (key: string, label: string, rows: readonly Ticket[]): KpiRow => {
    const ids = new Set(rows.map((t) => t.id));
    const mine = events.filter((e) => ids.has(e.ticketId));
    const firstCall = new Map<string, number>();
    const started = new Map<string, number>();
    const finished = new Map<string, number>();
    for (const e of mine) {
      if ((e.kind === 'called' || e.kind === 'called_specific') && !firstCall.has(e.ticketId))
        firstCall.set(e.ticketId, e.at);
      if (e.kind === 'started') started.set(e.ticketId, e.at);
      if (e.kind === 'finished') finished.set(e.ticketId, e.at);
    }
    const waits = rows.flatMap((t) => {
      const at = firstCall.get(t.id);
      return at === undefined ? [] : [Math.max(0, Math.round((at - Date.parse(t.waitingSince)) / 1000))];
    });
    const serviceTimes = rows.flatMap((t) => {
      const from = started.get(t.id);
      const to = finished.get(t.id);
      return from === undefined || to === undefined ? [] : [Math.round((to - from) / 1000)];
    });
    const noShows = rows.filter((t) => t.status === 'no_show').length;
    const called = firstCall.size;
    const ratings = rows.flatMap((t) => (t.rating === null ? [] : [t.rating]));
    return {
      key,
      label,
      issued: rows.filter((t) => t.previousId === null).length,
      called,
      served: rows.filter((t) => t.status === 'done').length,
      noShows,
      noShowRatePercent: called === 0 ? null : ((noShows * 100) / called).toFixed(1),
      avgWaitSeconds: average(waits),
      maxWaitSeconds: waits.length === 0 ? null : Math.max(...waits),
      avgServiceSeconds: average(serviceTimes),
      ratings: ratings.length,
      avgRating: ratings.length === 0 ? null : (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(2),
    };
  };

  const groupRows = (
    rows: readonly Ticket[],
    keyOf: (t: Ticket) => string | null,
    labelOf: (key: string) => string,
  ) => {
    const keys = [...new Set(rows.map(keyOf).filter((k): k is string => k !== null))].sort();
    return keys.map((key) =>
      kpiRow(
        key,
        labelOf(key),
        rows.filter((t) => keyOf(t) === key),
      ),
    );
  };

  // ---- commands ----

  const handlers: MockQueue['handlers'] = {
    queue_issue: asUser((actor, args): IssueResult => {
      actor.require('useQueue');
      const input = args.input as IssueInput;
      const svc = service(input.service);
      const seq = (sequences.get(`${today()}:${svc.prefix}`) ?? 0) + 1;
      sequences.set(`${today()}:${svc.prefix}`, seq);
      const booked = input.bookedFor === null ? null : iso(Date.parse(input.bookedFor));
      const ticket = newTicket({
        service: svc.code,
        priority: input.priority,
        number: `${svc.prefix}${String(seq).padStart(3, '0')}`,
        name: input.name?.trim() ? input.name.trim() : null,
        phoneMasked: input.phone?.trim() ? maskPhone(input.phone) : null,
        bookedFor: booked,
        ...(booked === null ? {} : { waitingSince: booked, readyAt: booked }),
      });
      log(booked === null ? 'issued' : 'booked', ticket, null, actor);
      const print = actor.printSlip(`${mockMessage('msg.document.queue_slip')} ${ticket.number}`);
      return { ticket: withEstimate(ticket), print, printError: null };
    }),
    queue_call_next: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      const info = counterOf(counter);
      ensureFree(counter);
      const next = callable(info.services, counter)[0];
      if (!next) throw fail('conflict', 'error.queue.nobody_waiting', { counter });
      return call(next, counter, actor, 'called');
    }),
    queue_call_ticket: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      if (!settings.allowCallSpecific && !actor.can('manageQueue')) {
        throw fail('notPermitted', 'error.queue.call_specific_off');
      }
      const counter = Number(args.counter);
      const info = counterOf(counter);
      ensureFree(counter);
      const number = str(args, 'number').trim().toUpperCase();
      const ticket = tickets.find((t) => t.number === number && t.status === 'waiting');
      if (!ticket || !info.services.includes(ticket.service)) {
        throw fail('notFound', 'error.queue.not_waiting', { number });
      }
      return call(ticket, counter, actor, 'called_specific');
    }),
    queue_recall: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      return call(requireCurrent(counter), counter, actor, 'recalled');
    }),
    queue_start: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      const ticket = requireCurrent(counter);
      if (ticket.status === 'serving') return withEstimate(ticket);
      const next = replace(ticket, { status: 'serving' });
      log('started', next, counter, actor);
      return withEstimate(next);
    }),
    queue_hold: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      const next = replace(requireCurrent(counter), { status: 'held' });
      log('held', next, counter, actor);
      return withEstimate(next);
    }),
    queue_resume: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      counterOf(counter);
      ensureFree(counter);
      const number = typeof args.number === 'string' ? args.number : null;
      const held = tickets.filter((t) => t.counter === counter && t.status === 'held');
      const ticket = number === null ? held[0] : held.find((t) => t.number === number);
      if (!ticket) throw fail('conflict', 'error.queue.nothing_held', { counter });
      const next = replace(ticket, { status: 'serving' });
      log('resumed', next, counter, actor);
      return withEstimate(next);
    }),
    queue_no_show: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      const ticket = requireCurrent(counter);
      if (ticket.status !== 'called') throw fail('conflict', 'error.queue.no_show_serving');
      const first = ticket.noShows === 0;
      const back = iso(nowMs() + settings.noShowGraceMinutes * MINUTE_MS);
      const next = replace(
        ticket,
        first
          ? { status: 'waiting', counter: null, noShows: 1, readyAt: back }
          : { status: 'no_show', noShows: ticket.noShows + 1 },
      );
      log('no_show', next, counter, actor);
      return withEstimate(next);
    }),
    queue_transfer: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      const ticket = requireCurrent(counter);
      const to = args.to as TransferTo;
      let serviceCode = ticket.service;
      let pinned: number | null = null;
      if ('service' in to) serviceCode = service(to.service).code;
      else {
        const target = counterOf(to.counter);
        if (target.number === counter) throw fail('validation', 'error.queue.transfer_same_counter');
        pinned = target.number;
        if (!target.services.includes(serviceCode)) serviceCode = target.services[0] ?? serviceCode;
      }
      replace(ticket, { status: 'transferred' });
      log('transferred', ticket, counter, actor);
      return withEstimate(continueVisit(ticket, serviceCode, pinned));
    }),
    queue_finish: asUser((actor, args): Ticket => {
      actor.require('useQueue');
      const counter = Number(args.counter);
      const ticket = requireCurrent(counter);
      const outcome = args.outcome as Outcome;
      const nextService = typeof args.nextService === 'string' ? service(args.nextService).code : null;
      const done = replace(ticket, { status: 'done', outcome });
      log('finished', done, counter, actor);
      return withEstimate(nextService === null ? done : continueVisit(done, nextService, null));
    }),
    queue_cancel: asUser((actor, args): Ticket => {
      actor.require('manageQueue');
      const number = str(args, 'number');
      const ticket = tickets.find((t) => t.number === number && !isFinal(t));
      if (!ticket) throw fail('notFound', 'error.queue.not_open', { number });
      const next = replace(ticket, { status: 'cancelled' });
      log('cancelled', next, null, actor);
      return withEstimate(next);
    }),
    queue_services: asUser((actor): ServiceInfo[] => {
      actor.require('viewOffice');
      return services.map(serviceInfo);
    }),
    queue_counters: asUser((actor): CounterInfo[] => {
      actor.require('viewOffice');
      return counters.map(counterInfo);
    }),
    queue_state: asUser((actor): QueueState => {
      actor.require('useQueue');
      const at = nowMs();
      return {
        businessDay: today(),
        services: services.map((s) => {
          const waiting = callable([s.code], null).map(withEstimate);
          const oldest = waiting.reduce((m, t) => Math.min(m, Date.parse(t.waitingSince)), Infinity);
          return {
            code: s.code,
            name: s.nameTh,
            prefix: s.prefix,
            waiting,
            later: callable([s.code], null, true).map(withEstimate),
            longestWaitMinutes: waiting.length === 0 ? null : Math.floor((at - oldest) / MINUTE_MS),
          };
        }),
        counters: counters.map((c): CounterState => ({
          number: c.number,
          name: c.name,
          location: c.location,
          services: [...c.services],
          current: currentAt(c.number),
          held: tickets.filter((t) => t.counter === c.number && t.status === 'held'),
          clerk: clerks.get(c.number)?.name ?? null,
          waiting: callable(c.services, c.number).length,
        })),
        carriedOver: tickets.filter((t) => t.carriedOver && !isFinal(t)),
        settings,
        canCallSpecific: settings.allowCallSpecific || actor.can('manageQueue'),
        canManage: actor.can('manageQueue'),
      };
    }),
    // Core reads the settings for anyone signed in.
    queue_get_settings: asUser((): QueueSettings => settings),
    queue_set_settings: asUser((actor, args): QueueSettings => {
      actor.require('manageQueue');
      const next = args.settings as QueueSettings;
      checkSettings(next);
      settings = { ...next };
      return settings;
    }),
    queue_kpis: asUser((actor, args): Kpis => {
      actor.require('viewReports');
      const from = str(args, 'from');
      const to = str(args, 'to');
      if (from > to) throw fail('validation', 'error.queue.kpi_range');
      const rows = tickets.filter((t) => t.businessDay >= from && t.businessDay <= to && !t.carriedOver);
      const calledBy = (t: Ticket) => {
        const e = events.find((ev) => ev.ticketId === t.id && ev.kind.startsWith('called'));
        return e?.userId ?? null;
      };
      const names = new Map([...clerks.values()].map((c) => [c.id, c.name]));
      return {
        from,
        to,
        overall: kpiRow('all', '', rows),
        byService: groupRows(
          rows,
          (t) => t.service,
          (k) => services.find((s) => s.code === k)?.nameTh ?? k,
        ),
        byCounter: groupRows(
          rows,
          (t) => (t.counter === null ? null : String(t.counter)),
          (k) => counters.find((c) => String(c.number) === k)?.name ?? k,
        ),
        byClerk: groupRows(rows, calledBy, (k) => names.get(k) ?? k),
        byHour: groupRows(
          rows,
          (t) => String(officeHour(Date.parse(t.issuedAt))).padStart(2, '0'),
          (k) => `${k}:00`,
        ),
      };
    }),
    queue_save_service: asUser((actor, args): ServiceInfo[] => {
      actor.require('manageQueue');
      const input = args.service as QueueServiceInput;
      const code = input.code.trim();
      // The mock's demo codes are upper case; core's are lower case.
      if (!/^[A-Za-z0-9_]{2,30}$/.test(code)) throw fail('validation', 'error.queue.setup.code', { input: input.code });
      const prefix = input.prefix.trim();
      if (!/^[A-Z]{1,2}$/.test(prefix)) throw fail('validation', 'error.queue.setup.prefix', { input: input.prefix });
      const taken = services.find((s) => s.prefix === prefix && s.code !== code);
      if (taken) throw fail('conflict', 'error.queue.setup.prefix_taken', { prefix, code: taken.code });
      if (!input.nameTh.trim()) throw required('field.queue.name_th');
      if (!input.nameEn.trim()) throw required('field.queue.name_en');
      const dept = departments.find((d) => d.code === input.departmentCode);
      if (!dept) throw fail('validation', 'error.queue.setup.no_department', { code: input.departmentCode });
      const saved: Service = {
        ...input,
        code,
        prefix,
        nameTh: input.nameTh.trim(),
        nameEn: input.nameEn.trim(),
        documents: input.documents.map((d) => d.trim()).filter(Boolean),
        departmentName: dept.name,
      };
      services = services.some((s) => s.code === code)
        ? services.map((s) => (s.code === code ? saved : s))
        : [...services, saved];
      return services.map(serviceInfo);
    }),
    queue_save_counter: asUser((actor, args): CounterInfo[] => {
      actor.require('manageQueue');
      const input = args.counter as QueueCounterInput;
      if (!Number.isInteger(input.number) || input.number < 1 || input.number > 99) {
        throw fail('validation', 'error.queue.setup.counter_number', { input: String(input.number) });
      }
      if (!input.name.trim()) throw required('field.queue.counter_name');
      if (!input.location.trim()) throw required('field.queue.location');
      if (input.services.length === 0) throw fail('validation', 'error.queue.setup.no_services');
      for (const code of input.services) service(code);
      const saved = { ...input, name: input.name.trim(), location: input.location.trim() };
      counters = counters.some((c) => c.number === input.number)
        ? counters.map((c) => (c.number === input.number ? saved : c))
        : [...counters, saved].sort((a, b) => a.number - b.number);
      return counters.map(counterInfo);
    }),
    queue_export_csv: asUser((actor, args): string => {
      if (!actor.can('useQueue')) actor.require('viewReports');
      const date = str(args, 'date');
      const header = 'number,service,priority,status,counter,issued_at,outcome';
      const lines = tickets
        .filter((t) => t.businessDay === date)
        .map((t) =>
          [t.number, t.service, t.priority, t.status, t.counter ?? '', t.issuedAt, t.outcome ?? ''].join(','),
        );
      return `${[header, ...lines].join('\n')}\n`;
    }),
  };

  const seedDemo = (overview: OfficeOverview) => {
    departments = overview.departments.map((d) => ({ code: d.code, name: d.nameTh }));
    services = overview.departments.flatMap((d) =>
      d.services.map((s): Service => ({
        code: s.code,
        departmentCode: d.code,
        departmentName: d.nameTh,
        nameTh: s.nameTh,
        nameEn: s.nameEn,
        prefix: s.ticketPrefix,
        expectedMinutes: s.expectedMinutes,
        documents: [...s.documents],
      })),
    );
    const codeOf = new Map(overview.departments.flatMap((d) => d.services.map((s) => [s.id, s.code] as const)));
    counters = overview.counters.map((c) => ({
      number: c.number,
      name: c.name,
      location: c.location,
      services: c.serviceIds.flatMap((id) => codeOf.get(id) ?? []),
    }));
    const first = services[0];
    if (!first) return;
    // Yesterday's ticket nobody closed: visible to the supervisor, never called by "call next".
    const yesterday = nowMs() - 24 * 60 * MINUTE_MS;
    newTicket({
      service: first.code,
      priority: 'normal',
      number: `${first.prefix}099`,
      businessDay: officeDay(yesterday),
      issuedAt: iso(yesterday),
      waitingSince: iso(yesterday),
      readyAt: iso(yesterday),
      carriedOver: true,
    });
  };

  return { handlers, seedDemo };
}
