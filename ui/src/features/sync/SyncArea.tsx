import { AreaPage } from '../../components/AreaPage';
import type { AppStatus } from '../../generated/AppStatus';
import { lang, t } from '../../i18n';
import { formatTimestamp } from '../../lib/dates';

type Props = {
  /** The latest status from the backend (polled by the shell). */
  status: AppStatus;
};

/** The sync area: the real state of the outbox and the connection. Syncing itself comes in a later release. */
export function SyncArea({ status }: Props) {
  const connection = status.syncEndpoint === null ? null : status.online;
  return (
    <AreaPage id="sync" title={t('sync.title')}>
      <dl class="facts card">
        <div class="fact">
          <dt>{t('sync.pending')}</dt>
          <dd data-testid="sync-pending" data-count={status.outboxPending}>
            {t('sync.items', { count: status.outboxPending })}
          </dd>
        </div>
        <div class="fact">
          <dt>{t('sync.oldest')}</dt>
          <dd data-testid="sync-oldest">
            {status.oldestPendingAt === null ? (
              t('sync.oldest_none')
            ) : (
              <time dateTime={status.oldestPendingAt}>{formatTimestamp(status.oldestPendingAt, lang.value)}</time>
            )}
          </dd>
        </div>
        <div class="fact">
          <dt>{t('sync.endpoint')}</dt>
          <dd data-testid="sync-endpoint" data-configured={status.syncEndpoint !== null}>
            {status.syncEndpoint ?? t('sync.endpoint_none')}
          </dd>
        </div>
        <div class="fact">
          <dt>{t('sync.connection')}</dt>
          <dd
            data-testid="sync-online"
            data-state={connection === null ? 'unconfigured' : connection ? 'online' : 'offline'}
          >
            {connection === true ? t('status.online') : t('status.offline')}
            {connection === null && ` · ${t('status.no_endpoint')}`}
          </dd>
        </div>
      </dl>
      <p class="note">{t('sync.coming')}</p>
    </AreaPage>
  );
}
