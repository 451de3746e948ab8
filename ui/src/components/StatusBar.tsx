import type { AppStatus } from '../generated/AppStatus';
import { lang, t } from '../i18n';
import { formatIsoDate } from '../lib/dates';
import { roleLabel } from '../lib/roles';

type Props = {
  status: AppStatus;
  /** The last refresh failed: the values shown may be out of date. */
  stale?: boolean;
  /** Shows a "lock screen" button beside the user. */
  onLock?: (() => void) | undefined;
  /** Shows a "sign out" button beside the user. */
  onSignOut?: (() => void) | undefined;
  /** How many print jobs did not print: shown (when above 0) as "งานพิมพ์ไม่สำเร็จ N รายการ". */
  printFailures?: number;
  /** Makes the print-failure notice a button that opens the print jobs. */
  onOpenPrintJobs?: (() => void) | undefined;
};

/**
 * The bottom status bar: connection, outbox, print failures, signed-in user (with lock and sign-out), office and
 * today's date (B.E.).
 */
export function StatusBar({ status, stale = false, onLock, onSignOut, printFailures = 0, onOpenPrintJobs }: Props) {
  const connection = status.syncEndpoint === null ? 'unconfigured' : status.online ? 'online' : 'offline';
  const connectionText =
    connection === 'unconfigured'
      ? `${t('status.offline')} · ${t('status.no_endpoint')}`
      : t(connection === 'online' ? 'status.online' : 'status.offline');
  const user = status.session.active?.user ?? null;
  return (
    <footer class="status-bar" aria-label={t('status.label')} data-testid="status-bar">
      <span class="status-item" data-testid="status-online" data-state={connection}>
        <span class={`dot dot-${connection}`} aria-hidden="true" />
        {connectionText}
      </span>
      <span class="status-item" data-testid="status-outbox" data-count={status.outboxPending}>
        {t('status.outbox', { count: status.outboxPending })}
      </span>
      <span class="status-item" role="status">
        {printFailures > 0 &&
          (onOpenPrintJobs ? (
            <button
              type="button"
              class="status-button status-alert"
              data-testid="print-failures-indicator"
              data-count={printFailures}
              title={t('print_failures.open')}
              onClick={onOpenPrintJobs}
            >
              {t('print_failures.indicator', { count: printFailures })}
            </button>
          ) : (
            <span class="status-alert-text" data-testid="print-failures-indicator" data-count={printFailures}>
              {t('print_failures.indicator', { count: printFailures })}
            </span>
          ))}
      </span>
      <span class="status-item status-user-group">
        <span data-testid="status-user">
          {user ? `${user.displayName} (${roleLabel(user.role)})` : t('status.no_user')}
        </span>
        {user && onLock && (
          <button type="button" class="status-button" data-testid="lock-button" onClick={onLock}>
            {t('session.lock')}
          </button>
        )}
        {user && onSignOut && (
          <button type="button" class="status-button" data-testid="signout-button" onClick={onSignOut}>
            {t('session.sign_out')}
          </button>
        )}
      </span>
      <span class="status-item status-office" data-testid="status-office">
        {status.office?.name ?? ''}
      </span>
      {stale && (
        <span class="status-item status-stale" data-testid="status-stale">
          {t('status.stale')}
        </span>
      )}
      <span class="status-item status-date" data-testid="status-date">
        <time dateTime={status.today}>{formatIsoDate(status.today, lang.value)}</time>
      </span>
    </footer>
  );
}
