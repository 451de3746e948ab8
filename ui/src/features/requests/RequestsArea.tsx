import './requests.css';

import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getOfficeOverview } from '../../api/office';
import {
  getRequestCounts,
  listRequestCategories,
  listRequestStaff,
  type Category,
  type RequestCounts,
  type Scope,
  type StaffOption,
} from '../../api/requests';
import type { Action } from '../../api/session';
import { AreaPage } from '../../components/AreaPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Tabs } from '../../components/Tabs';
import { lang, t, type MessageKey } from '../../i18n';
import { CallbacksPanel } from './CallbacksPanel';
import { CitizenLookup } from './CitizenLookup';
import { IntakePanel } from './IntakePanel';
import { RequestDetailPanel, type Division } from './RequestDetailPanel';
import { RequestList } from './RequestList';

type Props = {
  /**
   * What the signed-in user may do: the area needs `useRequests`; the escalated list `superviseRequests`; the
   * returning-citizen lookup `searchCitizens`, its full data `revealPersonalData`.
   */
  permissions: readonly Action[];
  /** The signed-in user's id ("take this one"). */
  userId?: string | null | undefined;
};

type Tab = 'intake' | Scope | 'callbacks';

const LIST_TABS: readonly Scope[] = ['mine', 'division', 'overdue', 'all', 'escalated'];

function countOf(counts: RequestCounts | null, tab: Tab): number | null {
  if (!counts) return null;
  switch (tab) {
    case 'mine':
      return counts.mine;
    case 'division':
      return counts.division;
    case 'overdue':
      return counts.overdue;
    case 'all':
      return counts.total;
    case 'callbacks':
      return counts.callbacks;
    default:
      return null;
  }
}

/**
 * The requests area: take a request at the counter (the slip prints at once), the lists for each role (mine,
 * my division's, overdue, all; the supervisor's escalated ones) with counts, one request's page, and the
 * call-back list. Restricted complaints are absent for whoever may not see them: core leaves them out.
 */
export function RequestsArea({ permissions, userId = null }: Props) {
  const canUse = permissions.includes('useRequests');
  const supervises = permissions.includes('superviseRequests');
  const [tab, setTab] = useState<Tab>('intake');
  const [openId, setOpenId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [counts, setCounts] = useState<RequestCounts | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [divisions, setDivisions] = useState<Division[]>([]);
  const [error, setError] = useState<IpcError | null>(null);

  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);

  useEffect(() => {
    if (!canUse) return;
    getRequestCounts().then(setCounts, (err: unknown) => setError(toIpcError(err)));
  }, [canUse, refreshKey]);

  useEffect(() => {
    if (!canUse) return;
    listRequestCategories(true).then(setCategories, (err: unknown) => setError(toIpcError(err)));
    listRequestStaff().then(setStaff, (err: unknown) => setError(toIpcError(err)));
    getOfficeOverview().then(
      (o) =>
        setDivisions(o.departments.map((d) => ({ code: d.code, name: lang.value === 'en' ? d.nameEn : d.nameTh }))),
      (err: unknown) => setError(toIpcError(err)),
    );
  }, [canUse]);

  if (!canUse) {
    return (
      <AreaPage id="requests" title={t('requests.title')}>
        {permissions.includes('searchCitizens') && (
          <CitizenLookup canReveal={permissions.includes('revealPersonalData')} />
        )}
        <p class="note" data-testid="requests-not-permitted">
          {t('requests.not_permitted')}
        </p>
      </AreaPage>
    );
  }

  const tabs: { id: Tab; label: MessageKey; count: number | null }[] = [
    { id: 'intake', label: 'requests.tab.intake', count: null },
    ...LIST_TABS.filter((s) => s !== 'escalated' || supervises).map((s) => ({
      id: s,
      label: `requests.tab.${s}` as MessageKey,
      count: countOf(counts, s),
    })),
    { id: 'callbacks', label: 'requests.tab.callbacks', count: countOf(counts, 'callbacks') },
  ];

  const choose = (next: Tab) => {
    setTab(next);
    setOpenId(null);
  };

  return (
    <AreaPage id="requests" title={t('requests.title')}>
      <Tabs tabs={tabs} selected={tab} onSelect={choose} prefix="requests" label="requests.tabs" />
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div role="tabpanel" id={`requests-panel-${tab}`} aria-labelledby={`requests-tab-${tab}`} class="requests-panel">
        {openId !== null && (
          <RequestDetailPanel
            id={openId}
            userId={userId}
            divisions={divisions}
            staff={staff}
            onBack={() => {
              setOpenId(null);
              refresh();
            }}
            onChanged={refresh}
          />
        )}
        {openId === null && tab === 'intake' && (
          <IntakePanel
            canSearchCitizens={permissions.includes('searchCitizens')}
            canReveal={permissions.includes('revealPersonalData')}
            onTaken={refresh}
          />
        )}
        {tab !== 'intake' && tab !== 'callbacks' && (
          <div hidden={openId !== null}>
            <RequestList key={tab} scope={tab} categories={categories} refreshKey={refreshKey} onOpen={setOpenId} />
          </div>
        )}
        {openId === null && tab === 'callbacks' && (
          <CallbacksPanel refreshKey={refreshKey} onOpen={setOpenId} onChanged={refresh} />
        )}
      </div>
    </AreaPage>
  );
}
