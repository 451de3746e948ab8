/**
 * Tax payments and receipts: find a notice, what it owes today, take a payment (the receipt prints at once),
 * reprint, void (supervisors), verify a receipt's QR, the day's cash summary, the control register, the
 * arrears and the receipt books of this PC. Core checks every permission and every rule.
 *
 * Money is integer satang (`Satang` = number); `formatBaht` shows it as `1,234.50`.
 */
import type { Arrears } from '../generated/Arrears';
import type { ArrearsLine } from '../generated/ArrearsLine';
import type { BookControl } from '../generated/BookControl';
import type { CashSummary } from '../generated/CashSummary';
import type { ClerkCash } from '../generated/ClerkCash';
import type { ControlRegister } from '../generated/ControlRegister';
import type { InstalmentDue } from '../generated/InstalmentDue';
import type { Method } from '../generated/Method';
import type { MethodTotal } from '../generated/MethodTotal';
import type { Outstanding } from '../generated/Outstanding';
import type { PayableNotice } from '../generated/PayableNotice';
import type { PaymentInput } from '../generated/PaymentInput';
import type { PrintJob } from '../generated/PrintJob';
import type { Quote } from '../generated/Quote';
import type { Receipt } from '../generated/Receipt';
import type { ReceiptBook } from '../generated/ReceiptBook';
import type { ReceiptItem } from '../generated/ReceiptItem';
import type { ReceiptPrint } from '../generated/ReceiptPrint';
import type { ReceiptStatus } from '../generated/ReceiptStatus';
import type { Stage } from '../generated/Stage';
import type { VerifiedReceipt } from '../generated/VerifiedReceipt';
import { call } from './call';

export type {
  Arrears,
  ArrearsLine,
  BookControl,
  CashSummary,
  ClerkCash,
  ControlRegister,
  InstalmentDue,
  Method,
  MethodTotal,
  Outstanding,
  PayableNotice,
  PaymentInput,
  Quote,
  Receipt,
  ReceiptBook,
  ReceiptItem,
  ReceiptPrint,
  ReceiptStatus,
  Stage,
  VerifiedReceipt,
};

/** Every payment method, in the screen's order (core's `Method::ALL`). */
export const METHODS: readonly Method[] = ['cash', 'transfer', 'cheque'];

/** Satang as baht with thousands commas and two decimals: 123450 → `1,234.50`. */
export function formatBaht(satang: number): string {
  const sign = satang < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(satang));
  const baht = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${baht}.${String(abs % 100).padStart(2, '0')}`;
}

/** Baht text (`1,234.5`, `1234.50`) as satang, or `null` when it is not an amount with at most two decimals. */
export function parseBaht(text: string): number | null {
  const clean = text.trim().replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** `tax_find_notice`: a notice by its number, or by the text scanned from its Thai QR or barcode. */
export function findNotice(input: string): Promise<PayableNotice> {
  return call<PayableNotice>('tax_find_notice', { input });
}

/** `tax_payable_notices`: a taxpayer's notices with what each still owes. */
export function payableNotices(taxpayerId: string): Promise<PayableNotice[]> {
  return call<PayableNotice[]>('tax_payable_notices', { taxpayerId });
}

/** `tax_outstanding`: what a notice owes if paid on `paidOn` (default today), per instalment. */
export function outstanding(noticeId: string, paidOn: string | null = null): Promise<Outstanding> {
  return call<Outstanding>('tax_outstanding', { noticeId, paidOn });
}

/**
 * `tax_quote`: what paying `taxAmount` (satang) on the notice collects on `paidOn` (default today), with the
 * kept-extension surcharge when asked: the same allocation and charges `tax_pay` records. Writes nothing.
 */
export function quote(
  noticeId: string,
  taxAmount: number,
  paidOn: string | null = null,
  extensionKept = false,
): Promise<Quote> {
  return call<Quote>('tax_quote', { noticeId, taxAmount, paidOn, extensionKept });
}

/**
 * `tax_pay`: takes a payment and prints its receipt. Resolves with the receipt even when it did not print
 * (`print.status === 'failed'` or `printError`); rejects only when no payment was taken.
 */
export function pay(input: PaymentInput): Promise<ReceiptPrint> {
  return call<ReceiptPrint>('tax_pay', { input });
}

/** `tax_reprint_receipt`: prints a receipt again as it stands (a voided one with its stamp). */
export function reprintReceipt(receiptId: string): Promise<ReceiptPrint> {
  return call<ReceiptPrint>('tax_reprint_receipt', { receiptId });
}

/** `tax_notice_receipts`: the receipts counted for a notice (its own and those on notices it superseded). */
export function noticeReceipts(noticeId: string): Promise<Receipt[]> {
  return call<Receipt[]>('tax_notice_receipts', { noticeId });
}

/** `tax_void_receipt` (supervisors): voids a receipt with a reason; it keeps its number. */
export function voidReceipt(receiptId: string, reason: string): Promise<Receipt> {
  return call<Receipt>('tax_void_receipt', { receiptId, reason });
}

/** `tax_verify_receipt`: checks a receipt QR's text; rejects with what is wrong. */
export function verifyReceipt(payload: string): Promise<VerifiedReceipt> {
  return call<VerifiedReceipt>('tax_verify_receipt', { payload });
}

/** `tax_cash_summary`: the day's takings per clerk and method (default today, everyone). */
export function cashSummary(day: string | null = null, userId: string | null = null): Promise<CashSummary> {
  return call<CashSummary>('tax_cash_summary', { day, userId });
}

/** `tax_print_cash_summary`: prints the day's cash summary on the report route. */
export function printCashSummary(day: string | null = null): Promise<PrintJob> {
  return call<PrintJob>('tax_print_cash_summary', { day });
}

/** `tax_control_register`: every receipt number of a fiscal year accounted for (default the current one). */
export function controlRegister(fiscalYear: number | null = null): Promise<ControlRegister> {
  return call<ControlRegister>('tax_control_register', { fiscalYear });
}

/** `tax_arrears`: a tax year's notices not fully paid, with late charges as of a date (default today). */
export function arrears(taxYear: number, asOf: string | null = null): Promise<Arrears> {
  return call<Arrears>('tax_arrears', { taxYear, asOf });
}

/** `tax_receipt_books`: the receipt books (of one fiscal year). */
export function receiptBooks(fiscalYear: number | null = null): Promise<ReceiptBook[]> {
  return call<ReceiptBook[]>('tax_receipt_books', { fiscalYear });
}

/** `tax_assign_book` (finance head, supervisors): gives this PC a receipt book. */
export function assignBook(fiscalYear: number, bookNo: number, firstNo: number, lastNo: number): Promise<ReceiptBook> {
  return call<ReceiptBook>('tax_assign_book', { fiscalYear, bookNo, firstNo, lastNo });
}
