import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import {
  emptyFilter,
  listRequests,
  STATES,
  type Category,
  type ListFilter,
  type RequestListItem,
  type RequestState,
  type Scope,
} from '../../api/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ThaiDateInput } from '../../components/ThaiDateInput';
import { lang, t } from '../../i18n';
import { formatIsoDate, formatTimestamp } from '../../lib/dates';
import { categoryName, stateLabel } from './labels';

type Props = {
  scope: Scope;
  /** Every category (for the filter). */
  categories: readonly Category[];
  /** Bumped when something changed elsewhere: read the list again. */
  refreshKey: number;
  onOpen: (id: string) => void;
};

/** How long typing pauses before the list is read again. */
const TYPING_MS = 250;

/**
 * One of the area's lists (mine, my division's, overdue, all, escalated) with its filters. Up and Down move
 * between rows, Enter (or a click) opens one.
 */
export function RequestList({ scope, categories, refreshKey, onOpen }: Props) {
  const [filter, setFilter] = useState<ListFilter>(() => emptyFilter(scope));
  const [rows, setRows] = useState<RequestListItem[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const asked = useRef(0);

  useEffect(() => {
    setFilter((f) => ({ ...f, scope }));
  }, [scope]);

  useEffect(() => {
    asked.current += 1;
    const mine = asked.current;
    const timer = setTimeout(() => {
      listRequests(filter).then(
        (items) => {
          if (mine !== asked.current) return;
          setRows(items);
          setError(null);
          setActive((a) => Math.min(a, Math.max(0, items.length - 1)));
        },
        (err: unknown) => {
          if (mine === asked.current) setError(toIpcError(err));
        },
      );
    }, TYPING_MS);
    return () => clearTimeout(timer);
  }, [filter, refreshKey]);

  const set = (patch: Partial<ListFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const text = (v: string) => (v.trim() === '' ? null : v);

  const onKey = (e: KeyboardEvent) => {
    if (!rows || rows.length === 0) return;
    let next: number;
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'Enter') {
      e.preventDefault();
      const row = rows[active];
      if (row) onOpen(row.id);
      return;
    } else return;
    e.preventDefault();
    setActive(next);
    body.current?.querySelectorAll<HTMLElement>('tr')[next]?.focus();
  };

  return (
    <section class="requests-list" data-testid={`requests-list-${scope}`} aria-label={t(`requests.tab.${scope}`)}>
      <form
        class="requests-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <div class="field">
          <label class="field-label" for={`filter-text-${scope}`}>
            {t('requests.filter.text')}
          </label>
          <input
            id={`filter-text-${scope}`}
            class="text-input"
            type="search"
            autoComplete="off"
            data-testid="filter-text"
            value={filter.text ?? ''}
            onInput={(e) => set({ text: text(e.currentTarget.value) })}
          />
        </div>
        <div class="field">
          <label class="field-label" for={`filter-state-${scope}`}>
            {t('requests.filter.state')}
          </label>
          <select
            id={`filter-state-${scope}`}
            class="select"
            data-testid="filter-state"
            value={filter.state ?? ''}
            onChange={(e) => set({ state: (e.currentTarget.value || null) as RequestState | null })}
          >
            <option value="">{t('requests.filter.any')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field-label" for={`filter-category-${scope}`}>
            {t('requests.filter.category')}
          </label>
          <select
            id={`filter-category-${scope}`}
            class="select"
            data-testid="filter-category"
            value={filter.category ?? ''}
            onChange={(e) => set({ category: e.currentTarget.value || null })}
          >
            <option value="">{t('requests.filter.any')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field-label" for={`filter-area-${scope}`}>
            {t('requests.filter.area')}
          </label>
          <input
            id={`filter-area-${scope}`}
            class="text-input"
            type="text"
            autoComplete="off"
            data-testid="filter-area"
            value={filter.area ?? ''}
            onInput={(e) => set({ area: text(e.currentTarget.value) })}
          />
        </div>
        <div class="field">
          <label class="field-label" for={`filter-from-${scope}`}>
            {t('requests.filter.from')}
          </label>
          <ThaiDateInput
            id={`filter-from-${scope}`}
            data-testid="filter-from"
            value={filter.from ?? ''}
            onValue={(iso) => set({ from: text(iso) })}
          />
        </div>
        <div class="field">
          <label class="field-label" for={`filter-to-${scope}`}>
            {t('requests.filter.to')}
          </label>
          <ThaiDateInput
            id={`filter-to-${scope}`}
            data-testid="filter-to"
            value={filter.to ?? ''}
            onValue={(iso) => set({ to: text(iso) })}
          />
        </div>
      </form>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {rows === null && !error && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {rows?.length === 0 && (
        <p class="muted" role="status" data-testid="requests-empty">
          {t('requests.list.empty')}
        </p>
      )}
      {rows && rows.length > 0 && (
        <div class="table-scroll">
          <p class="visually-hidden" role="status">
            {t('requests.list.found', { count: rows.length })}
          </p>
          <table class="table requests-table">
            <caption class="visually-hidden">{t('requests.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('requests.col.code')}</th>
                <th scope="col">{t('requests.col.category')}</th>
                <th scope="col">{t('requests.col.state')}</th>
                <th scope="col">{t('requests.col.reporter')}</th>
                <th scope="col">{t('requests.col.area')}</th>
                <th scope="col">{t('requests.col.received')}</th>
                <th scope="col">{t('requests.col.due')}</th>
                <th scope="col">{t('requests.col.division')}</th>
                <th scope="col">{t('requests.col.assignee')}</th>
              </tr>
            </thead>
            <tbody ref={body} onKeyDown={onKey}>
              {rows.map((r, i) => (
                <tr
                  key={r.id}
                  class={`requests-item${r.overdue ? ' requests-overdue' : ''}`}
                  tabIndex={i === active ? 0 : -1}
                  data-testid="request-row"
                  data-request-id={r.id}
                  aria-label={t('requests.list.open_label', { code: r.trackingCode })}
                  onClick={() => onOpen(r.id)}
                  onFocus={() => setActive(i)}
                >
                  <td class="num" data-testid="request-row-code">
                    {r.trackingCode}
                  </td>
                  <td>
                    {categoryName({ nameTh: r.categoryNameTh, nameEn: r.categoryNameEn })}
                    {r.restricted && (
                      <span class="badge badge-restricted" data-testid="request-row-restricted">
                        {t('requests.restricted')}
                      </span>
                    )}
                    <div class="muted requests-summary">{r.summary}</div>
                  </td>
                  <td>
                    <span class={`badge requests-state requests-state-${r.state}`} data-testid="request-row-state">
                      {stateLabel(r.state)}
                    </span>
                  </td>
                  <td data-testid="request-row-reporter">{r.reporterName ?? t('requests.hidden')}</td>
                  <td>{r.area}</td>
                  <td>{formatTimestamp(r.receivedAt, lang.value, 'short')}</td>
                  <td>
                    {formatIsoDate(r.dueOn, lang.value, 'short')}
                    {r.overdue && (
                      <span class="badge badge-failed" data-testid="request-row-overdue">
                        {t('requests.overdue')}
                      </span>
                    )}
                    {r.escalated && (
                      <span class="badge badge-pending" data-testid="request-row-escalated">
                        {t('requests.escalated')}
                      </span>
                    )}
                  </td>
                  <td>{r.departmentName ?? t('requests.none')}</td>
                  <td>{r.assigneeName ?? t('requests.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
