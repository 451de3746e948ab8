import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { assignBook, receiptBooks, type ReceiptBook } from '../../api/taxPayments';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';

/** The fiscal year (B.E., from 1 October) of today. */
function currentFiscalYear(now: Date): number {
  return now.getFullYear() + 543 + (now.getMonth() >= 9 ? 1 : 0);
}

/**
 * Receipt books per PC (finance head, supervisors): the books of every PC, and a form that assigns a new book
 * to this PC. Each PC issues receipt numbers only from its own books, so numbers never collide offline.
 */
export function ReceiptBooksSection() {
  const [books, setBooks] = useState<ReceiptBook[]>([]);
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [year, setYear] = useState(String(currentFiscalYear(new Date())));
  const [book, setBook] = useState('1');
  const [first, setFirst] = useState('1');
  const [last, setLast] = useState('100');

  const reload = useCallback(() => {
    receiptBooks().then(setBooks, (e: unknown) => setError(toIpcError(e)));
  }, []);
  useEffect(reload, [reload]);

  const assign = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const b = await assignBook(Number(year), Number(book), Number(first), Number(last));
      setDone(t('settings.receiptBooks.assigned', { book: b.bookNo }));
      reload();
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  const field = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div class="field">
      <label for={id} class="field-label">
        {label}
      </label>
      <input id={id} data-testid={id} inputMode="numeric" value={value} onInput={(e) => set(e.currentTarget.value)} />
    </div>
  );

  return (
    <section class="card" data-testid="receipt-books-section" aria-labelledby="receipt-books-title">
      <h2 id="receipt-books-title">{t('settings.receiptBooks.title')}</h2>
      <p>{t('settings.receiptBooks.intro')}</p>
      <ul data-testid="receipt-books-list">
        {books.length === 0 && <li>{t('settings.receiptBooks.none')}</li>}
        {books.map((b) => (
          <li key={b.id}>
            {t('settings.receiptBooks.row', {
              year: b.fiscalYear,
              book: b.bookNo,
              first: b.firstNo,
              last: b.lastNo,
              used: b.used,
              pc: t(b.thisPc ? 'settings.receiptBooks.thisPc' : 'settings.receiptBooks.otherPc'),
            })}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void assign(e)}>
        {field('receipt-book-year', t('settings.receiptBooks.year'), year, setYear)}
        {field('receipt-book-no', t('settings.receiptBooks.book'), book, setBook)}
        {field('receipt-book-first', t('settings.receiptBooks.first'), first, setFirst)}
        {field('receipt-book-last', t('settings.receiptBooks.last'), last, setLast)}
        <button type="submit" class="button" data-testid="receipt-book-assign">
          {t('settings.receiptBooks.assign')}
        </button>
      </form>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {done && <p role="status">{done}</p>}
    </section>
  );
}
