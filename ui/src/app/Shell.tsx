import { useLayoutEffect, useRef, useState } from 'preact/hooks';

import type { AppStatus } from '../api/app';
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
import { AREAS, areaForShortcut, type AreaId } from './areas';

type Props = {
  status: AppStatus;
  /** The last status refresh failed. */
  stale: boolean;
  /** The app runs on the in-memory mock (plain browser), not the desktop backend. */
  mock: boolean;
  initialArea?: AreaId;
};

/** The main window once an office exists: top bar, navigation, the current area, status bar. */
export function Shell({ status, stale, mock, initialArea = 'queue' }: Props) {
  const [area, setArea] = useState<AreaId>(initialArea);
  const mainRef = useRef<HTMLElement>(null);
  const focusHeading = useRef(false);

  // Layout effects: the shortcut listener is live as soon as the shell is on screen, not a frame later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const next = areaForShortcut(e);
      if (!next) return;
      e.preventDefault();
      focusHeading.current = true;
      setArea(next);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useLayoutEffect(() => {
    // After a keyboard switch, put focus on the new area's heading so the clerk (and a screen reader) lands there.
    if (!focusHeading.current) return;
    focusHeading.current = false;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [area]);

  return (
    <div class="shell">
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
            {AREAS.map((it) => (
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
        <main id="main" class="main" ref={mainRef}>
          {area === 'queue' && <QueueArea />}
          {area === 'requests' && <RequestsArea />}
          {area === 'tax' && <TaxArea />}
          {area === 'reports' && <ReportsArea />}
          {area === 'sync' && <SyncArea status={status} />}
          {area === 'settings' && <SettingsArea />}
        </main>
      </div>
      <StatusBar status={status} stale={stale} />
    </div>
  );
}
