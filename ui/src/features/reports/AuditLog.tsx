import { useEffect, useRef, useState } from 'preact/hooks';

import {
  browseAudit,
  getAuditChainStatus,
  getAuditFilterOptions,
  type AuditChain,
  type AuditEntry,
  type AuditFilterOptions,
  type AuditQuery,
  type FieldChange,
} from '../../api/audit';
import { toIpcError, type IpcError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ThaiDateInput } from '../../components/ThaiDateInput';
import { lang, t, type MessageKey } from '../../i18n';
import { formatOfficeTimestamp } from '../../lib/dates';
import { roleLabel } from '../../lib/roles';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;

const ACTION_LABELS: Record<string, MessageKey> = {
  insert: 'audit.action.insert',
  update: 'audit.action.update',
  delete: 'audit.action.delete',
  reveal: 'audit.action.reveal',
  sign_in: 'audit.action.sign_in',
  sign_in_failed: 'audit.action.sign_in_failed',
  account_locked: 'audit.action.account_locked',
  sign_out: 'audit.action.sign_out',
  setting: 'audit.action.setting',
};

const ENTITY_LABELS: Record<string, MessageKey> = {
  office: 'audit.entity.office',
  department: 'audit.entity.department',
  service: 'audit.entity.service',
  counter: 'audit.entity.counter',
  counter_service: 'audit.entity.counter_service',
  app_user: 'audit.entity.app_user',
  citizen: 'audit.entity.citizen',
  parcel: 'audit.entity.parcel',
  access_grant: 'audit.entity.access_grant',
  setting: 'audit.entity.setting',
};

/** An action's name in the UI language (an unknown one as stored). */
export function actionLabel(action: string): string {
  const key = ACTION_LABELS[action];
  return key ? t(key) : action;
}

/** A record type's name in the UI language (an unknown one as stored). */
export function entityLabel(entity: string): string {
  const key = ENTITY_LABELS[entity];
  return key ? t(key) : entity;
}

type Filters = { from: string; to: string; actorId: string; entity: string; action: string };

const NO_FILTERS: Filters = { from: '', to: '', actorId: '', entity: '', action: '' };

function toQuery(filters: Filters, beforeSeq: number | null): AuditQuery {
  return {
    from: filters.from || null,
    to: filters.to || null,
    actorId: filters.actorId || null,
    entity: filters.entity || null,
    action: filters.action || null,
    beforeSeq,
    limit: AUDIT_PAGE_SIZE,
  };
}

/**
 * The audit log for supervisors, newest first: whether the hash chain is intact, filters by date, user,
 * record type and action, and older entries a page at a time. Read-only: nothing here changes an entry.
 */
export function AuditLog() {
  const [chain, setChain] = useState<AuditChain | null>(null);
  const [options, setOptions] = useState<AuditFilterOptions | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  /** The latest page-one request: answers to older ones (a filter changed meanwhile) are dropped. */
  const request = useRef(0);

  useEffect(() => {
    const failed = (err: unknown) => setError(toIpcError(err));
    getAuditChainStatus().then(setChain, failed);
    getAuditFilterOptions().then(setOptions, failed);
  }, []);

  useEffect(() => {
    request.current += 1;
    const asked = request.current;
    setError(null);
    browseAudit(toQuery(filters, null)).then(
      (page) => {
        if (asked !== request.current) return;
        setEntries(page.entries);
        setNext(page.nextBeforeSeq);
      },
      (err: unknown) => {
        if (asked !== request.current) return;
        setError(toIpcError(err));
        setEntries([]);
        setNext(null);
      },
    );
  }, [filters]);

  const loadMore = () => {
    if (next === null || loadingMore) return;
    const asked = request.current;
    setLoadingMore(true);
    browseAudit(toQuery(filters, next))
      .then(
        (page) => {
          if (asked !== request.current) return;
          setEntries((shown) => [...(shown ?? []), ...page.entries]);
          setNext(page.nextBeforeSeq);
        },
        (err: unknown) => setError(toIpcError(err)),
      )
      .finally(() => setLoadingMore(false));
  };

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = Object.values(filters).some((v) => v !== '');

  return (
    <section class="card audit-log" data-testid="audit-log" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p class="muted">{t('audit.intro')}</p>
      {chain && (
        <p
          class={`audit-chain ${chain.intact ? 'audit-chain-ok' : 'audit-chain-broken'}`}
          data-testid="audit-chain"
          data-intact={chain.intact}
          role={chain.intact ? undefined : 'alert'}
        >
          {chain.intact
            ? t('audit.chain_ok', { count: chain.entries })
            : t('audit.chain_broken', { problem: chain.problem ?? '' })}
        </p>
      )}

      <fieldset class="audit-filters">
        <legend>{t('audit.filters')}</legend>
        <DateFilter
          testId="audit-filter-from"
          label={t('audit.filter_from')}
          value={filters.from}
          onValue={(from) => update({ from })}
        />
        <DateFilter
          testId="audit-filter-to"
          label={t('audit.filter_to')}
          value={filters.to}
          onValue={(to) => update({ to })}
        />
        <SelectFilter
          testId="audit-filter-user"
          label={t('audit.filter_user')}
          value={filters.actorId}
          onValue={(actorId) => update({ actorId })}
          options={[
            ['system', t('audit.system')],
            ...(options?.users ?? []).map((u): [string, string] => [u.id, `${u.displayName} (${roleLabel(u.role)})`]),
          ]}
        />
        <SelectFilter
          testId="audit-filter-entity"
          label={t('audit.filter_entity')}
          value={filters.entity}
          onValue={(entity) => update({ entity })}
          options={(options?.entities ?? []).map((e): [string, string] => [e, entityLabel(e)])}
        />
        <SelectFilter
          testId="audit-filter-action"
          label={t('audit.filter_action')}
          value={filters.action}
          onValue={(action) => update({ action })}
          options={(options?.actions ?? []).map((a): [string, string] => [a, actionLabel(a)])}
        />
        {filtered && (
          <button
            type="button"
            class="button button-secondary audit-filter-clear"
            data-testid="audit-filter-clear"
            onClick={() => setFilters(NO_FILTERS)}
          >
            {t('audit.filter_clear')}
          </button>
        )}
      </fieldset>

      <ErrorAlert error={error} onDismiss={() => setError(null)} />

      {entries === null ? (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      ) : entries.length === 0 ? (
        <p class="muted" data-testid="audit-empty">
          {filtered ? t('audit.empty_filtered') : t('audit.empty')}
        </p>
      ) : (
        <table class="table audit-table">
          <caption class="visually-hidden">{t('audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.col_time')}</th>
              <th scope="col">{t('audit.col_user')}</th>
              <th scope="col">{t('audit.col_action')}</th>
              <th scope="col">{t('audit.col_entity')}</th>
              <th scope="col">{t('audit.col_changes')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} data-testid="audit-row" data-seq={entry.seq} data-action={entry.action}>
                <td class="audit-time">
                  <time dateTime={entry.at}>{formatOfficeTimestamp(entry.at, lang.value)}</time>
                </td>
                <td data-testid="audit-user">{entry.actor ? entry.actor.displayName : t('audit.system')}</td>
                <td data-testid="audit-action">{actionLabel(entry.action)}</td>
                <td data-testid="audit-entity">{entityLabel(entry.entity)}</td>
                <td data-testid="audit-changes">
                  <Changes changes={entry.changes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button
          type="button"
          class="button button-secondary"
          data-testid="audit-more"
          disabled={loadingMore}
          onClick={loadMore}
        >
          {loadingMore ? t('app.loading') : t('audit.more')}
        </button>
      )}
    </section>
  );
}

function Changes({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <span class="muted">{t('audit.no_details')}</span>;
  return (
    <ul class="audit-changes">
      {changes.map((c, i) => (
        <li key={`${c.field}-${String(i)}`}>
          {c.field && <span class="audit-field">{c.field}: </span>}
          {c.before !== null && (
            <>
              <span class="audit-before">{c.before === '' ? t('audit.empty_value') : c.before}</span>
              <span aria-label={t('audit.changed_to')}>{' → '}</span>
            </>
          )}
          <span class="audit-after">{c.after === null || c.after === '' ? t('audit.empty_value') : c.after}</span>
        </li>
      ))}
    </ul>
  );
}

function DateFilter(props: { testId: string; label: string; value: string; onValue: (value: string) => void }) {
  const id = `field-${props.testId}`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <ThaiDateInput id={id} data-testid={props.testId} value={props.value} onValue={props.onValue} />
    </div>
  );
}

function SelectFilter(props: {
  testId: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly [string, string][];
}) {
  const id = `field-${props.testId}`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <select
        id={id}
        class="select"
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        <option value="">{t('audit.all')}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
