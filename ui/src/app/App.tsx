import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { setLanguage } from '../api/app';
import { lockSession, onSignInRequired, signOut, type SessionView } from '../api/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { LangToggle } from '../components/LangToggle';
import { MockBanner } from '../components/MockBanner';
import { ChangePasswordScreen, LockScreen, SignInScreen } from '../features/session';
import { SetupScreen } from '../features/setup';
import { lang, t } from '../i18n';
import type { AreaId } from './areas';
import { Shell } from './Shell';
import { useAppStatus } from './useAppStatus';
import { useIdleLock } from './useIdleLock';

type Props = {
  /** The app runs on the in-memory mock backend (a plain browser). */
  mock?: boolean;
  /** Status polling interval in ms (default 5 s). */
  pollMs?: number;
  /** How often the print failures are looked at again, in ms (default 60 s, and only after activity). */
  printPollMs?: number;
  /** The area the shell opens on (default: the first one the user may open). */
  initialArea?: AreaId | undefined;
};

/**
 * The root: waits for the first status, then shows first-run setup, the sign-in screen, the lock screen,
 * the must-change-password screen, or the main shell.
 *
 * The shell is keyed by the signed-in user: another user gets a fresh one, while the same user unlocking
 * their screen finds it as they left it (it stays mounted, hidden and `inert`, under the lock screen).
 */
export function App({ mock = false, pollMs, printPollMs, initialArea }: Props) {
  const { status, error, refresh, replace, setSession, reloadSession } = useAppStatus(pollMs);
  const [switchUser, setSwitchUser] = useState(false);
  /** The session the mounted shell belongs to (kept while that user's screen is locked). */
  const shellSession = useRef<SessionView | null>(null);
  const current = lang.value;

  useEffect(() => {
    // Best effort: if it fails, errors from Rust simply stay in the previous language.
    setLanguage(current).catch(() => undefined);
  }, [current]);

  // Any command refused for want of a session: re-read it, which brings up the sign-in or lock screen.
  useEffect(() => onSignInRequired(() => reloadSession()), [reloadSession]);

  const active = status?.session.active ?? null;

  const signedIn = useCallback(
    (session: SessionView) => {
      setSwitchUser(false);
      setSession({ active: session, locked: null });
    },
    [setSession],
  );

  const lock = useCallback(() => {
    const user = active?.user;
    if (!user) return;
    lockSession().then(
      () => setSession({ active: null, locked: user }),
      () => reloadSession(),
    );
  }, [active, setSession, reloadSession]);

  const leave = useCallback(() => {
    signOut().then(
      () => setSession({ active: null, locked: null }),
      () => reloadSession(),
    );
  }, [setSession, reloadSession]);

  useIdleLock(active?.user.id ?? null, active?.idleLockMinutes ?? 0, lock);

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
    shellSession.current = null;
    return (
      <Frame mock={mock}>
        <SetupScreen onDone={replace} />
      </Frame>
    );
  }

  const { locked } = status.session;
  const working = active && !active.mustChangePassword ? active : null;
  if (working) shellSession.current = working;
  else if (!locked || shellSession.current?.user.id !== locked.id) shellSession.current = null;
  const shell = shellSession.current;

  let screen: ComponentChildren = null;
  if (active?.mustChangePassword) {
    screen = <ChangePasswordScreen session={active} onChanged={signedIn} onSignOut={leave} />;
  } else if (!active && locked && !switchUser) {
    screen = <LockScreen user={locked} onSignedIn={signedIn} onSwitchUser={() => setSwitchUser(true)} />;
  } else if (!active) {
    screen = <SignInScreen onSignedIn={signedIn} onBackToLock={locked ? () => setSwitchUser(false) : undefined} />;
  }

  return (
    <>
      {shell && (
        <Shell
          key={shell.user.id}
          status={status}
          session={shell}
          hidden={!working}
          stale={error !== null}
          mock={mock}
          initialArea={initialArea}
          printPollMs={printPollMs}
          onSession={(session) => setSession({ active: session, locked: null })}
          onLock={lock}
          onSignOut={leave}
        />
      )}
      {screen && <Frame mock={mock}>{screen}</Frame>}
    </>
  );
}

/** The window without the shell (first start, sign-in, lock): a plain top bar with the language toggle, and one column. */
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
