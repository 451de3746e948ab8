import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { reprintJob, type PrintJob } from '../../api/printing';
import {
  issueTicket,
  listQueueServices,
  PRIORITIES,
  type IssueResult,
  type Priority,
  type QueueState,
  type ServiceInfo,
} from '../../api/queue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lang, t } from '../../i18n';
import { formatTimestamp } from '../../lib/dates';
import { hasModifier, isTyping, keysOff, priorityLabel } from './labels';

type Props = {
  /** The live queue (for the waiting counts); `null` until first read. */
  queue: QueueState | null;
  /** A ticket was issued: look at the queue again. */
  onIssued: () => void;
};

/** The priority classes' keys (physical keys, so they work on the Thai layout too), in `PRIORITIES` order. */
const PRIORITY_KEYS: readonly { code: string; label: string }[] = [
  { code: 'KeyQ', label: 'Q' },
  { code: 'KeyW', label: 'W' },
  { code: 'KeyE', label: 'E' },
  { code: 'KeyR', label: 'R' },
  { code: 'KeyT', label: 'T' },
];

/** How many services get a digit key. */
const SERVICE_KEYS = 9;

/** The service a digit key issues for (index into the listed services), or `null`. */
function serviceKey(e: KeyboardEvent): number | null {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  return m ? Number(m[1]) - 1 : null;
}

type Departments = { code: string; name: string; services: { info: ServiceInfo; key: number | null }[] }[];

/** The services grouped by department, in the core's order; the first nine get the keys 1–9. */
function byDepartment(services: readonly ServiceInfo[]): Departments {
  const groups: Departments = [];
  services.forEach((info, idx) => {
    let group = groups.find((g) => g.code === info.departmentCode);
    if (!group) {
      group = { code: info.departmentCode, name: info.departmentName, services: [] };
      groups.push(group);
    }
    group.services.push({ info, key: idx < SERVICE_KEYS ? idx : null });
  });
  return groups;
}

/** `datetime-local` text (this PC's wall clock, the office's) as RFC 3339 UTC, or `null` when it does not parse. */
function slotToUtc(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * "Issue a ticket": one key press (or click) per citizen. Choose the priority class (Q–T) if it is not the
 * usual one, optionally a name, phone or booked time, then press the service's digit. The ticket shows large,
 * with the people ahead, the estimated wait, the documents to bring and whether its slip printed.
 */
export function IssuePanel({ queue, onIssued }: Props) {
  const [services, setServices] = useState<ServiceInfo[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [priority, setPriority] = useState<Priority>('normal');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [booking, setBooking] = useState(false);
  const [slot, setSlot] = useState('');
  const [slotInvalid, setSlotInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IssueResult | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [reprinting, setReprinting] = useState(false);
  const [reprintError, setReprintError] = useState<IpcError | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    listQueueServices().then(setServices, (err: unknown) => setLoadError(toIpcError(err)));
  }, []);
  useEffect(load, [load]);

  const issue = async (info: ServiceInfo) => {
    if (busy) return;
    let bookedFor: string | null = null;
    if (booking) {
      bookedFor = slotToUtc(slot);
      setSlotInvalid(bookedFor === null);
      if (bookedFor === null) {
        document.getElementById('field-issue-slot')?.focus();
        return;
      }
    }
    setBusy(true);
    setError(null);
    setReprintError(null);
    try {
      const issued = await issueTicket({
        service: info.code,
        priority,
        name: name.trim() === '' ? null : name.trim(),
        phone: phone.trim() === '' ? null : phone.trim(),
        bookedFor,
      });
      setResult(issued);
      // The next citizen starts from the usual class with empty fields.
      setPriority('normal');
      setName('');
      setPhone('');
      setBooking(false);
      setSlot('');
      onIssued();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  // The latest handler for the key listener, which is registered once.
  const root = useRef<HTMLDivElement>(null);
  const live = useRef({ issue, services });
  live.current = { issue, services };

  // A layout effect: the keys work as soon as the panel is on screen, not a frame later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || hasModifier(e) || isTyping(e.target) || keysOff(root.current)) return;
      const idx = serviceKey(e);
      if (idx !== null) {
        const info = live.current.services?.[idx];
        if (!info) return;
        e.preventDefault();
        void live.current.issue(info);
        return;
      }
      const p = PRIORITY_KEYS.findIndex((k) => k.code === e.code);
      const chosen = PRIORITIES[p];
      if (chosen) {
        e.preventDefault();
        setPriority(chosen);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const reprint = async (job: PrintJob) => {
    setReprinting(true);
    setReprintError(null);
    try {
      const again = await reprintJob(job.id);
      setResult((r) => (r ? { ...r, print: again } : r));
    } catch (caught) {
      setReprintError(toIpcError(caught));
    } finally {
      setReprinting(false);
    }
  };

  const waiting = (info: ServiceInfo) =>
    queue?.services.find((line) => line.code === info.code)?.waiting.length ?? info.waiting;

  return (
    <div class="queue-issue" data-testid="queue-issue" ref={root}>
      <div class="queue-issue-form">
        <fieldset class="queue-priorities">
          <legend>{t('queue.issue.priority')}</legend>
          <div class="queue-choice-row">
            {PRIORITIES.map((p, idx) => (
              <button
                key={p}
                type="button"
                class={`button queue-choice${priority === p ? ' queue-choice-on' : ''}`}
                aria-pressed={priority === p}
                aria-keyshortcuts={PRIORITY_KEYS[idx]?.label}
                data-testid={`issue-priority-${p}`}
                onClick={() => setPriority(p)}
              >
                <kbd>{PRIORITY_KEYS[idx]?.label}</kbd> {priorityLabel(p)}
              </button>
            ))}
          </div>
        </fieldset>

        <div class="queue-issue-fields">
          <div class="field">
            <label class="field-label" for="field-issue-name">
              {t('queue.issue.name')}
            </label>
            <input
              id="field-issue-name"
              class="text-input"
              type="text"
              autoComplete="off"
              data-testid="issue-name"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label class="field-label" for="field-issue-phone">
              {t('queue.issue.phone')}
            </label>
            <input
              id="field-issue-phone"
              class="text-input"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              data-testid="issue-phone"
              value={phone}
              onInput={(e) => setPhone(e.currentTarget.value)}
            />
          </div>
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="issue-booking"
              checked={booking}
              onChange={(e) => {
                setBooking(e.currentTarget.checked);
                setSlotInvalid(false);
              }}
            />{' '}
            {t('queue.issue.booking')}
          </label>
          {booking && (
            <div class={`field${slotInvalid ? ' field-invalid' : ''}`}>
              <label class="field-label" for="field-issue-slot">
                {t('queue.issue.slot')}
              </label>
              <input
                id="field-issue-slot"
                class="text-input"
                type="datetime-local"
                data-testid="issue-slot"
                aria-invalid={slotInvalid ? true : undefined}
                aria-describedby={slotInvalid ? 'field-issue-slot-msg' : undefined}
                value={slot}
                onInput={(e) => {
                  setSlot(e.currentTarget.value);
                  setSlotInvalid(false);
                }}
              />
              {slotInvalid && (
                <p id="field-issue-slot-msg" class="field-error" data-testid="issue-slot-error">
                  {t('queue.issue.slot_required')}
                </p>
              )}
            </div>
          )}
        </div>

        <p class="muted">{t('queue.issue.hint')}</p>
        <ErrorAlert error={loadError}>
          <button type="button" class="button" onClick={load} data-testid="issue-retry">
            {t('app.retry')}
          </button>
        </ErrorAlert>
        {services === null && !loadError && (
          <p class="muted" role="status">
            {t('app.loading')}
          </p>
        )}
        {services?.length === 0 && <p class="note">{t('queue.issue.no_services')}</p>}
        {services &&
          byDepartment(services).map((dept) => (
            <section key={dept.code} class="queue-department" aria-label={dept.name}>
              <h3>{dept.name}</h3>
              <div class="queue-service-grid">
                {dept.services.map(({ info, key }) => (
                  <button
                    key={info.code}
                    type="button"
                    class="button queue-service"
                    data-testid={`issue-service-${info.code}`}
                    aria-keyshortcuts={key === null ? undefined : String(key + 1)}
                    disabled={busy}
                    onClick={() => void issue(info)}
                  >
                    {key !== null && <kbd class="queue-service-key">{key + 1}</kbd>}
                    <span class="queue-service-prefix">{info.prefix}</span>
                    <span class="queue-service-name">
                      {lang.value === 'en' && info.nameEn ? info.nameEn : info.nameTh}
                    </span>
                    <span class="queue-service-waiting" data-testid={`issue-waiting-${info.code}`}>
                      {t('queue.issue.waiting', { n: waiting(info) })}
                    </span>
                  </button>
                ))}
              </div>
            </section>
          ))}
        <ErrorAlert error={error} onDismiss={() => setError(null)} />
      </div>

      <div class="queue-issued" aria-live="polite">
        {busy && (
          <p class="muted" role="status">
            {t('queue.issue.issuing')}
          </p>
        )}
        {result && (
          <IssuedTicket
            result={result}
            documents={services?.find((s) => s.code === result.ticket.service)?.documents ?? []}
            reprinting={reprinting}
            onReprint={(job) => void reprint(job)}
          />
        )}
        <ErrorAlert error={reprintError} onDismiss={() => setReprintError(null)} />
      </div>
    </div>
  );
}

type IssuedProps = {
  result: IssueResult;
  documents: readonly string[];
  reprinting: boolean;
  onReprint: (job: PrintJob) => void;
};

/** The ticket just issued, large, and what became of its slip. */
function IssuedTicket({ result, documents, reprinting, onReprint }: IssuedProps) {
  const { ticket, print, printError } = result;
  return (
    <section class="card queue-ticket-card" data-testid="issued-ticket" aria-labelledby="issued-number">
      <p class="muted">{t('queue.issue.issued')}</p>
      <p class="queue-number" id="issued-number" data-testid="issued-number">
        {ticket.number}
      </p>
      <p class="queue-ticket-service">{ticket.serviceName}</p>
      {ticket.priority !== 'normal' && <p class="badge badge-priority">{priorityLabel(ticket.priority)}</p>}
      <dl class="facts">
        {ticket.bookedFor && (
          <div class="fact">
            <dt>{t('queue.issue.booked_for')}</dt>
            <dd data-testid="issued-booked">{formatTimestamp(ticket.bookedFor, lang.value)}</dd>
          </div>
        )}
        {ticket.ahead !== null && (
          <div class="fact">
            <dt>{t('queue.issue.ahead')}</dt>
            <dd data-testid="issued-ahead">{t('queue.issue.ahead_n', { n: ticket.ahead })}</dd>
          </div>
        )}
        {ticket.estimatedWaitMinutes !== null && (
          <div class="fact">
            <dt>{t('queue.issue.estimate')}</dt>
            <dd data-testid="issued-estimate">{t('queue.issue.estimate_n', { n: ticket.estimatedWaitMinutes })}</dd>
          </div>
        )}
      </dl>
      {documents.length > 0 && (
        <div class="queue-documents">
          <h3>{t('queue.issue.documents')}</h3>
          <ul data-testid="issued-documents">
            {documents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="queue-print" data-testid="issued-print" data-status={print?.status ?? 'error'}>
        {print && print.status !== 'failed' && (
          <p class="form-success">{print.status === 'sent' ? t('queue.print.sent') : t('queue.print.queued')}</p>
        )}
        {print?.status === 'failed' && (
          <div class="alert alert-error" role="alert">
            <p class="alert-title">{t('queue.print.failed')}</p>
            {print.reason && (
              <p class="alert-message" data-testid="issued-print-reason">
                {print.reason}
              </p>
            )}
            <p class="alert-message">{t('queue.print.failed_hint', { number: ticket.number })}</p>
            <div class="alert-actions">
              <button
                type="button"
                class="button"
                data-testid="issued-reprint"
                disabled={reprinting}
                onClick={() => onReprint(print)}
              >
                {reprinting ? t('print.reprinting') : t('queue.print.reprint')}
              </button>
            </div>
          </div>
        )}
        {!print && printError && (
          <div class="alert alert-error" role="alert">
            <p class="alert-title">{t('queue.print.failed')}</p>
            <p class="alert-message" data-testid="issued-print-reason">
              {printError.message}
            </p>
            <p class="alert-message">{t('queue.print.failed_hint', { number: ticket.number })}</p>
          </div>
        )}
      </div>
    </section>
  );
}
