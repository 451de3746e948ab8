import './queue.css';

import { useState } from 'preact/hooks';

import type { Action } from '../../api/session';
import { AreaPage } from '../../components/AreaPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Tabs } from '../../components/Tabs';
import { t, type MessageKey } from '../../i18n';
import { CounterPanel } from './CounterPanel';
import { IssuePanel } from './IssuePanel';
import { OverviewPanel } from './OverviewPanel';
import { useQueueState } from './useQueueState';

type Props = {
  /** What the signed-in user may do: the overview's KPIs and export need `viewReports`. */
  permissions: readonly Action[];
  /** How often the queue is read again while the window is in use, in ms (default 2.5 s). */
  pollMs?: number | undefined;
};

type Tab = 'issue' | 'counter' | 'overview';

const TABS: readonly { id: Tab; label: MessageKey }[] = [
  { id: 'issue', label: 'queue.tab.issue' },
  { id: 'counter', label: 'queue.tab.counter' },
  { id: 'overview', label: 'queue.tab.overview' },
];

/** The `localStorage` key of the tab this PC shows first (a counter PC stays on its counter). */
export const TAB_STORAGE_KEY = 'sala.queue.tab';

function readTab(): Tab {
  try {
    const stored = localStorage.getItem(TAB_STORAGE_KEY);
    return stored === 'counter' || stored === 'overview' ? stored : 'issue';
  } catch {
    return 'issue';
  }
}

function storeTab(tab: Tab): void {
  try {
    localStorage.setItem(TAB_STORAGE_KEY, tab);
  } catch {
    // The choice then lasts until the window closes.
  }
}

/** The queue area: issue tickets, work a counter, and (supervisors) the overview with KPIs. */
export function QueueArea({ permissions, pollMs }: Props) {
  const { state, error, readAt, refresh } = useQueueState(true, pollMs);
  const reports = permissions.includes('viewReports');
  const overview = reports || state?.canManage === true;
  const tabs = TABS.filter((tab) => tab.id !== 'overview' || overview);
  const [chosen, setChosen] = useState<Tab>(readTab);
  const tab = tabs.some((it) => it.id === chosen) ? chosen : 'issue';

  const choose = (next: Tab) => {
    setChosen(next);
    storeTab(next);
  };

  return (
    <AreaPage id="queue" title={t('queue.title')}>
      <div class="queue-tabs-row">
        <Tabs tabs={tabs} selected={tab} onSelect={choose} prefix="queue" label="queue.tabs" />
        <p class="muted queue-updated" data-testid="queue-updated">
          {readAt !== null && t('queue.updated', { time: new Date(readAt).toLocaleTimeString('en-GB') })}{' '}
          <button type="button" class="link-button" data-testid="queue-refresh" onClick={refresh}>
            {t('queue.refresh')}
          </button>
        </p>
      </div>
      <ErrorAlert error={error}>
        <button type="button" class="button" onClick={refresh} data-testid="queue-retry">
          {t('app.retry')}
        </button>
      </ErrorAlert>
      <div role="tabpanel" id={`queue-panel-${tab}`} aria-labelledby={`queue-tab-${tab}`} class="queue-panel">
        {tab === 'issue' && <IssuePanel queue={state} onIssued={refresh} />}
        {tab !== 'issue' && state === null && !error && (
          <p class="muted" role="status">
            {t('app.loading')}
          </p>
        )}
        {tab === 'counter' && state && <CounterPanel queue={state} onChanged={refresh} />}
        {tab === 'overview' && state && <OverviewPanel queue={state} reports={reports} onChanged={refresh} />}
      </div>
    </AreaPage>
  );
}
