import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../../api/errors';
import {
  arrears as loadArrears,
  cashSummary as loadCashSummary,
  controlRegister as loadRegister,
  findNotice,
  formatBaht,
  METHODS,
  noticeReceipts,
  outstanding as loadOutstanding,
  parseBaht,
  pay,
  payableNotices,
  printCashSummary,
  quote as loadQuote,
  reprintReceipt,
  verifyReceipt,
  voidReceipt,
  type Arrears,
  type CashSummary,
  type ControlRegister,
  type Method,
  type Outstanding,
  type PayableNotice,
  type Quote,
  type Receipt,
  type ReceiptPrint,
  type VerifiedReceipt,
} from '../../../api/taxPayments';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ThaiDateInput } from '../../../components/ThaiDateInput';
import { t, type MessageKey } from '../../../i18n';
import type { TaxPanelProps } from '../TaxArea';
import {
  asciiOfKey,
  BARCODE_SEPARATOR,
  barcodeComplete,
  barcodeNeedsSeparator,
  lookupText,
  SCAN_SETTLE_MS,
} from './scan';

const METHOD_LABEL: Record<Method, MessageKey> = {
  cash: 'tax.pay.method.cash',
  transfer: 'tax.pay.method.transfer',
  cheque: 'tax.pay.method.cheque',
};

/** `YYYY-MM-DD` as `D/M/YYYY` in B.E. (how the counter writes dates). */
function dateBE(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])}/${Number(m[2])}/${Number(m[1]) + 543}` : iso;
}

/** Today in office time (UTC+7), `YYYY-MM-DD`. */
function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** How long the amount must rest before the quote is asked for. */
const QUOTE_DEBOUNCE_MS = 250;

async function attempt<T>(f: () => Promise<T>, onError: (e: IpcError) => void): Promise<T | null> {
  try {
    return await f();
  } catch (e) {
    onError(toIpcError(e));
    return null;
  }
}

/**
 * Taking payments at the counter: find the notice (the picked taxpayer's, or a number typed or scanned), see
 * what it owes today per instalment with penalty and surcharge, take the tax portion (the next instalment by
 * default) by cash, transfer or cheque (a transfer or cheque may carry the bank's earlier date), with what to
 * collect shown live before the button, and the receipt prints at once. Payments on notices a reassessment
 * superseded count; an overpaid year takes no payment. Below: the receipts counted for the notice (reprint;
 * supervisors void), a verify box for a receipt's QR, and the cash summary of a day, the control register and
 * the arrears.
 */
export function PaymentsPanel({ permissions, taxpayerId }: TaxPanelProps) {
  const canVoid = permissions.includes('voidReceipt');
  const [lookup, setLookup] = useState('');
  const [choices, setChoices] = useState<PayableNotice[]>([]);
  const [owed, setOwed] = useState<Outstanding | null>(null);
  const [receipts, setReceipts] = useState<Receipt[]>([]);
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<Method>('cash');
  const [reference, setReference] = useState('');
  const [bank, setBank] = useState('');
  const [chequeNo, setChequeNo] = useState('');
  const [payer, setPayer] = useState('');
  const [bankDate, setBankDate] = useState('');
  const [extensionKept, setExtensionKept] = useState(false);
  const [quote, setQuote] = useState<Quote | IpcError | null>(null);
  const [focus, setFocus] = useState<'amount' | 'lookup' | null>(null);
  const lookupRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  // The receipt just printed: taken now, or printed again (a voided one as its cancelled copy).
  const [done, setDone] = useState<(ReceiptPrint & { reprint: boolean }) | null>(null);
  const [voiding, setVoiding] = useState<Receipt | null>(null);
  const [voidWhy, setVoidWhy] = useState('');
  const [voidMissing, setVoidMissing] = useState(false);
  const [voided, setVoided] = useState<Receipt | null>(null);
  const voidRef = useRef<HTMLInputElement>(null);
  const scanTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!taxpayerId) return;
    void attempt(() => payableNotices(taxpayerId), setError).then(async (list) => {
      if (!list) return;
      setChoices(list);
      // One notice to pay (the usual case at the counter): open it at once.
      const only = list.length === 1 ? list[0] : undefined;
      if (only) await open(only.noticeId);
    });
  }, [taxpayerId]);

  // Focus follows the work: the amount when a notice opens, the lookup once a receipt has printed.
  useEffect(() => {
    if (focus === null) return;
    (focus === 'amount' ? amountRef.current : lookupRef.current)?.focus();
    setFocus(null);
  }, [focus]);

  const paidOn = method === 'cash' ? null : bankDate || null;

  // What to collect, asked of core (the same allocation and charges the payment uses) once typing rests.
  useEffect(() => {
    setQuote(null);
    if (!owed || owed.unpaid === 0 || owed.noticeStatus !== 'issued') return;
    const satang = parseBaht(amount);
    if (satang === null) return;
    let current = true;
    const timer = setTimeout(() => {
      void loadQuote(owed.noticeId, satang, paidOn, extensionKept).then(
        (q) => current && setQuote(q),
        (e: unknown) => current && setQuote(toIpcError(e)),
      );
    }, QUOTE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [owed, amount, paidOn, extensionKept]);

  const open = async (noticeId: string, then: 'amount' | 'lookup' = 'amount') => {
    setError(null);
    const o = await attempt(() => loadOutstanding(noticeId), setError);
    if (!o) return;
    setOwed(o);
    setAmount(formatBaht(o.suggested));
    setReceipts((await attempt(() => noticeReceipts(noticeId), setError)) ?? []);
    setFocus(then);
  };

  const lookUp = async (text: string) => {
    clearTimeout(scanTimer.current);
    setDone(null);
    setVoided(null);
    const found = await attempt(() => findNotice(lookupText(text)), setError);
    if (found) await open(found.noticeId);
  };

  const find = (e: Event) => {
    e.preventDefault();
    void lookUp(lookup);
  };

  /**
   * What a scanner (or a person) types into the lookup: a barcode's CR arrives as Enter and separates its
   * parts instead of submitting; `|` starts a new barcode over whatever was in the box; a key typed with the
   * Thai layout on counts as the key's own character (a scanner sends keys, not letters).
   */
  const lookupKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    const box = e.currentTarget as HTMLInputElement;
    const text = box.value;
    const typed =
      e.key === 'Enter' ? (barcodeNeedsSeparator(text) ? BARCODE_SEPARATOR : null) : (asciiOfKey(e) ?? e.key);
    if (typed === null || (e.key !== 'Enter' && typed === e.key && typed !== '|')) return;
    e.preventDefault();
    const start = box.selectionStart ?? text.length;
    const next = typed === '|' ? '|' : text.slice(0, start) + typed + text.slice(box.selectionEnd ?? start);
    box.value = next;
    const caret = typed === '|' ? 1 : start + typed.length;
    box.setSelectionRange(caret, caret);
    setLookup(next);
  };

  // A whole barcode looks itself up once the scanner has stopped typing (it may or may not end with Enter).
  useEffect(() => {
    if (!barcodeComplete(lookup)) return;
    scanTimer.current = setTimeout(() => void lookUp(lookup), SCAN_SETTLE_MS);
    return () => clearTimeout(scanTimer.current);
  }, [lookup]);

  const referenceText = method === 'transfer' ? reference : method === 'cheque' ? `${bank} ${chequeNo}`.trim() : '';

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!owed) return;
    const satang = parseBaht(amount);
    if (satang === null) {
      setError({ code: 'validation', message: t('tax.pay.amount_invalid') });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await attempt(
      () =>
        pay({
          noticeId: owed.noticeId,
          taxAmount: satang,
          method,
          reference: referenceText || null,
          payerName: payer.trim() || null,
          paidOn,
          extensionKept,
        }),
      setError,
    );
    setBusy(false);
    if (result) {
      // Ready for the next person: cash, no reference, no payer, the next instalment offered, the lookup empty.
      setDone({ ...result, reprint: false });
      setVoided(null);
      setMethod('cash');
      setReference('');
      setBank('');
      setChequeNo('');
      setBankDate('');
      setPayer('');
      setExtensionKept(false);
      setLookup('');
      await open(owed.noticeId, 'lookup');
      await refreshChoices();
    }
  };

  const reprint = async (id: string) => {
    setVoided(null);
    const result = await attempt(() => reprintReceipt(id), setError);
    if (result) setDone({ ...result, reprint: true });
  };

  const startVoid = (r: Receipt) => {
    setVoiding(r);
    setVoidWhy('');
    setVoidMissing(false);
    setVoided(null);
  };

  useEffect(() => {
    if (voiding) voidRef.current?.focus();
  }, [voiding]);

  const confirmVoid = async (e: Event) => {
    e.preventDefault();
    if (!voiding) return;
    if (!voidWhy.trim()) {
      setVoidMissing(true);
      voidRef.current?.focus();
      return;
    }
    const r = await attempt(() => voidReceipt(voiding.id, voidWhy.trim()), setError);
    if (r && owed) {
      setVoiding(null);
      setVoidWhy('');
      setDone(null);
      setVoided(r);
      await open(owed.noticeId);
      await refreshChoices();
    }
  };

  /** The picked taxpayer's notices and what each still owes, read again after money changed hands. */
  const refreshChoices = async () => {
    if (!taxpayerId) return;
    const list = await attempt(() => payableNotices(taxpayerId), setError);
    if (list) setChoices(list);
  };

  const printFailure =
    done && (done.printError?.message ?? (done.print?.status === 'failed' ? done.print.reason : null));

  return (
    <div class="tax-payments" data-testid="tax-payments">
      <form class="tax-pay-find" onSubmit={find}>
        <label for="tax-pay-notice">{t('tax.pay.notice')}</label>
        <input
          id="tax-pay-notice"
          ref={lookupRef}
          data-testid="tax-pay-notice"
          value={lookup}
          onInput={(e) => setLookup(e.currentTarget.value)}
          onKeyDown={lookupKey}
          onFocus={(e) => e.currentTarget.select()}
          autoComplete="off"
          spellcheck={false}
          placeholder={t('tax.pay.notice_hint')}
        />
        <button type="submit" class="button" data-testid="tax-pay-find">
          {t('tax.pay.find')}
        </button>
      </form>
      {choices.length > 0 && (
        <ul class="tax-pay-choices" aria-label={t('tax.pay.taxpayer_notices')}>
          {choices.map((n, i) => (
            <li key={n.noticeId}>
              <button
                type="button"
                class="button button-secondary"
                data-testid={`tax-pay-choice-${String(i)}`}
                onClick={() => void open(n.noticeId)}
              >
                {t('tax.pay.notice_choice', { number: n.number, year: n.taxYear, unpaid: formatBaht(n.unpaid) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {done && (
        <div class="alert alert-success" role="status" data-testid="tax-pay-done">
          <p data-testid="tax-receipt-number">
            {t(
              !done.reprint
                ? 'tax.pay.receipt_number'
                : done.receipt.status === 'voided'
                  ? 'tax.pay.reprinted_voided'
                  : 'tax.pay.reprinted',
              { book: done.receipt.bookNo, number: done.receipt.number },
            )}
          </p>
          {done.receipt.status === 'issued' && (
            <p>{t('tax.pay.receipt_total', { total: formatBaht(done.receipt.total) })}</p>
          )}
          {printFailure ? (
            <p data-testid="tax-pay-print-failed">
              {t('tax.pay.print_failed', { reason: printFailure })}{' '}
              <button type="button" class="button button-secondary" onClick={() => void reprint(done.receipt.id)}>
                {t('tax.pay.reprint')}
              </button>
            </p>
          ) : (
            <p>{t('tax.pay.printed')}</p>
          )}
        </div>
      )}
      {voided && (
        <p class="alert alert-success" role="status" data-testid="tax-void-done">
          {t('tax.pay.voided_done', { book: voided.bookNo, number: voided.number })}
        </p>
      )}
      {owed && (
        <section class="tax-pay-owed" aria-labelledby="tax-pay-owed-title" data-testid="tax-pay-owed">
          <h2 id="tax-pay-owed-title">
            {t('tax.pay.owed_title', { number: owed.noticeNumber, year: owed.taxYear, name: owed.taxpayerName })}
          </h2>
          <table class="table tax-table">
            <thead>
              <tr>
                <th>{t('tax.pay.col.instalment')}</th>
                <th>{t('tax.pay.col.due')}</th>
                <th>{t('tax.pay.col.amount')}</th>
                <th>{t('tax.pay.col.paid')}</th>
                <th>{t('tax.pay.col.unpaid')}</th>
                <th>{t('tax.pay.col.charges')}</th>
              </tr>
            </thead>
            <tbody>
              {owed.instalments.map((i) => (
                <tr key={i.number}>
                  <td>{t('tax.pay.instalment', { k: i.number, n: i.of })}</td>
                  <td>{dateBE(i.dueDate)}</td>
                  <td class="num">{formatBaht(i.amount)}</td>
                  <td class="num">{formatBaht(i.paid)}</td>
                  <td class="num">{formatBaht(i.unpaid)}</td>
                  <td>
                    {i.late.months > 0 && i.unpaid > 0
                      ? t('tax.pay.late', {
                          percent: i.late.penaltyPercent,
                          penalty: formatBaht(i.late.penalty),
                          months: i.late.months,
                          surcharge: formatBaht(i.late.surcharge),
                        })
                      : t('tax.pay.on_time')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="tax-pay-total-due">
            {t('tax.pay.total_due', {
              unpaid: formatBaht(owed.unpaid),
              penalty: formatBaht(owed.penalty),
              surcharge: formatBaht(owed.surcharge),
              total: formatBaht(owed.totalDue),
            })}
          </p>
          {owed.paidEarlier > 0 && (
            <p data-testid="tax-pay-paid-earlier">
              {t('tax.pay.paid_earlier', { amount: formatBaht(owed.paidEarlier) })}
            </p>
          )}
          {owed.overpaid > 0 && (
            <p class="alert alert-warning" role="status" data-testid="tax-pay-overpaid">
              {t('tax.pay.overpaid', { amount: formatBaht(owed.overpaid) })}
            </p>
          )}
          {owed.unpaid > 0 && owed.noticeStatus === 'issued' && (
            <form class="tax-pay-form" onSubmit={(e) => void submit(e)}>
              <label for="tax-pay-amount">{t('tax.pay.amount')}</label>
              <input
                id="tax-pay-amount"
                ref={amountRef}
                data-testid="tax-pay-amount"
                inputMode="decimal"
                value={amount}
                onInput={(e) => setAmount(e.currentTarget.value)}
              />
              <label for="tax-pay-method">{t('tax.pay.method')}</label>
              <select
                id="tax-pay-method"
                data-testid="tax-pay-method"
                value={method}
                onChange={(e) => setMethod(e.currentTarget.value as Method)}
              >
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(METHOD_LABEL[m])}
                  </option>
                ))}
              </select>
              {method === 'transfer' && (
                <>
                  <label for="tax-pay-reference">{t('tax.pay.reference')}</label>
                  <input
                    id="tax-pay-reference"
                    data-testid="tax-pay-reference"
                    value={reference}
                    onInput={(e) => setReference(e.currentTarget.value)}
                  />
                </>
              )}
              {method === 'cheque' && (
                <>
                  <label for="tax-pay-bank">{t('tax.pay.bank')}</label>
                  <input
                    id="tax-pay-bank"
                    data-testid="tax-pay-bank"
                    value={bank}
                    onInput={(e) => setBank(e.currentTarget.value)}
                  />
                  <label for="tax-pay-cheque">{t('tax.pay.cheque_no')}</label>
                  <input
                    id="tax-pay-cheque"
                    data-testid="tax-pay-cheque"
                    value={chequeNo}
                    onInput={(e) => setChequeNo(e.currentTarget.value)}
                  />
                </>
              )}
              {method !== 'cash' && (
                <>
                  <label for="tax-pay-date">{t('tax.pay.bank_date')}</label>
                  <ThaiDateInput
                    id="tax-pay-date"
                    data-testid="tax-pay-date"
                    max={todayIso()}
                    value={bankDate}
                    onValue={setBankDate}
                  />
                </>
              )}
              <label for="tax-pay-payer">{t('tax.pay.payer')}</label>
              <input
                id="tax-pay-payer"
                data-testid="tax-pay-payer"
                value={payer}
                placeholder={owed.taxpayerName}
                onInput={(e) => setPayer(e.currentTarget.value)}
              />
              <label class="checkbox" for="tax-pay-extension">
                <input
                  id="tax-pay-extension"
                  type="checkbox"
                  data-testid="tax-pay-extension"
                  checked={extensionKept}
                  onChange={(e) => setExtensionKept(e.currentTarget.checked)}
                />{' '}
                {t('tax.pay.extension_kept')}
              </label>
              <p data-testid="tax-pay-quote" aria-live="polite" class={quote && !('total' in quote) ? 'error' : ''}>
                {quote === null
                  ? parseBaht(amount) === null
                    ? t('tax.pay.amount_invalid')
                    : t('tax.pay.quote_wait')
                  : 'total' in quote
                    ? t('tax.pay.quote', {
                        total: formatBaht(quote.total),
                        tax: formatBaht(quote.tax),
                        penalty: formatBaht(quote.penalty),
                        surcharge: formatBaht(quote.surcharge),
                      })
                    : quote.message}
              </p>
              <button type="submit" class="button button-primary" data-testid="tax-pay-submit" disabled={busy}>
                {t('tax.pay.submit')}
              </button>
            </form>
          )}
          {receipts.length > 0 && (
            <table class="table tax-table" data-testid="tax-pay-receipts" aria-label={t('tax.pay.receipts')}>
              <thead>
                <tr>
                  <th>{t('tax.pay.col.receipt')}</th>
                  <th>{t('tax.pay.col.date')}</th>
                  <th>{t('tax.pay.col.total')}</th>
                  <th>{t('tax.pay.col.status')}</th>
                  <th>{t('tax.pay.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {receipts.map((r) => (
                  <tr key={r.id} data-testid={`tax-receipt-${r.bookNo}-${r.number}`}>
                    <td>
                      {`${r.bookNo}/${r.number}`}
                      {r.noticeId !== owed.noticeId && (
                        <small>{` ${t('tax.pay.earlier_notice', { number: r.noticeNumber })}`}</small>
                      )}
                    </td>
                    <td>{dateBE(r.paidOn)}</td>
                    <td class="num">{formatBaht(r.total)}</td>
                    <td>
                      {r.status === 'voided'
                        ? t('tax.pay.voided', { reason: r.voidReason ?? '' })
                        : t('tax.pay.issued')}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="button button-secondary"
                        data-testid="tax-receipt-reprint"
                        aria-label={t('tax.pay.reprint_of', { book: r.bookNo, number: r.number })}
                        onClick={() => void reprint(r.id)}
                      >
                        {t('tax.pay.reprint')}
                      </button>
                      {canVoid && r.status === 'issued' && voiding?.id !== r.id && (
                        <button
                          type="button"
                          class="button button-danger"
                          data-testid="tax-receipt-void"
                          aria-label={t('tax.pay.void_of', { book: r.bookNo, number: r.number })}
                          onClick={() => startVoid(r)}
                        >
                          {t('tax.pay.void')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {voiding && (
            <form
              class="tax-void-box"
              data-testid="tax-void-box"
              aria-labelledby="tax-void-title"
              noValidate
              onSubmit={(e) => void confirmVoid(e)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setVoiding(null);
              }}
            >
              <h3 id="tax-void-title">
                {t('tax.pay.void_title', {
                  book: voiding.bookNo,
                  number: voiding.number,
                  total: formatBaht(voiding.total),
                })}
              </h3>
              <p id="tax-void-explain">{t('tax.pay.void_explain')}</p>
              <label for="tax-void-reason">{t('tax.pay.void_reason')}</label>
              <input
                id="tax-void-reason"
                ref={voidRef}
                data-testid="tax-void-reason"
                required
                aria-invalid={voidMissing}
                aria-describedby={voidMissing ? 'tax-void-explain tax-void-reason-error' : 'tax-void-explain'}
                value={voidWhy}
                onInput={(e) => {
                  setVoidWhy(e.currentTarget.value);
                  setVoidMissing(false);
                }}
              />
              {voidMissing && (
                <p id="tax-void-reason-error" class="error" role="alert" data-testid="tax-void-reason-error">
                  {t('tax.pay.void_reason_required')}
                </p>
              )}
              <button type="submit" class="button button-danger" data-testid="tax-void-confirm">
                {t('tax.pay.void_confirm')}
              </button>{' '}
              <button
                type="button"
                class="button button-secondary"
                data-testid="tax-void-cancel"
                onClick={() => setVoiding(null)}
              >
                {t('tax.pay.void_cancel')}
              </button>
            </form>
          )}
        </section>
      )}
      <VerifyBox />
      <Reports taxYear={owed?.taxYear ?? null} />
    </div>
  );
}

/** Paste or scan a receipt's QR text: what it says, or what is wrong with it. */
function VerifyBox() {
  const [payload, setPayload] = useState('');
  const [result, setResult] = useState<VerifiedReceipt | IpcError | null>(null);
  const check = async (e: Event) => {
    e.preventDefault();
    try {
      setResult(await verifyReceipt(payload));
    } catch (err) {
      setResult(toIpcError(err));
    }
  };
  return (
    <section class="tax-verify" aria-labelledby="tax-verify-title">
      <h2 id="tax-verify-title">{t('tax.pay.verify_title')}</h2>
      <form onSubmit={(e) => void check(e)}>
        <label for="tax-verify-input">{t('tax.pay.verify_label')}</label>
        <input
          id="tax-verify-input"
          data-testid="tax-verify-input"
          value={payload}
          onInput={(e) => setPayload(e.currentTarget.value)}
        />
        <button type="submit" class="button" data-testid="tax-verify-submit">
          {t('tax.pay.verify')}
        </button>
      </form>
      {result && (
        <div
          data-testid="tax-verify-result"
          data-valid={'facts' in result ? 'true' : 'false'}
          role="status"
          class={'facts' in result ? 'alert alert-success' : 'alert alert-error'}
        >
          {'facts' in result
            ? t('tax.pay.verify_ok', {
                book: `${result.facts.bookNo}/${result.facts.number}`,
                year: result.facts.fiscalYear,
                date: dateBE(result.facts.paidOn),
                notice: result.facts.noticeNumber,
                total: formatBaht(result.facts.total),
              })
            : result.message}
        </div>
      )}
    </section>
  );
}

/**
 * The cash summary of a day (today by default), the control register of the fiscal year, and the arrears of a
 * tax year (the open notice's, or the current B.E. year).
 */
function Reports({ taxYear }: { taxYear: number | null }) {
  const [summary, setSummary] = useState<CashSummary | null>(null);
  const [register, setRegister] = useState<ControlRegister | null>(null);
  const [arrears, setArrears] = useState<Arrears | null>(null);
  const [day, setDay] = useState(todayIso);
  const [year, setYear] = useState(() => String(taxYear ?? Number(todayIso().slice(0, 4)) + 543));
  useEffect(() => {
    if (taxYear !== null) setYear(String(taxYear));
  }, [taxYear]);
  const [error, setError] = useState<IpcError | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  return (
    <section class="tax-reports" aria-labelledby="tax-reports-title">
      <h2 id="tax-reports-title">{t('tax.pay.reports')}</h2>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div class="tax-report-actions">
        <label for="tax-cash-day">{t('tax.pay.cash_day')}</label>
        <ThaiDateInput id="tax-cash-day" data-testid="tax-cash-day" value={day} onValue={setDay} />
        <button
          type="button"
          class="button button-secondary"
          data-testid="tax-cash-summary-load"
          onClick={() =>
            // Today is the backend's today (office time): only another day is sent.
            void attempt(() => loadCashSummary(day && day !== todayIso() ? day : null), setError).then(
              (s) => s && setSummary(s),
            )
          }
        >
          {t('tax.pay.cash_summary')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          data-testid="tax-register-load"
          onClick={() => void attempt(() => loadRegister(), setError).then((r) => r && setRegister(r))}
        >
          {t('tax.pay.register')}
        </button>
        <label for="tax-arrears-year">{t('tax.pay.arrears_year')}</label>
        <input
          id="tax-arrears-year"
          data-testid="tax-arrears-year"
          inputMode="numeric"
          value={year}
          onInput={(e) => setYear(e.currentTarget.value)}
        />
        <button
          type="button"
          class="button button-secondary"
          data-testid="tax-arrears-load"
          onClick={() => void attempt(() => loadArrears(Number(year)), setError).then((a) => a && setArrears(a))}
        >
          {t('tax.pay.arrears')}
        </button>
      </div>
      {summary && (
        <div data-testid="tax-cash-summary">
          <h3>{t('tax.pay.cash_summary_of', { date: dateBE(summary.day) })}</h3>
          <ul>
            {summary.clerks.map((c) => (
              <li key={c.userId}>
                {t('tax.pay.cash_clerk', { name: c.name, count: c.count, total: formatBaht(c.total) })}
                {': '}
                {c.methods
                  .filter((m) => m.count > 0)
                  .map((m) => `${t(METHOD_LABEL[m.method])} ${formatBaht(m.total)}`)
                  .join(', ')}
                <ul>
                  {c.receipts.map((r) => (
                    <li key={r.id} data-testid={`tax-cash-receipt-${r.bookNo}-${r.number}`}>
                      {t('tax.pay.cash_receipt', {
                        book: `${r.bookNo}/${r.number}`,
                        payer: r.payerName,
                        method: t(METHOD_LABEL[r.method]),
                        date: dateBE(r.paidOn),
                        total: formatBaht(r.total),
                      })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {summary.voided.length > 0 && (
            <p>{t('tax.pay.cash_voided', { list: summary.voided.map((r) => `${r.bookNo}/${r.number}`).join(', ') })}</p>
          )}
          <p>
            <strong>{t('tax.pay.cash_total', { count: summary.count, total: formatBaht(summary.total) })}</strong>{' '}
            <button
              type="button"
              class="button button-secondary"
              onClick={() =>
                void attempt(() => printCashSummary(summary.day), setError).then((job) =>
                  setPrinted(job ? (job.status === 'failed' ? job.reason : t('tax.pay.printed')) : null),
                )
              }
            >
              {t('tax.pay.print')}
            </button>
            {printed && <span role="status">{` ${printed}`}</span>}
          </p>
        </div>
      )}
      {register && !register.accounted && (
        <p class="alert alert-error" role="alert" data-testid="tax-register-missing">
          {t('tax.pay.register_missing', { count: register.missing })}
        </p>
      )}
      {register && (
        <table class="table tax-table" data-testid="tax-control-register" aria-label={t('tax.pay.register')}>
          <thead>
            <tr>
              <th>{t('tax.pay.col.book')}</th>
              <th>{t('tax.pay.col.range')}</th>
              <th>{t('tax.pay.col.issued')}</th>
              <th>{t('tax.pay.col.voided')}</th>
              <th>{t('tax.pay.col.unused')}</th>
              <th>{t('tax.pay.col.missing')}</th>
              <th>{t('tax.pay.col.total')}</th>
            </tr>
          </thead>
          <tbody>
            {register.books.map((b) => (
              <tr key={b.bookNo}>
                <td>{b.bookNo}</td>
                <td>{`${b.firstNo}–${b.lastNo}`}</td>
                <td class="num">{b.issued}</td>
                <td class="num">{b.voidedNumbers.join(', ') || '0'}</td>
                <td>{b.unusedRanges.map(([a, z]) => (a === z ? `${a}` : `${a}–${z}`)).join(', ')}</td>
                <td>{b.missing.join(', ')}</td>
                <td class="num">{formatBaht(b.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {arrears && (
        <table class="table tax-table" data-testid="tax-arrears" aria-label={t('tax.pay.arrears')}>
          <thead>
            <tr>
              <th>{t('tax.pay.col.notice')}</th>
              <th>{t('tax.pay.col.taxpayer')}</th>
              <th>{t('tax.pay.col.unpaid')}</th>
              <th>{t('tax.pay.col.charges')}</th>
              <th>{t('tax.pay.col.total')}</th>
            </tr>
          </thead>
          <tbody>
            {arrears.lines.map((l) => (
              <tr key={l.noticeId}>
                <td>{l.number}</td>
                <td>{l.taxpayerName}</td>
                <td class="num">{formatBaht(l.unpaid)}</td>
                <td class="num">{formatBaht(l.penalty + l.surcharge)}</td>
                <td class="num">{formatBaht(l.totalDue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
