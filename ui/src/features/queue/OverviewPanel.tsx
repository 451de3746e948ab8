import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { cancelTicket, exportQueueCsv, getQueueKpis, type KpiRow, type Kpis, type QueueState } from '../../api/queue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ThaiDateInput } from '../../components/ThaiDateInput';
import { lang, t, type MessageKey } from '../../i18n';
import { formatIsoDate } from '../../lib/dates';
import { minutesText, PriorityBadge, statusLabel } from './labels';

type Props = {
  queue: QueueState;
  /** Whether the KPI tables and the export are shown (supervisors, those who view reports). */
  reports: boolean;
  /** A ticket was cancelled: look at the queue again. */
  onChanged: () => void;
};

/**
 * "Overview" for supervisors: each line's length and longest wait, what every counter is doing, the tickets
 * left over from earlier days (with cancel), and the KPIs of a date range with the CSV export.
 */
export function OverviewPanel({ queue, reports, onChanged }: Props) {
  return (
    <div class="queue-overview" data-testid="queue-overview">
      <section class="card" aria-labelledby="overview-lines-title">
        <h2 id="overview-lines-title">{t('queue.overview.lines')}</h2>
        <div class="table-scroll">
          <table class="table" data-testid="overview-lines">
            <thead>
              <tr>
                <th scope="col">{t('queue.overview.col_service')}</th>
                <th scope="col">{t('queue.overview.col_waiting')}</th>
                <th scope="col">{t('queue.overview.col_later')}</th>
                <th scope="col">{t('queue.overview.col_longest')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.services.map((line) => (
                <tr key={line.code} data-testid={`overview-line-${line.code}`}>
                  <th scope="row">
                    {line.prefix} · {line.name}
                  </th>
                  <td>{line.waiting.length}</td>
                  <td>{line.later.length}</td>
                  <td>
                    {line.longestWaitMinutes === null
                      ? t('queue.none')
                      : t('queue.minutes_waiting', { n: line.longestWaitMinutes })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section class="card" aria-labelledby="overview-counters-title">
        <h2 id="overview-counters-title">{t('queue.overview.counters')}</h2>
        <div class="table-scroll">
          <table class="table" data-testid="overview-counters">
            <thead>
              <tr>
                <th scope="col">{t('queue.overview.col_counter')}</th>
                <th scope="col">{t('queue.overview.col_clerk')}</th>
                <th scope="col">{t('queue.overview.col_current')}</th>
                <th scope="col">{t('queue.overview.col_held')}</th>
                <th scope="col">{t('queue.overview.col_waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.counters.map((c) => (
                <tr key={c.number} data-testid={`overview-counter-${String(c.number)}`}>
                  <th scope="row">{t('queue.counter.option', { number: c.number, name: c.name })}</th>
                  <td>{c.clerk ?? t('queue.none')}</td>
                  <td>
                    {c.current ? (
                      <>
                        <strong>{c.current.number}</strong> {statusLabel(c.current.status)}{' '}
                        <PriorityBadge priority={c.current.priority} />
                      </>
                    ) : (
                      t('queue.overview.free')
                    )}
                  </td>
                  <td>{c.held.length}</td>
                  <td>{c.waiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <CarriedOver queue={queue} onChanged={onChanged} />
      {reports && <KpiSection today={queue.businessDay} />}
    </div>
  );
}

/** Tickets left over from earlier business days: never called by "call next"; a supervisor closes them. */
function CarriedOver({ queue, onChanged }: { queue: QueueState; onChanged: () => void }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const cancel = async (number: string) => {
    setBusy(true);
    setError(null);
    try {
      await cancelTicket(number);
      setConfirming(null);
      onChanged();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" data-testid="overview-carried" aria-labelledby="overview-carried-title">
      <h2 id="overview-carried-title">{t('queue.overview.carried')}</h2>
      {queue.carriedOver.length === 0 ? (
        <p class="muted">{t('queue.overview.carried_none')}</p>
      ) : (
        <>
          <p class="muted">{t('queue.overview.carried_hint')}</p>
          <ul class="queue-list">
            {queue.carriedOver.map((tk) => (
              <li key={tk.id} class="queue-list-item" data-testid={`carried-${tk.number}`}>
                <span class="queue-list-number">{tk.number}</span>
                <span>{tk.serviceName}</span>
                <span class="muted">{formatIsoDate(tk.businessDay, lang.value, 'short')}</span>
                <span class="badge badge-pending">{statusLabel(tk.status)}</span>
                {queue.canManage &&
                  (confirming === tk.id ? (
                    <>
                      <button
                        type="button"
                        class="button button-small button-danger"
                        data-testid={`carried-${tk.number}-confirm`}
                        disabled={busy}
                        onClick={() => void cancel(tk.number)}
                      >
                        {t('queue.overview.cancel_confirm', { number: tk.number })}
                      </button>
                      <button
                        type="button"
                        class="button button-small button-secondary"
                        onClick={() => setConfirming(null)}
                      >
                        {t('queue.form.cancel')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      class="button button-small button-secondary"
                      data-testid={`carried-${tk.number}-cancel`}
                      onClick={() => setConfirming(tk.id)}
                    >
                      {t('queue.overview.cancel')}
                    </button>
                  ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </section>
  );
}

const GROUPS: readonly { key: Exclude<keyof Kpis, 'from' | 'to' | 'overall'>; title: MessageKey; id: string }[] = [
  { key: 'byService', title: 'queue.kpi.by_service', id: 'service' },
  { key: 'byCounter', title: 'queue.kpi.by_counter', id: 'counter' },
  { key: 'byClerk', title: 'queue.kpi.by_clerk', id: 'clerk' },
  { key: 'byHour', title: 'queue.kpi.by_hour', id: 'hour' },
];

/** The KPIs of a date range (today at first) and the day's tickets as CSV. */
function KpiSection({ today }: { today: string }) {
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const load = useCallback((start: string, end: string) => {
    setBusy(true);
    setError(null);
    getQueueKpis(start, end).then(
      (next) => {
        setKpis(next);
        setBusy(false);
      },
      (err: unknown) => {
        setError(toIpcError(err));
        setBusy(false);
      },
    );
  }, []);

  useEffect(() => load(today, today), [load, today]);

  return (
    <section class="card" data-testid="queue-kpis" aria-labelledby="kpi-title">
      <h2 id="kpi-title">{t('queue.kpi.title')}</h2>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          load(from, to);
        }}
      >
        <div class="field">
          <label class="field-label" for="field-kpi-from">
            {t('queue.kpi.from')}
          </label>
          <ThaiDateInput id="field-kpi-from" data-testid="kpi-from" value={from} onValue={setFrom} />
        </div>
        <div class="field">
          <label class="field-label" for="field-kpi-to">
            {t('queue.kpi.to')}
          </label>
          <ThaiDateInput id="field-kpi-to" data-testid="kpi-to" value={to} onValue={setTo} />
        </div>
        <button type="submit" class="button" data-testid="kpi-show" disabled={busy}>
          {t('queue.kpi.show')}
        </button>
      </form>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {kpis && (
        <>
          <p class="lead" data-testid="kpi-range">
            {kpis.from === kpis.to
              ? formatIsoDate(kpis.from, lang.value)
              : t('queue.kpi.range', {
                  from: formatIsoDate(kpis.from, lang.value),
                  to: formatIsoDate(kpis.to, lang.value),
                })}
          </p>
          <KpiTable
            id="overall"
            title={t('queue.kpi.overall')}
            rows={[{ ...kpis.overall, label: t('queue.kpi.all') }]}
          />
          {GROUPS.map((g) => (
            <KpiTable key={g.id} id={g.id} title={t(g.title)} rows={kpis[g.key]} />
          ))}
        </>
      )}
      <CsvExport today={today} />
    </section>
  );
}

function KpiTable({ id, title, rows }: { id: string; title: string; rows: readonly KpiRow[] }) {
  return (
    <div class="queue-kpi-group">
      <h3 id={`kpi-${id}-title`}>{title}</h3>
      {rows.length === 0 ? (
        <p class="muted">{t('queue.kpi.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table queue-kpi-table" data-testid={`kpi-${id}`} aria-labelledby={`kpi-${id}-title`}>
            <thead>
              <tr>
                <th scope="col">{t('queue.kpi.col_label')}</th>
                <th scope="col">{t('queue.kpi.col_issued')}</th>
                <th scope="col">{t('queue.kpi.col_served')}</th>
                <th scope="col">{t('queue.kpi.col_no_show')}</th>
                <th scope="col">{t('queue.kpi.col_avg_wait')}</th>
                <th scope="col">{t('queue.kpi.col_max_wait')}</th>
                <th scope="col">{t('queue.kpi.col_avg_service')}</th>
                <th scope="col">{t('queue.kpi.col_rating')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid={`kpi-${id}-${row.key}`}>
                  <th scope="row">{row.label}</th>
                  <td>{row.issued}</td>
                  <td>{row.served}</td>
                  <td>
                    {row.noShowRatePercent === null
                      ? t('queue.none')
                      : t('queue.kpi.percent', { n: row.noShowRatePercent, count: row.noShows })}
                  </td>
                  <td>{minutesText(row.avgWaitSeconds)}</td>
                  <td>{minutesText(row.maxWaitSeconds)}</td>
                  <td>{minutesText(row.avgServiceSeconds)}</td>
                  <td>
                    {row.avgRating === null
                      ? t('queue.none')
                      : t('queue.kpi.rating', { avg: row.avgRating, n: row.ratings })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** A BOM in front, so that Excel reads the Thai in a UTF-8 CSV correctly. */
const BOM = '\uFEFF';

/** "Export CSV": the tickets of one business day, offered as a file to save. */
function CsvExport({ today }: { today: string }) {
  const [date, setDate] = useState(today);
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(
    () => () => {
      if (file) URL.revokeObjectURL(file.url);
    },
    [file],
  );

  const exportCsv = async () => {
    setBusy(true);
    setError(null);
    try {
      const text = await exportQueueCsv(date);
      const blob = new Blob([text.startsWith(BOM) ? text : BOM + text], { type: 'text/csv;charset=utf-8' });
      setFile({ url: URL.createObjectURL(blob), name: `queue-${date}.csv` });
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="queue-export">
      <h3>{t('queue.export.title')}</h3>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void exportCsv();
        }}
      >
        <div class="field">
          <label class="field-label" for="field-export-date">
            {t('queue.export.date')}
          </label>
          <ThaiDateInput
            id="field-export-date"
            data-testid="export-date"
            value={date}
            onValue={(iso) => {
              setDate(iso);
              setFile(null);
            }}
          />
        </div>
        <button type="submit" class="button" data-testid="export-csv" disabled={busy}>
          {t('queue.export.button')}
        </button>
      </form>
      {file && (
        <p>
          <a class="button button-primary" href={file.url} download={file.name} data-testid="export-link">
            {t('queue.export.save', { name: file.name })}
          </a>
        </p>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </div>
  );
}
