import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getOfficeOverview, type OfficeOverview } from '../../api/office';
import { getSession, type SessionView } from '../../api/session';
import { AreaPage } from '../../components/AreaPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LangSwitch } from '../../components/LangSwitch';
import { t } from '../../i18n';
import { AccountSection } from './AccountSection';
import { CountersSection, DepartmentsSection, OfficeSection, UsersSection } from './OfficeSections';
import { PolicySection } from './PolicySection';
import { PrintersSection } from './PrintersSection';
import { PrintJobsSection } from './PrintJobsSection';
import { QueueSettingsSection } from './QueueSettingsSection';
import { ReceiptBooksSection } from './ReceiptBooksSection';
import { RequestCategoriesSection } from './RequestCategoriesSection';
import { TaxSettingsSection } from './TaxSettingsSection';
import { UsersAdmin } from './UsersAdmin';

type Props = {
  /** The signed-in user's session: which sections they see. */
  session: SessionView;
  /** The user's session view changed (own password or PIN, or the idle-lock time). */
  onSession: (session: SessionView) => void;
  /** Bumped to bring the print jobs into view, showing only those that did not print (the status bar's indicator). */
  printJobsFocus?: number;
};

/**
 * Settings: the language, the user's own account and print jobs for everyone; users and sign-in security for
 * administrators; printers and the queue's set-up for supervisors and administrators; and the office's
 * configuration for whoever may view it.
 */
export function SettingsArea({ session, onSession, printJobsFocus = 0 }: Props) {
  const can = (action: SessionView['permissions'][number]) => session.permissions.includes(action);
  const manageUsers = can('manageUsers');

  const policySaved = () => {
    // The idle-lock time is part of the session view: read it again so the window's timer follows at once.
    getSession().then(
      (state) => {
        if (state.active) onSession(state.active);
      },
      () => undefined,
    );
  };

  return (
    <AreaPage id="settings" title={t('settings.title')}>
      <section class="card" data-testid="settings-language" aria-label={t('lang.label')}>
        <LangSwitch />
      </section>
      <AccountSection session={session} onSession={onSession} />
      {manageUsers && <UsersAdmin />}
      {can('manageSecurity') && <PolicySection onSaved={policySaved} />}
      {can('managePrinters') && <PrintersSection />}
      {can('manageQueue') && <QueueSettingsSection />}
      {can('manageRequestCategories') && <RequestCategoriesSection />}
      {can('manageTax') && <TaxSettingsSection />}
      {can('manageTax') && <ReceiptBooksSection />}
      <PrintJobsSection everyone={can('managePrinters')} focusRequest={printJobsFocus} />
      {/* Administrators manage the staff list above; others see it read-only with the office. */}
      {can('viewOffice') && <OfficeOverviewSections showStaff={!manageUsers} />}
    </AreaPage>
  );
}

type Load = { state: 'loading' } | { state: 'ready'; overview: OfficeOverview } | { state: 'failed'; error: IpcError };

/** The office's configuration as the backend has it (read-only). */
function OfficeOverviewSections({ showStaff }: { showStaff: boolean }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  const reload = useCallback(() => {
    setLoad({ state: 'loading' });
    getOfficeOverview().then(
      (overview) => setLoad({ state: 'ready', overview }),
      (err: unknown) => setLoad({ state: 'failed', error: toIpcError(err) }),
    );
  }, []);

  useEffect(reload, [reload]);

  return (
    <>
      {load.state === 'loading' && (
        <p class="muted" role="status">
          {t('settings.loading')}
        </p>
      )}
      {load.state === 'failed' && (
        <ErrorAlert error={load.error}>
          <button type="button" class="button" onClick={reload} data-testid="settings-retry">
            {t('app.retry')}
          </button>
        </ErrorAlert>
      )}
      {load.state === 'ready' && (
        <>
          <OfficeSection overview={load.overview} />
          <DepartmentsSection overview={load.overview} />
          <CountersSection overview={load.overview} />
          {showStaff && <UsersSection overview={load.overview} />}
        </>
      )}
    </>
  );
}
