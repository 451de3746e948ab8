import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

import type { AppStatus } from '../api/app';
import { toIpcError, type IpcError } from '../api/errors';
import { openArea, type SessionView } from '../api/session';
import { AreaPage } from '../components/AreaPage';
import { LangToggle } from '../components/LangToggle';
import { MockBanner } from '../components/MockBanner';
import { StatusBar } from '../components/StatusBar';
import { QueueArea } from '../features/queue';
import { ReportsArea } from '../features/reports';
import { RequestsArea } from '../features/requests';
import { SettingsArea } from '../features/settings';
import { SyncArea } from '../features/sync';
import { TaxArea } from '../features/tax';
import { t } from '../i18n';
import { AREAS, areaForShortcut, openAreas, type AreaId } from './areas';
import { usePrintFailures } from './usePrintFailures';

type Props = {
  status: AppStatus;
  /** The signed-in user's session: the areas and actions they may use. */
  session: SessionView;
  /** The screen is locked: the shell stays mounted (keeping its state) but hidden and `inert`. */
  hidden?: boolean;
  /** The last status refresh failed. */
  stale: boolean;
  /** The app runs on the in-memory mock (plain browser), not the desktop backend. */
  mock: boolean;
  /** The area to open on, if the user may open it (otherwise their first area). */
  initialArea?: AreaId | undefined;
  /** How often the print failures are looked at again, in ms (default 60 s). */
  printPollMs?: number | undefined;
  /** A command returned the user's new session view (own password or PIN changed). */
  onSession: (session: SessionView) => void;
  /** Lock the screen now. */
  onLock: () => void;
  onSignOut: () => void;
};

/** The backend's verdict on opening the current area. */
type Gate = { area: AreaId; state: 'checking' | 'open' } | { area: AreaId; state: 'denied'; error: IpcError };

/** The main window for a signed-in user: top bar, navigation (their areas only), the current area, status bar. */
export function Shell({
  status,
  session,
  hidden = false,
  stale,
  mock,
  initialArea,
  printPollMs,
  onSession,
  onLock,
  onSignOut,
}: Props) {
  const allowed = session.areas;
  const [area, setArea] = useState<AreaId>(() =>
    initialArea && allowed.includes(initialArea) ? initialArea : (allowed[0] ?? 'settings'),
  );
  const [gate, setGate] = useState<Gate>({ area, state: 'checking' });
  const mainRef = useRef<HTMLElement>(null);
  const focusHeading = useRef(false);
  const live = useRef({ allowed, hidden });
  live.current = { allowed, hidden };
  const printFailures = usePrintFailures(!hidden, printPollMs);
  /** Bumped by the print-failure notice: Settings then shows the print jobs that did not print. */
  const [printJobsFocus, setPrintJobsFocus] = useState(0);

  // Layout effects: the shortcut listener is live as soon as the shell is on screen, not a frame later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const next = areaForShortcut(e);
      // Alt+3 is always the tax area: for someone who may not open it, the key does nothing.
      if (!next || live.current.hidden || !live.current.allowed.includes(next)) return;
      e.preventDefault();
      focusHeading.current = true;
      setArea(next);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Leaving Settings forgets the request, so coming back later does not jump to the print jobs again.
  useEffect(() => {
    if (area !== 'settings') setPrintJobsFocus(0);
  }, [area]);

  const openPrintJobs = allowed.includes('settings')
    ? () => {
        setArea('settings');
        setPrintJobsFocus((n) => n + 1);
      }
    : undefined;

  // A role change can close the area on screen: fall back to the first one still open.
  useEffect(() => {
    if (!allowed.includes(area)) setArea(allowed[0] ?? 'settings');
  }, [allowed, area]);

  // The core has the last word on every area: ask it each time one is opened.
  useEffect(() => {
    let current = true;
    setGate({ area, state: 'checking' });
    openArea(area).then(
      () => {
        if (current) setGate({ area, state: 'open' });
      },
      (err: unknown) => {
        if (!current) return;
        const error = toIpcError(err);
        // Only a refusal closes the area; any other failure shows up in the area's own calls.
        setGate(error.code === 'notPermitted' ? { area, state: 'denied', error } : { area, state: 'open' });
      },
    );
    return () => {
      current = false;
    };
  }, [area]);

  const shown = gate.area === area ? gate.state : 'checking';

  useLayoutEffect(() => {
    // After a keyboard switch, put focus on the new area's heading so the clerk (and a screen reader) lands there.
    if (!focusHeading.current) return;
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    if (!heading) return;
    focusHeading.current = false;
    heading.focus();
  }, [area, shown]);

  const nav = openAreas(allowed);
  const title = AREAS.find((it) => it.id === area)?.label ?? 'nav.settings';

  return (
    <div class="shell" hidden={hidden} inert={hidden} data-testid="shell">
      <a class="skip-link" href="#main">
        {t('app.skip_to_content')}
      </a>
      <header class="top-bar">
        {status.office?.logoDataUrl && <img class="top-bar-logo" src={status.office.logoDataUrl} alt="" />}
        <span class="app-name">{t('app.name')}</span>
        <span class="app-tagline">{t('app.tagline')}</span>
        {status.demo && (
          <span class="badge badge-demo" data-testid="demo-badge">
            {t('app.demo_badge')}
          </span>
        )}
        <span class="spacer" />
        <LangToggle />
      </header>
      {mock && <MockBanner />}
      <div class="shell-body">
        <nav class="side-nav" aria-label={t('nav.label')}>
          <ul>
            {nav.map((it) => (
              <li key={it.id}>
                <button
                  type="button"
                  class="nav-button"
                  data-testid={`nav-${it.id}`}
                  aria-current={area === it.id ? 'page' : undefined}
                  aria-keyshortcuts={it.shortcut}
                  onClick={() => setArea(it.id)}
                >
                  <span class="nav-label">{t(it.label)}</span>
                  <kbd class="nav-shortcut">{it.shortcut}</kbd>
                </button>
              </li>
            ))}
          </ul>
          <p class="nav-hint">{t('nav.shortcut_hint')}</p>
        </nav>
        <main id={hidden ? undefined : 'main'} class="main" ref={mainRef} aria-busy={shown === 'checking'}>
          {gate.area === area && gate.state === 'denied' && (
            <AreaPage id={area} title={t(title)}>
              <div class="alert alert-error" role="alert" data-testid="area-denied">
                <p class="alert-title">{t('area.denied')}</p>
                <p class="alert-message">{gate.error.message}</p>
              </div>
            </AreaPage>
          )}
          {shown === 'open' && (
            <>
              {area === 'queue' && <QueueArea permissions={session.permissions} />}
              {area === 'requests' && <RequestsArea permissions={session.permissions} userId={session.user.id} />}
              {area === 'tax' && <TaxArea permissions={session.permissions} />}
              {area === 'reports' && <ReportsArea permissions={session.permissions} />}
              {area === 'sync' && <SyncArea status={status} />}
              {area === 'settings' && (
                <SettingsArea session={session} onSession={onSession} printJobsFocus={printJobsFocus} />
              )}
            </>
          )}
        </main>
      </div>
      <StatusBar
        status={status}
        stale={stale}
        onLock={onLock}
        onSignOut={onSignOut}
        printFailures={printFailures}
        onOpenPrintJobs={openPrintJobs}
      />
    </div>
  );
}
