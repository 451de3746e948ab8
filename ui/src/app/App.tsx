import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

import { setLanguage } from '../api/app';

import { ErrorAlert } from '../components/ErrorAlert';
import { LangToggle } from '../components/LangToggle';
import { MockBanner } from '../components/MockBanner';
import { SetupScreen } from '../features/setup';
import { lang, t } from '../i18n';
import type { AreaId } from './areas';
import { Shell } from './Shell';
import { useAppStatus } from './useAppStatus';

type Props = {
  /** The app runs on the in-memory mock backend (a plain browser). */
  mock?: boolean;
  /** Status polling interval in ms (default 5 s). */
  pollMs?: number;
  /** The area the shell opens on (default: the queue). */
  initialArea?: AreaId | undefined;
};

/** The root: waits for the first status, then shows first-run setup or the main shell. */
export function App({ mock = false, pollMs, initialArea }: Props) {
  const { status, error, refresh, replace } = useAppStatus(pollMs);
  const current = lang.value;
  useEffect(() => {
    // Best effort: if it fails, errors from Rust simply stay in the previous language.
    setLanguage(current).catch(() => undefined);
  }, [current]);

  if (!status) {
    return (
      <Frame mock={mock}>
        {error ? (
          <ErrorAlert error={error}>
            {/* A database from a newer Sala cannot be fixed by retrying; the message says to update. */}
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
      </Frame>
    );
  }

  if (status.needsSetup) {
    return (
      <Frame mock={mock}>
        <SetupScreen onDone={replace} />
      </Frame>
    );
  }

  return <Shell status={status} stale={error !== null} mock={mock} initialArea={initialArea ?? 'queue'} />;
}

/** The window before an office exists: a plain top bar with the language toggle, and one column. */
function Frame({ mock, children }: { mock: boolean; children: ComponentChildren }) {
  return (
    <div class="splash">
      <header class="top-bar">
        <span class="app-name">{t('app.name')}</span>
        <span class="app-tagline">{t('app.tagline')}</span>
        <span class="spacer" />
        <LangToggle />
      </header>
      {mock && <MockBanner />}
      <main id="main" class="splash-body">
        {children}
      </main>
    </div>
  );
}
