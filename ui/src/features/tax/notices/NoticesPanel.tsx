import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../../api/errors';
import {
  batchStep,
  issueNotice,
  noticePreview,
  printNotice,
  saveNoticePdf,
  setInstalments,
  taxSettings,
  type NoticePreview,
  type NoticePrint,
  type PaidNotice,
  type PartAssessment,
  type Use,
} from '../../../api/taxNotices';
import { formatBaht } from '../../../api/taxPayments';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { lang, t, type MessageKey } from '../../../i18n';
import { formatIsoDate } from '../../../lib/dates';
import type { TaxPanelProps } from '../TaxArea';

const USE_LABEL: Record<Use, MessageKey> = {
  agricultural: 'tax.notices.use.agricultural',
  residential_home: 'tax.notices.use.residential_home',
  residential_house_only: 'tax.notices.use.residential_house_only',
  residential_other: 'tax.notices.use.residential_other',
  other: 'tax.notices.use.other',
  vacant: 'tax.notices.use.vacant',
};

/** How many taxpayers one batch step handles (the progress bar moves after each). */
const BATCH_STEP = 10;

/**
 * "Assess and notify": the picked taxpayer's assessment for a tax year (each part's value, exemption, bands,
 * reduction and tax, the total in figures and words), issuing and printing the notice, saving it as a PDF,
 * instalments, and a whole year's notices in a cancellable, resumable batch.
 */
export function NoticesPanel({ permissions, taxpayerId, go }: TaxPanelProps) {
  const [years, setYears] = useState<number[] | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    taxSettings().then(
      (s) => {
        const list = s.years.map((y) => y.taxYear);
        setYears(list);
        // This tax year (the calendar year, B.E.) when it has a calendar: the one the counter collects;
        // else the latest year set up.
        const current = new Date().getFullYear() + 543;
        setYear(list.includes(current) ? current : (list[0] ?? null));
      },
      (err: unknown) => setError(toIpcError(err)),
    );
  }, []);

  const canUse = permissions.includes('useTax');

  return (
    <div class="tax-notices" data-testid="tax-notices">
      <ErrorAlert error={error} />
      {years !== null && years.length === 0 && (
        <p class="muted" data-testid="tax-no-calendar">
          {t('tax.notices.no_calendar')}
        </p>
      )}
      {years !== null && years.length > 0 && (
        <div class="field">
          <label class="field-label" for="tax-notice-year">
            {t('tax.notices.year')}
          </label>
          <select
            id="tax-notice-year"
            data-testid="tax-notice-year"
            value={String(year ?? '')}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
          >
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      )}
      {taxpayerId === null ? (
        <p class="muted" data-testid="tax-notice-pick-hint">
          {t('tax.notices.pick_hint')}{' '}
          <button type="button" class="button button-secondary" onClick={() => go('register')}>
            {t('tax.notices.to_register')}
          </button>
        </p>
      ) : (
        year !== null && canUse && <TaxpayerNotice taxpayerId={taxpayerId} year={year} go={go} />
      )}
      {year !== null && canUse && years && <BatchSection years={years} initialYear={year} />}
    </div>
  );
}

type NoticeProps = { taxpayerId: string; year: number; go: TaxPanelProps['go'] };

function TaxpayerNotice({ taxpayerId, year, go }: NoticeProps) {
  const [preview, setPreview] = useState<NoticePreview | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const [printed, setPrinted] = useState<NoticePrint | null>(null);
  const [savedPath, setSavedPath] = useState<string | null>(null);
  const [paidWarning, setPaidWarning] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    noticePreview(taxpayerId, year).then(setPreview, (err: unknown) => setError(toIpcError(err)));
  }, [taxpayerId, year]);
  useEffect(() => {
    setPreview(null);
    setPrinted(null);
    setSavedPath(null);
    setPaidWarning(null);
    load();
  }, [load]);

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  const issue = (print: boolean) =>
    run(async () => {
      setSavedPath(null);
      const result = await issueNotice(taxpayerId, year, print);
      setPrinted(print ? result : null);
      setPaidWarning(result.warning);
      load();
    });
  const reprint = (noticeId: string) =>
    run(async () => {
      setPrinted(await printNotice(noticeId));
    });
  const savePdf = (noticeId: string) =>
    run(async () => {
      setSavedPath(await saveNoticePdf(noticeId));
    });
  const instalments = (noticeId: string, count: number) =>
    run(async () => {
      await setInstalments(noticeId, count);
      load();
    });

  const notice = preview?.notice ?? null;
  const printFailed = printed && (printed.printError ?? (printed.print?.status === 'failed' ? printed.print : null));
  const failReason = printed?.printError?.message ?? printed?.print?.reason ?? '';

  return (
    <section class="card tax-notice-card" aria-labelledby="tax-notice-title">
      <ErrorAlert error={error}>
        <button type="button" class="button" data-testid="tax-notice-retry" onClick={load}>
          {t('app.retry')}
        </button>
      </ErrorAlert>
      {preview === null && !error && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {preview && (
        <>
          <h2 id="tax-notice-title">
            {t('tax.notices.assessment_of', { name: preview.taxpayerName, year: String(preview.taxYear) })}
          </h2>
          <AssessmentTable parts={preview.assessment.parts} />
          <p class="tax-total" data-testid="tax-assess-total">
            <strong>{t('tax.notices.total', { tax: formatBaht(preview.assessment.tax) })}</strong>{' '}
            <span>({preview.taxWords})</span>
          </p>
          {preview.calendar === null && <p class="alert alert-warning">{t('tax.notices.no_calendar_year')}</p>}
          {preview.calendar && (
            <p class="muted">{t('tax.notices.due', { date: formatIsoDate(preview.calendar.dueDate, lang.value) })}</p>
          )}
          {notice && (
            <p data-testid="tax-notice-number">
              {t('tax.notices.current', {
                number: notice.number,
                date: formatIsoDate(notice.issuedOn, lang.value),
                tax: formatBaht(notice.tax),
              })}
            </p>
          )}
          {preview.changed && (
            <p class="alert alert-warning" role="status" data-testid="tax-notice-changed">
              {t('tax.notices.changed')}
            </p>
          )}
          <div class="actions">
            <button
              type="button"
              class="button button-primary"
              data-testid="tax-issue-notice"
              disabled={busy || preview.calendar === null}
              onClick={() => void issue(true)}
            >
              {notice && !preview.changed ? t('tax.notices.print') : t('tax.notices.issue_print')}
            </button>
            {(!notice || preview.changed) && (
              <button
                type="button"
                class="button"
                data-testid="tax-issue-only"
                disabled={busy || preview.calendar === null}
                onClick={() => void issue(false)}
              >
                {t('tax.notices.issue_only')}
              </button>
            )}
            {notice && (
              <button
                type="button"
                class="button"
                data-testid="tax-save-pdf"
                disabled={busy}
                onClick={() => void savePdf(notice.id)}
              >
                {t('tax.notices.save_pdf')}
              </button>
            )}
            {notice && notice.tax > 0 && (
              <button
                type="button"
                class="button button-secondary"
                data-testid="tax-go-payments"
                onClick={() => go('payments')}
              >
                {t('tax.notices.take_payment')}
              </button>
            )}
          </div>
          {printed && !printFailed && (
            <p role="status" data-testid="tax-print-notice" data-status={printed.print?.status ?? ''}>
              {t('tax.notices.printed', { number: printed.notice.number })}
            </p>
          )}
          {printed && printFailed && (
            <div class="alert alert-error" role="alert" data-testid="tax-print-notice" data-status="failed">
              <p>{t('tax.notices.print_failed', { reason: failReason })}</p>
              <button
                type="button"
                class="button"
                data-testid="tax-print-retry"
                disabled={busy}
                onClick={() => void reprint(printed.notice.id)}
              >
                {t('tax.notices.print_again')}
              </button>
            </div>
          )}
          {paidWarning && (
            <p class="alert alert-warning" role="status" data-testid="tax-notice-paid-warning">
              {paidWarning}
            </p>
          )}
          {savedPath && (
            <p role="status" data-testid="tax-pdf-saved">
              {t('tax.notices.pdf_saved', { path: savedPath })}
            </p>
          )}
          {notice?.instalmentsAllowed && (
            <fieldset class="tax-instalments" data-testid="tax-instalments">
              <legend>{t('tax.notices.instalments')}</legend>
              {[1, 2, 3].map((n) => (
                <label key={n}>
                  <input
                    type="radio"
                    name="tax-instalments"
                    data-testid={`tax-instalments-${n}`}
                    checked={notice.instalments === n}
                    disabled={busy}
                    onChange={() => void instalments(notice.id, n)}
                  />{' '}
                  {t('tax.notices.instalments_n', { n: String(n) })}
                </label>
              ))}
              {preview.instalmentPlan.length > 0 && (
                <ul class="muted">
                  {preview.instalmentPlan.map((i) => (
                    <li key={i.number}>
                      {t('tax.notices.instalment_line', {
                        n: String(i.number),
                        amount: formatBaht(i.amount),
                        date: formatIsoDate(i.due, lang.value),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
          )}
        </>
      )}
    </section>
  );
}

function AssessmentTable({ parts }: { parts: PartAssessment[] }) {
  return (
    <table class="table tax-assessment" data-testid="tax-assessment">
      <caption class="sr-only">{t('tax.notices.table_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tax.notices.col.part')}</th>
          <th scope="col">{t('tax.notices.col.value')}</th>
          <th scope="col">{t('tax.notices.col.exemption')}</th>
          <th scope="col">{t('tax.notices.col.bands')}</th>
          <th scope="col">{t('tax.notices.col.reduction')}</th>
          <th scope="col">{t('tax.notices.col.tax')}</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((p, i) => (
          <tr key={i} data-testid="tax-assessment-part">
            <th scope="row">
              {i + 1}. {t(USE_LABEL[p.use])}
              {p.label ? <div class="muted">{p.label}</div> : null}
            </th>
            <td class="num">{formatBaht(p.value)}</td>
            <td class="num">{formatBaht(p.exemption)}</td>
            <td>
              <ul class="tax-bands">
                {p.bands.map((b, k) => (
                  <li key={k}>
                    {t('tax.notices.band', {
                      from: formatBaht(b.from),
                      to: formatBaht(b.to),
                      rate: b.ratePercent,
                      tax: formatBaht(b.tax),
                    })}
                  </li>
                ))}
              </ul>
            </td>
            <td class="num">{p.reductionPercent === '0' ? '–' : `${p.reductionPercent} %`}</td>
            <td class="num">{formatBaht(p.tax)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type BatchState = {
  done: number;
  total: number;
  last: string | null;
  made: number;
  problems: string[];
  /** Notices with payments whose tax changed: kept, or replaced when told to reassess. */
  paid: PaidNotice[];
  folder: string | null;
  running: boolean;
  finished: boolean;
};

/** A taxpayer as a batch line names them, so staff can find the record: name (masked ID). */
function who(name: string, idNoMasked: string | null): string {
  return idNoMasked ? t('tax.notices.taxpayer_with_id', { name, id: idNoMasked }) : name;
}

/** A whole year's notices: to PDF files or the printer, a step at a time, with cancel and resume. */
function BatchSection({ years, initialYear }: { years: number[]; initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const [toPrinter, setToPrinter] = useState(false);
  const [reassess, setReassess] = useState(false);
  const [state, setState] = useState<BatchState | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const cancelled = useRef(false);

  const run = async (after: string | null, base: BatchState | null) => {
    cancelled.current = false;
    setError(null);
    let current: BatchState = base ?? {
      done: 0,
      total: 0,
      last: null,
      made: 0,
      problems: [],
      paid: [],
      folder: null,
      running: true,
      finished: false,
    };
    current = { ...current, running: true };
    setState(current);
    let cursor = after;
    try {
      for (;;) {
        const step = await batchStep(year, cursor, BATCH_STEP, toPrinter, reassess);
        const p = step.progress;
        current = {
          ...current,
          done: p.done,
          total: p.total,
          last: p.last,
          made: current.made + step.made,
          problems: [
            ...current.problems,
            ...p.failures.map((f) =>
              t('tax.notices.batch_failure', { who: who(f.taxpayerName, f.idNoMasked), message: f.message }),
            ),
            ...step.problems,
          ],
          paid: [...current.paid, ...p.paid],
          folder: step.folder ?? current.folder,
          finished: p.done >= p.total,
        };
        setState(current);
        cursor = p.last;
        // `cancelled` is set by the Cancel button while a step runs.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (current.finished || cancelled.current) break;
      }
    } catch (caught) {
      setError(toIpcError(caught));
    }
    setState({ ...current, running: false });
  };

  const percent = state && state.total > 0 ? Math.round((100 * state.done) / state.total) : 0;

  return (
    <section class="card tax-batch" aria-labelledby="tax-batch-title">
      <h2 id="tax-batch-title">{t('tax.notices.batch_title')}</h2>
      <p class="muted">{t('tax.notices.batch_intro')}</p>
      <div class="field">
        <label class="field-label" for="tax-batch-year">
          {t('tax.notices.year')}
        </label>
        <select
          id="tax-batch-year"
          data-testid="tax-batch-year"
          value={String(year)}
          disabled={state?.running}
          onChange={(e) => {
            setYear(Number(e.currentTarget.value));
            setState(null);
          }}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="field" disabled={state?.running}>
        <legend class="field-label">{t('tax.notices.batch_to')}</legend>
        <label>
          <input
            type="radio"
            name="tax-batch-to"
            data-testid="tax-batch-to-pdf"
            checked={!toPrinter}
            onChange={() => setToPrinter(false)}
          />{' '}
          {t('tax.notices.batch_to_pdf')}
        </label>{' '}
        <label>
          <input
            type="radio"
            name="tax-batch-to"
            data-testid="tax-batch-to-printer"
            checked={toPrinter}
            onChange={() => setToPrinter(true)}
          />{' '}
          {t('tax.notices.batch_to_printer')}
        </label>
      </fieldset>
      <div class="field">
        <label>
          <input
            type="checkbox"
            data-testid="tax-batch-reassess"
            checked={reassess}
            disabled={state?.running}
            onChange={(e) => setReassess(e.currentTarget.checked)}
          />{' '}
          {t('tax.notices.batch_reassess')}
        </label>
      </div>
      <div class="actions">
        <button
          type="button"
          class="button button-primary"
          data-testid="tax-batch-start"
          disabled={state?.running}
          onClick={() => void run(null, null)}
        >
          {t('tax.notices.batch_start')}
        </button>
        {state?.running && (
          <button
            type="button"
            class="button"
            data-testid="tax-batch-cancel"
            onClick={() => {
              cancelled.current = true;
            }}
          >
            {t('tax.notices.batch_cancel')}
          </button>
        )}
        {state && !state.running && !state.finished && (
          <button
            type="button"
            class="button"
            data-testid="tax-batch-resume"
            onClick={() => void run(state.last, state)}
          >
            {t('tax.notices.batch_resume')}
          </button>
        )}
      </div>
      <ErrorAlert error={error} />
      {state && (
        <div data-testid="tax-batch-status">
          <progress
            data-testid="tax-batch-progress"
            max={state.total || 1}
            value={state.done}
            aria-label={t('tax.notices.batch_progress_label')}
          >
            {percent}%
          </progress>
          <p role="status">
            {t('tax.notices.batch_progress', {
              done: String(state.done),
              total: String(state.total),
              made: String(state.made),
            })}
          </p>
          {!state.running && state.finished && (
            <p data-testid="tax-batch-done">
              {state.folder
                ? t('tax.notices.batch_done_folder', { folder: state.folder })
                : t('tax.notices.batch_done')}
            </p>
          )}
          {!state.running && !state.finished && <p>{t('tax.notices.batch_stopped')}</p>}
          {state.problems.length > 0 && (
            <ul class="alert alert-error" data-testid="tax-batch-problems">
              {state.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
          {state.paid.length > 0 && (
            <div class="alert alert-warning" data-testid="tax-batch-paid">
              <p>{t('tax.notices.batch_paid_title', { count: String(state.paid.length) })}</p>
              <ul>
                {state.paid.map((n, i) => (
                  <li key={i} data-testid="tax-batch-paid-item" data-kept={String(n.kept)}>
                    {t('tax.notices.batch_failure', { who: who(n.taxpayerName, n.idNoMasked), message: n.message })}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
