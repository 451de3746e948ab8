import { ErrorAlert } from '../components/ErrorAlert';
import { LangToggle } from '../components/LangToggle';
import { SetupScreen } from '../features/setup';
import { t } from '../i18n';
import { Shell } from './Shell';
import { useAppStatus } from './useAppStatus';

type Props = {
  /** The app runs on the in-memory mock backend (a plain browser). */
  mock?: boolean;
  /** Status polling interval (tests shorten or lengthen it). */
  pollMs?: number;
};

/** The root: waits for the first status, then shows first-run setup or the main shell. */
export function App({ mock = false, pollMs }: Props) {
  const { status, error, refresh, replace } = useAppStatus(pollMs);

  if (!status) {
    return (
      <div class="splash">
        <header class="top-bar">
          <span class="app-name">{t('app.name')}</span>
          <span class="spacer" />
          <LangToggle />
        </header>
        <main id="main" class="splash-body">
          {error ? (
            <ErrorAlert error={error}>
              {/* A newer database cannot be fixed by retrying; the message says to update Sala. */}
              {error.code !== 'schemaTooNew' && (
                <button type="button" class="button" onClick={refresh} data-testid="app-retry">
                  {t('app.retry')}
                </button>
              )}
            </ErrorAlert>
          ) : (
            <p role="status" class="muted">
              {t('app.loading')}
            </p>
          )}
        </main>
      </div>
    );
  }

  if (status.needsSetup) {
    return (
      <div class="splash">
        <header class="top-bar">
          <span class="app-name">{t('app.name')}</span>
          <span class="app-tagline">{t('app.tagline')}</span>
          <span class="spacer" />
          <LangToggle />
        </header>
        {mock && (
          <p class="mock-banner" data-testid="mock-banner">
            {t('app.mock_backend')}
          </p>
        )}
        <main id="main" class="splash-body">
          <SetupScreen onDone={replace} />
        </main>
      </div>
    );
  }

  return <Shell status={status} stale={error !== null} mock={mock} />;
}
