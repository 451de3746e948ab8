/**
 * The walk-in queue: issuing tickets (the slip prints at once), the counter's calls, the supervisor's live view
 * and KPIs, and the queue's set-up. Core checks every permission and every rule; messages come back in the
 * user's language.
 *
 * Counter commands act on "the ticket at `counter`": the called, serving or (for `resume`) held ticket there.
 */
import type { CounterInfo } from '../generated/CounterInfo';
import type { CounterState } from '../generated/CounterState';
import type { IssueInput } from '../generated/IssueInput';
import type { IssueResult } from '../generated/IssueResult';
import type { KpiRow } from '../generated/KpiRow';
import type { Kpis } from '../generated/Kpis';
import type { Outcome } from '../generated/Outcome';
import type { Priority } from '../generated/Priority';
import type { QueueCounterInput } from '../generated/QueueCounterInput';
import type { QueueServiceInput } from '../generated/QueueServiceInput';
import type { QueueSettings } from '../generated/QueueSettings';
import type { QueueState } from '../generated/QueueState';
import type { ServiceInfo } from '../generated/ServiceInfo';
import type { ServiceLine } from '../generated/ServiceLine';
import type { Ticket } from '../generated/Ticket';
import type { TicketStatus } from '../generated/TicketStatus';
import type { TransferTo } from '../generated/TransferTo';
import { call } from './call';

export type {
  CounterInfo,
  CounterState,
  IssueInput,
  IssueResult,
  KpiRow,
  Kpis,
  Outcome,
  Priority,
  QueueCounterInput,
  QueueServiceInput,
  QueueSettings,
  QueueState,
  ServiceInfo,
  ServiceLine,
  Ticket,
  TicketStatus,
  TransferTo,
};

/** Every priority class, in the issuing screen's order (core's `Priority::ALL`). */
export const PRIORITIES: readonly Priority[] = ['normal', 'elderly', 'disabled', 'pregnant', 'monk'];

/** Every outcome, in the finishing menu's order (core's `Outcome::ALL`). */
export const OUTCOMES: readonly Outcome[] = ['served', 'follow_up', 'missing_documents', 'referred'];

/**
 * `queue_issue`: issues a ticket and prints its slip. Resolves with the ticket even when the slip did not
 * print (`print.status === 'failed'` with its reason, or `printError`); rejects only when no ticket was issued.
 */
export function issueTicket(input: IssueInput): Promise<IssueResult> {
  return call<IssueResult>('queue_issue', { input });
}

/** `queue_call_next`: calls the next ticket for `counter` by the fairness rules; rejects when nobody waits. */
export function callNext(counter: number): Promise<Ticket> {
  return call<Ticket>('queue_call_next', { counter });
}

/** `queue_call_ticket`: calls ticket `number` to `counter` (when allowed; audited). */
export function callTicket(counter: number, number: string): Promise<Ticket> {
  return call<Ticket>('queue_call_ticket', { counter, number });
}

/** `queue_recall`: calls the counter's ticket again (the board and the chime repeat it). */
export function recallTicket(counter: number): Promise<Ticket> {
  return call<Ticket>('queue_recall', { counter });
}

/** `queue_start`: the citizen has arrived; service starts. */
export function startService(counter: number): Promise<Ticket> {
  return call<Ticket>('queue_start', { counter });
}

/** `queue_hold`: parks the counter's ticket (the citizen fetches a document). */
export function holdTicket(counter: number): Promise<Ticket> {
  return call<Ticket>('queue_hold', { counter });
}

/** `queue_resume`: brings a held ticket back to the counter (`number`, or the one held longest). */
export function resumeTicket(counter: number, number: string | null): Promise<Ticket> {
  return call<Ticket>('queue_resume', { counter, number });
}

/** `queue_no_show`: the called citizen did not come. */
export function markNoShow(counter: number): Promise<Ticket> {
  return call<Ticket>('queue_no_show', { counter });
}

/** `queue_transfer`: ends the ticket here and continues it at another service or counter; resolves with the new segment. */
export function transferTicket(counter: number, to: TransferTo): Promise<Ticket> {
  return call<Ticket>('queue_transfer', { counter, to });
}

/** `queue_finish`: ends the ticket with `outcome`; `nextService` continues the same visit at another service. */
export function finishTicket(counter: number, outcome: Outcome, nextService: string | null): Promise<Ticket> {
  return call<Ticket>('queue_finish', { counter, outcome, nextService });
}

/** `queue_cancel`: closes ticket `number` (supervisors: a left-over ticket, a mistake). */
export function cancelTicket(number: string): Promise<Ticket> {
  return call<Ticket>('queue_cancel', { number });
}

/** `queue_services`: the services tickets are issued for, with their waiting counts. */
export function listQueueServices(): Promise<ServiceInfo[]> {
  return call<ServiceInfo[]>('queue_services');
}

/** `queue_counters`: the counters and the services each calls. */
export function listQueueCounters(): Promise<CounterInfo[]> {
  return call<CounterInfo[]>('queue_counters');
}

/** `queue_state`: the lines, the counters and the left-over tickets as of now. */
export function getQueueState(): Promise<QueueState> {
  return call<QueueState>('queue_state');
}

/** `queue_get_settings`: the queue's rules. */
export function getQueueSettings(): Promise<QueueSettings> {
  return call<QueueSettings>('queue_get_settings');
}

/** `queue_set_settings`: saves the rules (validated by core); resolves with them as stored. */
export function setQueueSettings(settings: QueueSettings): Promise<QueueSettings> {
  return call<QueueSettings>('queue_set_settings', { settings });
}

/** `queue_kpis`: waits, service times, no-shows and ratings from `from` to `to` (`YYYY-MM-DD`, inclusive). */
export function getQueueKpis(from: string, to: string): Promise<Kpis> {
  return call<Kpis>('queue_kpis', { from, to });
}

/** `queue_save_service`: adds or changes a service (by code); resolves with every service. */
export function saveQueueService(service: QueueServiceInput): Promise<ServiceInfo[]> {
  return call<ServiceInfo[]>('queue_save_service', { service });
}

/** `queue_save_counter`: adds or changes a counter (by number); resolves with every counter. */
export function saveQueueCounter(counter: QueueCounterInput): Promise<CounterInfo[]> {
  return call<CounterInfo[]>('queue_save_counter', { counter });
}

/** `queue_export_csv`: the tickets of business day `date` (`YYYY-MM-DD`) as CSV text. */
export function exportQueueCsv(date: string): Promise<string> {
  return call<string>('queue_export_csv', { date });
}
