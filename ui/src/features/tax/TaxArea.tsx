import './tax.css';

import { useRef, useState } from 'preact/hooks';

import type { Action } from '../../api/session';
import { AreaPage } from '../../components/AreaPage';
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
  const tabRefs = useRef<Partial<Record<TaxTab, HTMLButtonElement | null>>>({});

  const choose = (next: TaxTab, focus = false) => {
    setTab(next);
    if (focus) tabRefs.current[next]?.focus();
  };

  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const idx = TABS.findIndex((it) => it.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : TABS.length - 1;
    const next = TABS[(idx + step) % TABS.length];
    if (next) choose(next.id, true);
  };

  const panel: TaxPanelProps = { permissions, taxpayerId, onTaxpayer: setTaxpayerId, go: choose };

  return (
    <AreaPage id="tax" title={t('tax.title')}>
      <div class="tax-tabs" role="tablist" aria-label={t('tax.tabs')}>
        {TABS.map((it) => (
          <button
            key={it.id}
            ref={(el) => {
              tabRefs.current[it.id] = el;
            }}
            type="button"
            role="tab"
            id={`tax-tab-${it.id}`}
            class="tax-tab"
            aria-selected={tab === it.id}
            aria-controls={`tax-panel-${it.id}`}
            tabIndex={tab === it.id ? 0 : -1}
            data-testid={`tax-tab-${it.id}`}
            onClick={() => choose(it.id)}
            onKeyDown={onTabKey}
          >
            {t(it.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tax-panel-${tab}`} aria-labelledby={`tax-tab-${tab}`} class="tax-panel">
        {tab === 'register' && <RegisterPanel {...panel} />}
        {tab === 'notices' && <NoticesPanel {...panel} />}
        {tab === 'payments' && <PaymentsPanel {...panel} />}
      </div>
    </AreaPage>
  );
}
