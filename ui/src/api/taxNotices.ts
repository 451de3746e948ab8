/**
 * Tax settings and assessment notices: each tax year's calendar, the office's biller ID and this PC's notice
 * number block; one taxpayer's assessment and notice (issue, print, save as PDF, instalments); a whole year
 * in steps that the screen loops over (cancellable, resumable). Core checks every permission and every rule.
 */
import type { Assessment } from '../generated/Assessment';
import type { BandTax } from '../generated/BandTax';
import type { BatchProgress } from '../generated/BatchProgress';
import type { BatchStepResult } from '../generated/BatchStepResult';
import type { PaidNotice } from '../generated/PaidNotice';
import type { PlannedInstalment } from '../generated/PlannedInstalment';
import type { Notice } from '../generated/Notice';
import type { NoticePreview } from '../generated/NoticePreview';
import type { NoticePrint } from '../generated/NoticePrint';
import type { PartAssessment } from '../generated/PartAssessment';
import type { TaxSettingsView } from '../generated/TaxSettingsView';
import type { TaxYearSettings } from '../generated/TaxYearSettings';
import type { Use } from '../generated/Use';
import { call } from './call';

export type {
  Assessment,
  BandTax,
  BatchProgress,
  BatchStepResult,
  PaidNotice,
  PlannedInstalment,
  Notice,
  NoticePreview,
  NoticePrint,
  PartAssessment,
  TaxSettingsView,
  TaxYearSettings,
  Use,
};

/** `tax_settings`: every year's calendar, the biller ID, the office's tax ID and this PC's notice block. */
export function taxSettings(): Promise<TaxSettingsView> {
  return call<TaxSettingsView>('tax_settings');
}

/** `tax_year_save`: saves one tax year's calendar (and own rates/reductions); core validates it. */
export function saveTaxYear(year: TaxYearSettings): Promise<TaxYearSettings> {
  return call<TaxYearSettings>('tax_year_save', { year });
}

/** `tax_built_in_rules`: the built-in rates and reductions of a year as JSON text, to start a table from. */
export function builtInRules(taxYear: number): Promise<string> {
  return call<string>('tax_built_in_rules', { taxYear });
}

/** `tax_check_rules`: checks a rate table / reductions typed as JSON; resolves with them parsed. */
export function checkRules(
  rates: string | null,
  reductions: string | null,
): Promise<{ rates: unknown; reductions: unknown }> {
  return call<{ rates: unknown; reductions: unknown }>('tax_check_rules', { rates, reductions });
}

/** `tax_biller_set`: sets the office's 15-digit biller ID; resolves with it cleaned. */
export function setBillerId(billerId: string): Promise<string> {
  return call<string>('tax_biller_set', { billerId });
}

/** `tax_notice_block_set`: sets this PC's notice number block (1–99). */
export function setNoticeBlock(block: number): Promise<number> {
  return call<number>('tax_notice_block_set', { block });
}

/** `tax_notice_preview`: the taxpayer's assessment as the register stands now, and the current notice. */
export function noticePreview(taxpayerId: string, taxYear: number): Promise<NoticePreview> {
  return call<NoticePreview>('tax_notice_preview', { taxpayerId, taxYear });
}

/**
 * `tax_issue_notice`: issues (or reuses) the notice; with `print`, prints it. Resolves with the notice even
 * when it did not print (`print.status === 'failed'` or `printError`).
 */
export function issueNotice(taxpayerId: string, taxYear: number, print: boolean): Promise<NoticePrint> {
  return call<NoticePrint>('tax_issue_notice', { taxpayerId, taxYear, print });
}

/** `tax_print_notice`: prints a notice (again). */
export function printNotice(noticeId: string): Promise<NoticePrint> {
  return call<NoticePrint>('tax_print_notice', { noticeId });
}

/** `tax_save_notice_pdf`: saves the notice as a PDF in the year's notices folder; resolves with its path. */
export function saveNoticePdf(noticeId: string): Promise<string> {
  return call<string>('tax_save_notice_pdf', { noticeId });
}

/** `tax_set_instalments`: 1, 2 or 3 instalments (more than one needs a tax of 3,000 baht or more). */
export function setInstalments(noticeId: string, count: number): Promise<Notice> {
  return call<Notice>('tax_set_instalments', { noticeId, count });
}

/**
 * `tax_notice_batch_step`: the next `max` taxpayers' notices of a year, to PDF files or to the printer. A
 * notice that already has payments is replaced by a changed tax only with `reassess` (reported either way).
 */
export function batchStep(
  taxYear: number,
  after: string | null,
  max: number,
  print: boolean,
  reassess = false,
): Promise<BatchStepResult> {
  return call<BatchStepResult>('tax_notice_batch_step', { taxYear, after, max, print, reassess });
}
