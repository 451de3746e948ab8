/**
 * Printing: this PC's routes (printer and paper per kind of document), the CUPS printer list, test pages, and
 * the print jobs with their failures and reprints.
 *
 * A printer that fails does not reject: the command resolves with a job whose `status` is `failed` and whose
 * `reason` is already in the user's language. Rejections are for what stopped the job from being recorded at
 * all (no permission, a route the core refuses, CUPS not running for the printer list).
 */
import type { Destination } from '../generated/Destination';
import type { DocumentKind } from '../generated/DocumentKind';
import type { JobStatus } from '../generated/JobStatus';
import type { Paper } from '../generated/Paper';
import type { PrinterInfo } from '../generated/PrinterInfo';
import type { PrinterState } from '../generated/PrinterState';
import type { PrintJob } from '../generated/PrintJob';
import type { Route } from '../generated/Route';
import { call } from './call';

export type { Destination, DocumentKind, JobStatus, Paper, PrinterInfo, PrinterState, PrintJob, Route };

/** Told when a print from this window (a test page or a reprint) finished, whatever its outcome. */
export type PrintJobsListener = (job: PrintJob) => void;

const printJobsListeners = new Set<PrintJobsListener>();

/**
 * Calls `listener` after every test page or reprint made through this module, so that whoever counts the
 * failures (the status bar) can look again at once instead of waiting for its next poll. Returns the function
 * that removes the listener.
 */
export function onPrintJobsChanged(listener: PrintJobsListener): () => void {
  printJobsListeners.add(listener);
  return () => {
    printJobsListeners.delete(listener);
  };
}

function printed(job: PrintJob): PrintJob {
  for (const listener of [...printJobsListeners]) listener(job);
  return job;
}

/** `list_printers`: the CUPS queues of this PC (administrators and supervisors); rejects when CUPS is not running. */
export function listPrinters(): Promise<PrinterInfo[]> {
  return call<PrinterInfo[]>('list_printers');
}

/** `get_print_routes`: the route of every kind of document on this PC, in the core's order. */
export function getPrintRoutes(): Promise<Route[]> {
  return call<Route[]>('get_print_routes');
}

/** `set_print_route`: saves one kind's route (validated by the core); returns every route as stored. */
export function setPrintRoute(route: Route): Promise<Route[]> {
  return call<Route[]>('set_print_route', { route });
}

/** `print_test_page`: prints a test page on the route of `kind`; resolves with the job, printed or not. */
export function printTestPage(kind: DocumentKind): Promise<PrintJob> {
  return call<PrintJob>('print_test_page', { kind }).then(printed);
}

/** `list_print_jobs`: recent jobs, newest first (the user's own; everyone's for those who manage printers). */
export function listPrintJobs(problemsOnly: boolean): Promise<PrintJob[]> {
  return call<PrintJob[]>('list_print_jobs', { problemsOnly });
}

/** `reprint_job`: prints job `id`'s document again on today's route, as a new job; resolves with that job. */
export function reprintJob(id: string): Promise<PrintJob> {
  return call<PrintJob>('reprint_job', { id }).then(printed);
}

/** `refresh_print_jobs`: brings queued jobs up to date, then lists the jobs that did not print. */
export function refreshPrintJobs(): Promise<PrintJob[]> {
  return call<PrintJob[]>('refresh_print_jobs');
}
