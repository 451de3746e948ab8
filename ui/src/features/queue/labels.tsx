/** Names of the queue's priority classes, statuses and outcomes, and the small badges and helpers the tabs share. */
import type { Outcome, Priority, Ticket, TicketStatus } from '../../api/queue';
import { t, type MessageKey } from '../../i18n';

const PRIORITY_LABELS: Record<Priority, MessageKey> = {
  normal: 'queue.priority.normal',
  elderly: 'queue.priority.elderly',
  disabled: 'queue.priority.disabled',
  pregnant: 'queue.priority.pregnant',
  monk: 'queue.priority.monk',
};

const STATUS_LABELS: Record<TicketStatus, MessageKey> = {
  waiting: 'queue.status.waiting',
  called: 'queue.status.called',
  serving: 'queue.status.serving',
  held: 'queue.status.held',
  done: 'queue.status.done',
  no_show: 'queue.status.no_show',
  cancelled: 'queue.status.cancelled',
  transferred: 'queue.status.transferred',
};

const OUTCOME_LABELS: Record<Outcome, MessageKey> = {
  served: 'queue.outcome.served',
  follow_up: 'queue.outcome.follow_up',
  missing_documents: 'queue.outcome.missing_documents',
  referred: 'queue.outcome.referred',
};

export function priorityLabel(priority: Priority): string {
  return t(PRIORITY_LABELS[priority]);
}

export function statusLabel(status: TicketStatus): string {
  return t(STATUS_LABELS[status]);
}

export function outcomeLabel(outcome: Outcome): string {
  return t(OUTCOME_LABELS[outcome]);
}

/** A priority class as a badge; nothing for a normal ticket (most of them). */
export function PriorityBadge({ priority }: { priority: Priority }) {
  if (priority === 'normal') return null;
  return <span class="badge badge-priority">{priorityLabel(priority)}</span>;
}

/** Whole minutes from `since` (RFC 3339) to `nowMs`; never negative. */
export function minutesSince(since: string, nowMs: number): number {
  const at = Date.parse(since);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.floor((nowMs - at) / 60_000));
}

/** Seconds as whole minutes for the KPI tables (`—` when there is no value). */
export function minutesText(seconds: number | null): string {
  return seconds === null ? t('queue.none') : t('queue.minutes', { n: (seconds / 60).toFixed(1) });
}

/** What a ticket shows under its number: service, priority class and, if given, the citizen's name. */
export function ticketLine(ticket: Ticket): string {
  return [ticket.serviceName, ticket.priority === 'normal' ? null : priorityLabel(ticket.priority), ticket.name]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Whether a key press is someone typing (a text field, a text area, an editable region): the queue's
 * shortcuts then leave it alone. Check boxes, radio buttons, buttons and selects are not typing.
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/**
 * Whether the keys of the panel `root` are off: it is gone, or inside something hidden or inert (the app keeps
 * the area mounted under the lock screen, and keys typed there must not call anyone).
 */
export function keysOff(root: HTMLElement | null): boolean {
  return !root?.isConnected || root.closest('[hidden], [inert]') !== null;
}

/** Whether any modifier other than Shift is held (those keys belong to the app and the system). */
export function hasModifier(e: KeyboardEvent): boolean {
  return e.altKey || e.ctrlKey || e.metaKey;
}
