import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

import { openBoardWindow, openCustomerWindow } from '../../api/board';
import { toIpcError, type IpcError } from '../../api/errors';
import {
  callNext,
  callTicket,
  finishTicket,
  holdTicket,
  markNoShow,
  OUTCOMES,
  recallTicket,
  resumeTicket,
  startService,
  transferTicket,
  type CounterState,
  type Outcome,
  type QueueState,
  type Ticket,
  type TransferTo,
} from '../../api/queue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lang, t, type MessageKey } from '../../i18n';
import { formatTimestamp } from '../../lib/dates';
import {
  hasModifier,
  isTyping,
  keysOff,
  minutesSince,
  outcomeLabel,
  PriorityBadge,
  statusLabel,
  ticketLine,
} from './labels';

/** The `localStorage` key that remembers which counter this PC is. */
export const COUNTER_STORAGE_KEY = 'sala.queue.counter';

type Props = {
  queue: QueueState;
  /** An action changed the queue: look again. */
  onChanged: () => void;
};

type Action = 'next' | 'recall' | 'start' | 'finish' | 'noShow' | 'hold' | 'transfer' | 'callNumber' | 'resume';

/** The counter's actions, their function keys and labels, in key order. */
const ACTIONS: readonly { action: Action; key: string; label: MessageKey }[] = [
  { action: 'next', key: 'F1', label: 'queue.counter.next' },
  { action: 'recall', key: 'F2', label: 'queue.counter.recall' },
  { action: 'start', key: 'F3', label: 'queue.counter.start' },
  { action: 'finish', key: 'F4', label: 'queue.counter.finish' },
  { action: 'noShow', key: 'F5', label: 'queue.counter.no_show' },
  { action: 'hold', key: 'F6', label: 'queue.counter.hold' },
  { action: 'transfer', key: 'F7', label: 'queue.counter.transfer' },
  { action: 'callNumber', key: 'F8', label: 'queue.counter.call_number' },
  { action: 'resume', key: 'F9', label: 'queue.counter.resume' },
];

/** The form an action opens (finish, transfer, call a number) before anything is sent. */
type Form = 'finish' | 'transfer' | 'callNumber' | null;

function readCounter(): number | null {
  try {
    const stored = Number(localStorage.getItem(COUNTER_STORAGE_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  } catch {
    return null;
  }
}

function storeCounter(counter: number): void {
  try {
    localStorage.setItem(COUNTER_STORAGE_KEY, String(counter));
  } catch {
    // Storage can be unavailable; the choice then lasts until the window closes.
  }
}

/**
 * "My counter": this PC's counter (remembered), the ticket at it, and the function keys F1–F9 that work it.
 * Below, the line this counter calls from (in calling order) and the tickets parked here. The keys do nothing
 * while someone types in a field or a form is open.
 */
export function CounterPanel({ queue, onChanged }: Props) {
  const [chosen, setChosen] = useState<number | null>(readCounter);
  const counter = queue.counters.find((c) => c.number === chosen) ?? null;

  return (
    <div class="queue-counter" data-testid="queue-counter">
      <div class="queue-counter-head">
        <div class="field">
          <label class="field-label" for="field-counter-select">
            {t('queue.counter.mine')}
          </label>
          <select
            id="field-counter-select"
            class="select"
            data-testid="counter-select"
            value={counter ? String(counter.number) : ''}
            onChange={(e) => {
              const number = Number(e.currentTarget.value);
              if (!number) return;
              storeCounter(number);
              setChosen(number);
            }}
          >
            <option value="">{t('queue.counter.choose')}</option>
            {queue.counters.map((c) => (
              <option key={c.number} value={String(c.number)}>
                {t('queue.counter.option', { number: c.number, name: c.name })}
              </option>
            ))}
          </select>
        </div>
        <div class="button-row">
          <BoardButton testId="open-board" label={t('queue.counter.open_board')} open={() => openBoardWindow()} />
          {counter && (
            <BoardButton
              testId="open-customer"
              label={t('queue.counter.open_customer')}
              open={() => openCustomerWindow(counter.number)}
            />
          )}
        </div>
      </div>
      {counter ? (
        <CounterDesk key={counter.number} queue={queue} counter={counter} onChanged={onChanged} />
      ) : (
        <p class="note" data-testid="counter-none">
          {queue.counters.length === 0 ? t('queue.counter.no_counters') : t('queue.counter.choose_hint')}
        </p>
      )}
    </div>
  );
}

/** A button that opens another window; says so if it cannot. */
function BoardButton({ testId, label, open }: { testId: string; label: string; open: () => Promise<unknown> }) {
  const [error, setError] = useState<IpcError | null>(null);
  return (
    <>
      <button
        type="button"
        class="button button-secondary"
        data-testid={testId}
        onClick={() => {
          setError(null);
          open().catch((err: unknown) => setError(toIpcError(err)));
        }}
      >
        {label}
      </button>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </>
  );
}

type DeskProps = { queue: QueueState; counter: CounterState; onChanged: () => void };

function CounterDesk({ queue, counter, onChanged }: DeskProps) {
  const [form, setForm] = useState<Form>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  /** What the last action did, in words. */
  const [done, setDone] = useState<{ ticket: Ticket; message: string } | null>(null);
  const current = counter.current;

  const run = async (work: () => Promise<Ticket>, message: (ticket: Ticket) => string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const ticket = await work();
      setDone({ ticket, message: message(ticket) });
      setForm(null);
      onChanged();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  const n = counter.number;
  const enabled: Record<Action, boolean> = {
    next: true,
    recall: current?.status === 'called',
    start: current?.status === 'called',
    finish: current !== null,
    noShow: current?.status === 'called',
    hold: current !== null,
    transfer: current !== null,
    callNumber: queue.canCallSpecific,
    resume: counter.held.length > 0,
  };

  const perform = (action: Action) => {
    if (!enabled[action]) return;
    switch (action) {
      case 'next':
        return void run(
          () => callNext(n),
          (tk) => t('queue.counter.done_called', { number: tk.number }),
        );
      case 'recall':
        return void run(
          () => recallTicket(n),
          (tk) => t('queue.counter.done_recalled', { number: tk.number }),
        );
      case 'start':
        return void run(
          () => startService(n),
          (tk) => t('queue.counter.done_started', { number: tk.number }),
        );
      case 'noShow':
        return void run(
          () => markNoShow(n),
          (tk) =>
            tk.status === 'waiting'
              ? t('queue.counter.done_no_show_back', { number: tk.number })
              : t('queue.counter.done_no_show', { number: tk.number }),
        );
      case 'hold':
        return void run(
          () => holdTicket(n),
          (tk) => t('queue.counter.done_held', { number: tk.number }),
        );
      case 'resume':
        return void run(
          () => resumeTicket(n, counter.held[0]?.number ?? null),
          (tk) => t('queue.counter.done_resumed', { number: tk.number }),
        );
      case 'finish':
      case 'transfer':
      case 'callNumber':
        setError(null);
        setForm(action);
    }
  };

  const root = useRef<HTMLDivElement>(null);
  const live = useRef({ perform, form });
  live.current = { perform, form };

  // A layout effect: the keys work as soon as the panel is on screen, not a frame later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (keysOff(root.current)) return;
      if (e.key === 'Escape' && live.current.form) {
        e.preventDefault();
        setForm(null);
        return;
      }
      const entry = ACTIONS.find((a) => a.key === e.key);
      if (!entry || e.defaultPrevented || hasModifier(e) || e.shiftKey || isTyping(e.target)) return;
      // F5 reloads and F7 toggles caret browsing in web views: the counter's keys are ours, form or not.
      e.preventDefault();
      if (live.current.form) return;
      live.current.perform(entry.action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const shown = current;
  const lines = queue.services.filter((line) => counter.services.includes(line.code));
  const now = Date.now();

  return (
    <div class="queue-desk" ref={root}>
      <section class="card queue-current" data-testid="counter-current" aria-labelledby="counter-current-title">
        <h2 id="counter-current-title">{t('queue.counter.current', { number: n, name: counter.name })}</h2>
        {shown ? (
          <>
            <p class="queue-number" data-testid="counter-current-number">
              {shown.number}
            </p>
            <p class="queue-ticket-service">{shown.serviceName}</p>
            <p>
              <span class="badge badge-pending" data-testid="counter-current-status">
                {statusLabel(shown.status)}
              </span>{' '}
              <PriorityBadge priority={shown.priority} />
              {shown.name && <span class="queue-ticket-name"> {shown.name}</span>}
              {shown.phoneMasked && <span class="muted"> {shown.phoneMasked}</span>}
            </p>
          </>
        ) : (
          <p class="muted" data-testid="counter-current-none">
            {t('queue.counter.idle')}
          </p>
        )}
        <div role="status" class="form-status">
          {done && (
            <p class="form-success" data-testid="counter-done">
              {done.message}
            </p>
          )}
        </div>
      </section>

      <div class="queue-actions" role="toolbar" aria-label={t('queue.counter.actions')}>
        {ACTIONS.filter((a) => a.action !== 'callNumber' || queue.canCallSpecific).map((a) => (
          <button
            key={a.action}
            type="button"
            class={`button queue-action${a.action === 'next' ? ' button-primary' : ''}`}
            data-testid={`counter-${a.action}`}
            aria-keyshortcuts={a.key}
            disabled={busy || !enabled[a.action]}
            onClick={() => perform(a.action)}
          >
            <kbd>{a.key}</kbd> {t(a.label)}
          </button>
        ))}
      </div>
      <p class="muted">{t('queue.counter.keys_hint')}</p>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />

      {form === 'finish' && current && (
        <FinishForm
          queue={queue}
          ticket={current}
          busy={busy}
          onCancel={() => setForm(null)}
          onFinish={(outcome, next) =>
            void run(
              () => finishTicket(n, outcome, next),
              (tk) =>
                tk.status === 'waiting'
                  ? t('queue.counter.done_finished_next', { number: tk.number, service: tk.serviceName })
                  : t('queue.counter.done_finished', { number: tk.number }),
            )
          }
        />
      )}
      {form === 'transfer' && current && (
        <TransferForm
          queue={queue}
          counter={counter}
          ticket={current}
          busy={busy}
          onCancel={() => setForm(null)}
          onTransfer={(to) =>
            void run(
              () => transferTicket(n, to),
              (tk) => t('queue.counter.done_transferred', { number: tk.number, service: tk.serviceName }),
            )
          }
        />
      )}
      {form === 'callNumber' && (
        <CallNumberForm
          busy={busy}
          onCancel={() => setForm(null)}
          onCall={(number) =>
            void run(
              () => callTicket(n, number),
              (tk) => t('queue.counter.done_called', { number: tk.number }),
            )
          }
        />
      )}

      {counter.held.length > 0 && (
        <section class="card" data-testid="counter-held" aria-labelledby="counter-held-title">
          <h2 id="counter-held-title">{t('queue.counter.held_title')}</h2>
          <ul class="queue-list">
            {counter.held.map((tk) => (
              <li key={tk.id} class="queue-list-item" data-testid={`held-${tk.number}`}>
                <span class="queue-list-number">{tk.number}</span>
                <span>{ticketLine(tk)}</span>
                <button
                  type="button"
                  class="button button-small"
                  data-testid={`held-${tk.number}-resume`}
                  disabled={busy || current !== null}
                  onClick={() =>
                    void run(
                      () => resumeTicket(n, tk.number),
                      (r) => t('queue.counter.done_resumed', { number: r.number }),
                    )
                  }
                >
                  {t('queue.counter.resume_this')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="card" data-testid="counter-line" aria-labelledby="counter-line-title">
        <h2 id="counter-line-title">{t('queue.counter.line_title', { n: counter.waiting })}</h2>
        {lines.length === 0 && <p class="muted">{t('queue.counter.no_services')}</p>}
        {lines.map((line) => {
          const waiting = line.waiting.filter((tk) => tk.pinnedCounter === null || tk.pinnedCounter === n);
          return (
            <div key={line.code} class="queue-line" data-testid={`line-${line.code}`}>
              <h3>
                {line.prefix} · {line.name}
              </h3>
              {waiting.length === 0 ? (
                <p class="muted">{t('queue.counter.line_empty')}</p>
              ) : (
                <ol class="queue-list">
                  {waiting.map((tk) => (
                    <li key={tk.id} class="queue-list-item" data-testid={`waiting-${tk.number}`}>
                      <span class="queue-list-number">{tk.number}</span>
                      <PriorityBadge priority={tk.priority} />
                      {tk.pinnedCounter === n && <span class="badge badge-default">{t('queue.counter.pinned')}</span>}
                      {tk.noShows > 0 && <span class="badge badge-off">{t('queue.counter.returned')}</span>}
                      <span class="muted">{t('queue.minutes_waiting', { n: minutesSince(tk.waitingSince, now) })}</span>
                    </li>
                  ))}
                </ol>
              )}
              {line.later.length > 0 && (
                <details class="queue-later">
                  <summary>{t('queue.counter.later', { n: line.later.length })}</summary>
                  <ul class="queue-list">
                    {line.later.map((tk) => (
                      <li key={tk.id} class="queue-list-item">
                        <span class="queue-list-number">{tk.number}</span>
                        <PriorityBadge priority={tk.priority} />
                        <span class="muted">
                          {t('queue.counter.ready_at', { time: formatTimestamp(tk.readyAt, lang.value, 'short') })}
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          );
        })}
      </section>
    </div>
  );
}

type FinishProps = {
  queue: QueueState;
  ticket: Ticket;
  busy: boolean;
  onCancel: () => void;
  onFinish: (outcome: Outcome, nextService: string | null) => void;
};

/** F4: how the service ended, and optionally the next service of the same visit. */
function FinishForm({ queue, ticket, busy, onCancel, onFinish }: FinishProps) {
  const [outcome, setOutcome] = useState<Outcome>('served');
  const [next, setNext] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      class="card queue-form"
      data-testid="finish-form"
      onSubmit={(e) => {
        e.preventDefault();
        onFinish(outcome, next === '' ? null : next);
      }}
    >
      <h2>{t('queue.finish.title', { number: ticket.number })}</h2>
      <fieldset class="queue-radios">
        <legend>{t('queue.finish.outcome')}</legend>
        {OUTCOMES.map((o, idx) => (
          <label key={o} class="radio">
            <input
              ref={idx === 0 ? first : null}
              type="radio"
              name="finish-outcome"
              value={o}
              data-testid={`finish-outcome-${o}`}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />{' '}
            {outcomeLabel(o)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label class="field-label" for="field-finish-next">
          {t('queue.finish.next_service')}
        </label>
        <p class="field-hint">{t('queue.finish.next_service_hint')}</p>
        <select
          id="field-finish-next"
          class="select"
          data-testid="finish-next-service"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        >
          <option value="">{t('queue.finish.no_next')}</option>
          {queue.services
            .filter((s) => s.code !== ticket.service)
            .map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
        </select>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary" data-testid="finish-confirm" disabled={busy}>
          {t('queue.finish.confirm')}
        </button>
        <button type="button" class="button button-secondary" data-testid="finish-cancel" onClick={onCancel}>
          {t('queue.form.cancel')}
        </button>
      </div>
    </form>
  );
}

type TransferProps = {
  queue: QueueState;
  counter: CounterState;
  ticket: Ticket;
  busy: boolean;
  onCancel: () => void;
  onTransfer: (to: TransferTo) => void;
};

/** F7: send the citizen on to another service (its line) or to one counter, keeping the number. */
function TransferForm({ queue, counter, ticket, busy, onCancel, onTransfer }: TransferProps) {
  const services = queue.services.filter((s) => s.code !== ticket.service);
  const counters = queue.counters.filter((c) => c.number !== counter.number);
  const [kind, setKind] = useState<'service' | 'counter'>(services.length > 0 ? 'service' : 'counter');
  const [service, setService] = useState(services[0]?.code ?? '');
  const [target, setTarget] = useState(counters[0] ? String(counters[0].number) : '');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const ready = kind === 'service' ? service !== '' : target !== '';
  return (
    <form
      class="card queue-form"
      data-testid="transfer-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        onTransfer(kind === 'service' ? { service } : { counter: Number(target) });
      }}
    >
      <h2>{t('queue.transfer.title', { number: ticket.number })}</h2>
      <fieldset class="queue-radios">
        <legend>{t('queue.transfer.to')}</legend>
        <label class="radio">
          <input
            ref={first}
            type="radio"
            name="transfer-kind"
            data-testid="transfer-kind-service"
            checked={kind === 'service'}
            onChange={() => setKind('service')}
          />{' '}
          {t('queue.transfer.to_service')}
        </label>
        <label class="radio">
          <input
            type="radio"
            name="transfer-kind"
            data-testid="transfer-kind-counter"
            checked={kind === 'counter'}
            onChange={() => setKind('counter')}
          />{' '}
          {t('queue.transfer.to_counter')}
        </label>
      </fieldset>
      {kind === 'service' ? (
        <div class="field">
          <label class="field-label" for="field-transfer-service">
            {t('queue.transfer.service')}
          </label>
          <select
            id="field-transfer-service"
            class="select"
            data-testid="transfer-service"
            value={service}
            onChange={(e) => setService(e.currentTarget.value)}
          >
            {services.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div class="field">
          <label class="field-label" for="field-transfer-counter">
            {t('queue.transfer.counter')}
          </label>
          <select
            id="field-transfer-counter"
            class="select"
            data-testid="transfer-counter"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
          >
            {counters.map((c) => (
              <option key={c.number} value={String(c.number)}>
                {t('queue.counter.option', { number: c.number, name: c.name })}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" data-testid="transfer-confirm" disabled={busy || !ready}>
          {t('queue.transfer.confirm')}
        </button>
        <button type="button" class="button button-secondary" data-testid="transfer-cancel" onClick={onCancel}>
          {t('queue.form.cancel')}
        </button>
      </div>
    </form>
  );
}

type CallNumberProps = { busy: boolean; onCancel: () => void; onCall: (number: string) => void };

/** F8: call one ticket by its number (allowed by the settings or for supervisors; recorded in the audit log). */
function CallNumberForm({ busy, onCancel, onCall }: CallNumberProps) {
  const [number, setNumber] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const value = number.trim().toUpperCase();
  return (
    <form
      class="card queue-form"
      data-testid="call-number-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value !== '') onCall(value);
      }}
    >
      <h2>{t('queue.call_number.title')}</h2>
      <p class="muted">{t('queue.call_number.hint')}</p>
      <div class="field">
        <label class="field-label" for="field-call-number">
          {t('queue.call_number.number')}
        </label>
        <input
          ref={input}
          id="field-call-number"
          class="text-input"
          type="text"
          autoComplete="off"
          data-testid="call-number-input"
          value={number}
          onInput={(e) => setNumber(e.currentTarget.value)}
        />
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button button-primary"
          data-testid="call-number-confirm"
          disabled={busy || value === ''}
        >
          {t('queue.call_number.confirm')}
        </button>
        <button type="button" class="button button-secondary" data-testid="call-number-cancel" onClick={onCancel}>
          {t('queue.form.cancel')}
        </button>
      </div>
    </form>
  );
}
