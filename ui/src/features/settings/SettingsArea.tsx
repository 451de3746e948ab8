import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getOfficeOverview, type OfficeOverview } from '../../api/office';
import { AreaPage } from '../../components/AreaPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LangSwitch } from '../../components/LangSwitch';
import { t } from '../../i18n';
import { CountersSection, DepartmentsSection, OfficeSection, UsersSection } from './OfficeSections';

type Load = { state: 'loading' } | { state: 'ready'; overview: OfficeOverview } | { state: 'failed'; error: IpcError };

/** Settings: the language switch, and the office's configuration as the backend has it (read-only for now). */
export function SettingsArea() {
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
    <AreaPage id="settings" title={t('settings.title')}>
      <section class="card" data-testid="settings-language" aria-label={t('lang.label')}>
        <LangSwitch />
      </section>
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
          <UsersSection overview={load.overview} />
        </>
      )}
    </AreaPage>
  );
}
