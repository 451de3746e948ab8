/** What the printers and print-jobs sections share: names of kinds, papers and statuses, and a job's outcome. */
import type { DocumentKind, JobStatus, Paper, PrinterState, PrintJob } from '../../api/printing';
import { t, type MessageKey } from '../../i18n';

const KIND_LABELS: Record<DocumentKind, MessageKey> = {
  queue_slip: 'print.kind.queue_slip',
  request_slip: 'print.kind.request_slip',
  tax_notice: 'print.kind.tax_notice',
  receipt: 'print.kind.receipt',
  report: 'print.kind.report',
  test_page: 'print.kind.test_page',
};

/** The papers in the order the selects offer them (core's `Paper::ALL`). */
export const PAPERS: readonly Paper[] = ['a4', 'a5', '80mm', '58mm'];

const PAPER_LABELS: Record<Paper, MessageKey> = {
  a4: 'print.paper.a4',
  a5: 'print.paper.a5',
  '80mm': 'print.paper.80mm',
  '58mm': 'print.paper.58mm',
};

const PRINTER_STATES: Record<PrinterState, { label: MessageKey; badge: string }> = {
  idle: { label: 'printers.state.idle', badge: 'badge-ok' },
  printing: { label: 'printers.state.printing', badge: 'badge-pending' },
  stopped: { label: 'printers.state.stopped', badge: 'badge-failed' },
};

/** How a job's status reads; `reprinted` is a job that did not print but was printed again since. */
export type ShownStatus = JobStatus | 'reprinted';

const STATUSES: Record<ShownStatus, { label: MessageKey; badge: string }> = {
  sending: { label: 'print.status.sending', badge: 'badge-pending' },
  queued: { label: 'print.status.queued', badge: 'badge-pending' },
  sent: { label: 'print.status.sent', badge: 'badge-ok' },
  failed: { label: 'print.status.failed', badge: 'badge-failed' },
  reprinted: { label: 'print.status.reprinted', badge: 'badge-ok' },
};

/** The kind of document's name (บัตรคิว, ใบเสร็จรับเงิน, …). */
export function kindLabel(kind: DocumentKind): string {
  return t(KIND_LABELS[kind]);
}

/** The paper's name (A4, ม้วน 80 มม., …). */
export function paperLabel(paper: Paper): string {
  return t(PAPER_LABELS[paper]);
}

/** A job's printer as people read it: the CUPS queue's name, "receipt printer ADDRESS", or "no printer chosen". */
export function destinationText(destination: string): string {
  if (destination.startsWith('cups:')) return destination.slice('cups:'.length);
  if (destination.startsWith('escpos:')) return t('print.dest_escpos', { target: destination.slice('escpos:'.length) });
  return destination === '' ? t('print.dest_none') : destination;
}

/** A CUPS queue's state as a badge: พร้อม, กำลังพิมพ์, หยุด. */
export function PrinterStateBadge({ state }: { state: PrinterState }) {
  const { label, badge } = PRINTER_STATES[state];
  return <span class={`badge ${badge}`}>{t(label)}</span>;
}

/** A job's status as a badge: green when printed, red when not, amber while waiting. */
export function JobStatusBadge({ status }: { status: ShownStatus }) {
  const { label, badge } = STATUSES[status];
  return <span class={`badge ${badge}`}>{t(label)}</span>;
}

type OutcomeProps = {
  job: PrintJob;
  /** The test id of the outcome; its reprint button gets `<testId>-reprint`. */
  testId: string;
  busy: boolean;
  onReprint: () => void;
};

/** What became of one print (a test page): its status, printer, the reason it failed, and "print again". */
export function JobOutcome({ job, testId, busy, onReprint }: OutcomeProps) {
  return (
    <div class="job-outcome" data-testid={testId} data-status={job.status}>
      <JobStatusBadge status={job.status} />
      <span class="muted">{destinationText(job.destination)}</span>
      {job.reason && (
        <p class="job-reason" data-testid={`${testId}-reason`}>
          {job.reason}
        </p>
      )}
      {job.status === 'failed' && (
        <button
          type="button"
          class="button button-secondary button-small"
          data-testid={`${testId}-reprint`}
          aria-label={t('print.reprint_of', { title: kindLabel(job.kind) })}
          disabled={busy}
          onClick={onReprint}
        >
          {busy ? t('print.reprinting') : t('print.reprint')}
        </button>
      )}
    </div>
  );
}
