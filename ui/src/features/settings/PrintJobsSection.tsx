import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { listPrintJobs, reprintJob, type PrintJob } from '../../api/printing';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lang, t } from '../../i18n';
import { formatTimestamp } from '../../lib/dates';
import { destinationText, JobStatusBadge, kindLabel, type ShownStatus } from './printLabels';

type Props = {
  /** The user manages printers: the list holds everyone's jobs, with who printed each. */
  everyone: boolean;
  /**
   * Bumped when someone asks to see the failures (the status bar's indicator): the section then shows only
   * the jobs that did not print and takes the focus. `0` (the default) asks nothing.
   */
  focusRequest?: number;
};

type Notice = { ok: boolean; text: string };

/**
 * "Recent print jobs", for everyone signed in: their own jobs (everyone's for supervisors and administrators),
 * newest first, with why a job did not print and a button to print it again.
 */
export function PrintJobsSection({ everyone, focusRequest = 0 }: Props) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [jobs, setJobs] = useState<PrintJob[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** The reprints made here, by the job they printed again (the list shows the original as printed). */
  const [reprints, setReprints] = useState<Readonly<Record<string, PrintJob>>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const request = useRef(0);

  const load = useCallback((only: boolean) => {
    const asked = ++request.current;
    setError(null);
    listPrintJobs(only).then(
      (list) => {
        // A filter changed while this was under way: the newer answer wins.
        if (asked === request.current) setJobs(list);
      },
      (err: unknown) => {
        if (asked === request.current) setError(toIpcError(err));
      },
    );
  }, []);

  useEffect(() => load(problemsOnly), [load, problemsOnly]);

  useLayoutEffect(() => {
    if (focusRequest <= 0) return;
    setProblemsOnly(true);
    const el = heading.current;
    if (!el) return;
    el.focus();
    // Not every DOM (tests) scrolls.
    if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'start' });
  }, [focusRequest]);

  const reprint = async (job: PrintJob) => {
    setBusy(job.id);
    setNotice(null);
    setError(null);
    try {
      const again = await reprintJob(job.id);
      setReprints((r) => ({ ...r, [job.id]: again }));
      // The new job joins the list unless the list holds only problems and it printed.
      setJobs((list) => (list && !(problemsOnly && again.status === 'sent') ? [again, ...list] : list));
      setNotice({
        ok: again.status === 'sent',
        text: t(again.status === 'sent' ? 'print_jobs.reprint_done' : 'print_jobs.reprint_failed', {
          title: job.title,
        }),
      });
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(null);
    }
  };

  // The reprint button has gone with the failure: keep the focus on what happened instead of losing it.
  useLayoutEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const shown = (job: PrintJob): ShownStatus => {
    if (job.status === 'sent') return 'sent';
    const printedAgain =
      reprints[job.id]?.status === 'sent' || (jobs ?? []).some((r) => r.reprintOf === job.id && r.status === 'sent');
    return printedAgain ? 'reprinted' : job.status;
  };

  return (
    <section class="card" data-testid="print-jobs-section" aria-labelledby="print-jobs-title">
      <div class="section-heading-row">
        <h2 id="print-jobs-title" ref={heading} tabIndex={-1}>
          {t('print_jobs.title')}
        </h2>
        <button
          type="button"
          class="button button-secondary button-small"
          data-testid="print-jobs-refresh"
          onClick={() => load(problemsOnly)}
        >
          {t('print_jobs.refresh')}
        </button>
      </div>
      <p class="muted">{t(everyone ? 'print_jobs.intro_all' : 'print_jobs.intro_own')}</p>
      <label class="checkbox print-jobs-filter">
        <input
          type="checkbox"
          data-testid="print-jobs-problems-only"
          checked={problemsOnly}
          onChange={(e) => setProblemsOnly(e.currentTarget.checked)}
        />
        {t('print_jobs.problems_only')}
      </label>
      <div role="status" class="form-status">
        {notice && (
          <p
            ref={noticeRef}
            tabIndex={-1}
            class={notice.ok ? 'form-success' : 'field-error'}
            data-testid="print-jobs-notice"
          >
            {notice.text}
          </p>
        )}
      </div>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {jobs === null && !error && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {jobs?.length === 0 && (
        <p class="muted" data-testid="print-jobs-empty">
          {t(problemsOnly ? 'print_jobs.empty_problems' : 'print_jobs.empty')}
        </p>
      )}
      {jobs && jobs.length > 0 && (
        <div class="table-scroll">
          <table class="table print-jobs-table">
            <thead>
              <tr>
                <th scope="col">{t('print_jobs.col_time')}</th>
                <th scope="col">{t('print_jobs.col_document')}</th>
                <th scope="col">{t('print_jobs.col_printer')}</th>
                <th scope="col">{t('print_jobs.col_status')}</th>
                {everyone && <th scope="col">{t('print_jobs.col_user')}</th>}
                <th scope="col">
                  <span class="visually-hidden">{t('printers.col_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => {
                const status = shown(job);
                return (
                  <tr
                    key={job.id}
                    data-testid={`print-job-${job.id}`}
                    data-status={status === 'reprinted' ? 'sent' : status}
                    data-reprinted={status === 'reprinted' ? true : undefined}
                  >
                    <td class="print-job-time">
                      <time dateTime={job.createdAt}>{formatTimestamp(job.createdAt, lang.value, 'short')}</time>
                    </td>
                    <th scope="row">
                      <span class="print-job-title">{job.title}</span>
                      <span class="muted print-job-kind">{kindLabel(job.kind)}</span>
                      {job.reprintOf !== null && <span class="muted">{t('print_jobs.reprint_note')}</span>}
                    </th>
                    <td>{destinationText(job.destination)}</td>
                    <td data-testid={`print-job-status-${job.id}`}>
                      <JobStatusBadge status={status} />
                      {job.reason && status !== 'sent' && (
                        <p class="job-reason" data-testid={`print-job-reason-${job.id}`}>
                          {job.reason}
                        </p>
                      )}
                    </td>
                    {everyone && <td>{job.userName ?? ''}</td>}
                    <td class="row-actions">
                      {status === 'failed' && (
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          data-testid={`print-job-reprint-${job.id}`}
                          aria-label={t('print.reprint_of', { title: job.title })}
                          disabled={busy !== null}
                          onClick={() => void reprint(job)}
                        >
                          {busy === job.id ? t('print.reprinting') : t('print.reprint')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
