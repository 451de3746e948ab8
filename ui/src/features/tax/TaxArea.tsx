import './tax.css';

import { useState } from 'preact/hooks';

import type { Action } from '../../api/session';
import { AreaPage } from '../../components/AreaPage';
import { Tabs } from '../../components/Tabs';
import { t, type MessageKey } from '../../i18n';
import { NoticesPanel } from './notices/NoticesPanel';
import { PaymentsPanel } from './payments/PaymentsPanel';
import { RegisterPanel } from './register/RegisterPanel';

/** The tax area's tabs, in the order a taxpayer's year goes: register, assess and notify, pay. */
export type TaxTab = 'register' | 'notices' | 'payments';

/** What every tax panel gets: who may do what, the taxpayer in hand, and a way to move between tabs. */
export type TaxPanelProps = {
  permissions: readonly Action[];
  /** The taxpayer the user picked (in any tab), or null. */
  taxpayerId: string | null;
  onTaxpayer: (id: string | null) => void;
  /** Switch tab, keeping the taxpayer (e.g. "assess" from the register, "take payment" from a notice). */
  go: (tab: TaxTab) => void;
};

const TABS: readonly { id: TaxTab; label: MessageKey }[] = [
  { id: 'register', label: 'tax.tab.register' },
  { id: 'notices', label: 'tax.tab.notices' },
  { id: 'payments', label: 'tax.tab.payments' },
];

type Props = { permissions: readonly Action[] };

/** The land and building tax area (finance staff and supervisors). */
export function TaxArea({ permissions }: Props) {
  const [tab, setTab] = useState<TaxTab>('register');
  const [taxpayerId, setTaxpayerId] = useState<string | null>(null);

  const panel: TaxPanelProps = { permissions, taxpayerId, onTaxpayer: setTaxpayerId, go: setTab };

  return (
    <AreaPage id="tax" title={t('tax.title')}>
      <div class="tax-tabs-row">
        <Tabs tabs={TABS} selected={tab} onSelect={setTab} prefix="tax" label="tax.tabs" />
      </div>
      <div role="tabpanel" id={`tax-panel-${tab}`} aria-labelledby={`tax-tab-${tab}`} class="tax-panel">
        {tab === 'register' && <RegisterPanel {...panel} />}
        {tab === 'notices' && <NoticesPanel {...panel} />}
        {tab === 'payments' && <PaymentsPanel {...panel} />}
      </div>
    </AreaPage>
  );
}
