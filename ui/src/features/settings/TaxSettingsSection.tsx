import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import {
  builtInRules,
  checkRules,
  saveTaxYear,
  setBillerId,
  setNoticeBlock,
  taxSettings,
  type TaxSettingsView,
  type TaxYearSettings,
} from '../../api/taxNotices';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { ThaiDateInput } from '../../components/ThaiDateInput';
import { t, type MessageKey } from '../../i18n';

/**
 * "Land and building tax" for finance staff and supervisors: each tax year's calendar (the notice date, the
 * due date the Minister sets, the three instalment dates, the warning notice), optionally the office's own
 * rate table and reductions (JSON), the biller ID the notices' Thai QR codes pay, and this PC's notice number
 * block. Core validates everything and says what is wrong in Thai.
 */
export function TaxSettingsSection() {
  const [view, setView] = useState<TaxSettingsView | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    taxSettings().then(setView, (err: unknown) => setLoadError(toIpcError(err)));
  }, []);
  useEffect(load, [load]);

  return (
    <section class="card" data-testid="tax-settings-section" aria-labelledby="tax-settings-title">
      <h2 id="tax-settings-title">{t('tax_settings.title')}</h2>
      <p class="muted">{t('tax_settings.intro')}</p>
      <ErrorAlert error={loadError}>
        <button type="button" class="button" data-testid="tax-settings-retry" onClick={load}>
          {t('app.retry')}
        </button>
      </ErrorAlert>
      {view && (
        <>
          <YearForm years={view.years} onSaved={load} />
          <BillerForm current={view.billerId} officeTaxId={view.officeTaxId} />
          <BlockForm current={view.noticeBlock} />
        </>
      )}
    </section>
  );
}

type DateKey = 'noticeDate' | 'dueDate' | 'i1' | 'i2' | 'i3' | 'warningDate';

type YearFormState = Record<DateKey, string> & {
  taxYear: string;
  warningDays: string;
  rates: string;
  reductions: string;
};

const DATE_FIELDS: readonly { key: DateKey; testId: string; label: MessageKey }[] = [
  { key: 'noticeDate', testId: 'tax-year-notice-date', label: 'tax_settings.notice_date' },
  { key: 'dueDate', testId: 'tax-year-due-date', label: 'tax_settings.due_date' },
  { key: 'i1', testId: 'tax-year-instalment-1', label: 'tax_settings.instalment_1' },
  { key: 'i2', testId: 'tax-year-instalment-2', label: 'tax_settings.instalment_2' },
  { key: 'i3', testId: 'tax-year-instalment-3', label: 'tax_settings.instalment_3' },
  { key: 'warningDate', testId: 'tax-year-warning-date', label: 'tax_settings.warning_date' },
];

function json(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
}

function toForm(y: TaxYearSettings): YearFormState {
  return {
    taxYear: String(y.taxYear),
    noticeDate: y.noticeDate,
    dueDate: y.dueDate,
    i1: y.instalmentDates[0],
    i2: y.instalmentDates[1],
    i3: y.instalmentDates[2],
    warningDate: y.warningDate ?? '',
    warningDays: String(y.warningDays),
    rates: json(y.rates),
    reductions: json(y.reductions),
  };
}

/** An empty form for a new year (the due date and instalments typed by the user). */
function blankForm(taxYear: number): YearFormState {
  const ce = taxYear - 543;
  return {
    taxYear: String(taxYear),
    noticeDate: `${ce}-02-01`,
    dueDate: `${ce}-04-30`,
    i1: `${ce}-04-30`,
    i2: `${ce}-05-31`,
    i3: `${ce}-06-30`,
    warningDate: '',
    warningDays: '30',
    rates: '',
    reductions: '',
  };
}

const NEW = 'new';

function YearForm({ years, onSaved }: { years: TaxYearSettings[]; onSaved: () => void }) {
  const latest = years[0];
  const [choice, setChoice] = useState<string>(latest ? String(latest.taxYear) : NEW);
  const [form, setForm] = useState<YearFormState>(() =>
    latest ? toForm(latest) : blankForm(new Date().getFullYear() + 543),
  );
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [yearInvalid, setYearInvalid] = useState(false);

  const pick = (value: string) => {
    setChoice(value);
    setSaved(false);
    setError(null);
    const found = years.find((y) => String(y.taxYear) === value);
    setForm(found ? toForm(found) : blankForm((latest?.taxYear ?? new Date().getFullYear() + 542) + 1));
  };

  const set = (key: keyof YearFormState, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  const loadBuiltIn = async () => {
    setError(null);
    try {
      const text = await builtInRules(Number(form.taxYear));
      const parsed = JSON.parse(text) as { rates: unknown; reductions: unknown };
      setForm((f) => ({ ...f, rates: json(parsed.rates), reductions: json(parsed.reductions) }));
    } catch (caught) {
      setError(toIpcError(caught));
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const taxYear = Number(form.taxYear);
    const days = Number(form.warningDays);
    const badYear = !/^\d{4}$/.test(form.taxYear.trim());
    setYearInvalid(badYear);
    if (badYear) return;
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      // The office's own tables are checked in core first (ceilings, band order), then saved with the dates.
      const rules = await checkRules(form.rates || null, form.reductions || null);
      const year: TaxYearSettings = {
        taxYear,
        noticeDate: form.noticeDate,
        dueDate: form.dueDate,
        instalmentDates: [form.i1, form.i2, form.i3],
        warningDate: form.warningDate || null,
        warningDays: Number.isInteger(days) ? days : 0,
        rates: rules.rates,
        reductions: rules.reductions,
      };
      const result = await saveTaxYear(year);
      setForm(toForm(result));
      setChoice(String(result.taxYear));
      setSaved(true);
      onSaved();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="tax-year-settings">
      <h3>{t('tax_settings.calendar')}</h3>
      <div class="field">
        <label class="field-label" for="tax-year-choice">
          {t('tax_settings.year_choice')}
        </label>
        <select
          id="tax-year-choice"
          data-testid="tax-year-choice"
          value={choice}
          onChange={(e) => pick(e.currentTarget.value)}
        >
          {years.map((y) => (
            <option key={y.taxYear} value={String(y.taxYear)}>
              {y.taxYear}
            </option>
          ))}
          <option value={NEW}>{t('tax_settings.new_year')}</option>
        </select>
      </div>
      <form class="policy-form" noValidate data-testid="tax-year-form" onSubmit={(e) => void save(e)}>
        <TextField
          testId="tax-year-year"
          errorTestId="tax-year-year-error"
          label={t('tax_settings.tax_year')}
          hint={t('tax_settings.tax_year_hint')}
          inputMode="numeric"
          value={form.taxYear}
          error={yearInvalid ? t('tax_settings.tax_year_invalid') : null}
          onValue={(v) => set('taxYear', v)}
        />
        {DATE_FIELDS.map((f) => {
          const id = `field-${f.testId}`;
          const value = form[f.key];
          return (
            <div class="field" key={f.key}>
              <label class="field-label" for={id}>
                {t(f.label)}
              </label>
              <ThaiDateInput id={id} data-testid={f.testId} value={value} onValue={(iso) => set(f.key, iso)} />
            </div>
          );
        })}
        <TextField
          testId="tax-year-warning-days"
          errorTestId="tax-year-warning-days-error"
          label={t('tax_settings.warning_days')}
          inputMode="numeric"
          value={form.warningDays}
          onValue={(v) => set('warningDays', v)}
        />
        <details class="tax-own-rates">
          <summary>{t('tax_settings.own_rates')}</summary>
          <p class="muted">{t('tax_settings.own_rates_hint')}</p>
          <button
            type="button"
            class="button button-secondary"
            data-testid="tax-year-load-built-in"
            onClick={() => void loadBuiltIn()}
          >
            {t('tax_settings.load_built_in')}
          </button>
          <TextField
            testId="tax-year-rates"
            errorTestId="tax-year-rates-error"
            label={t('tax_settings.rates')}
            multiline
            value={form.rates}
            onValue={(v) => set('rates', v)}
          />
          <TextField
            testId="tax-year-reductions"
            errorTestId="tax-year-reductions-error"
            label={t('tax_settings.reductions')}
            multiline
            value={form.reductions}
            onValue={(v) => set('reductions', v)}
          />
        </details>
        <ErrorAlert error={error} />
        {saved && (
          <p role="status" class="alert alert-success" data-testid="tax-year-saved">
            {t('tax_settings.year_saved', { year: form.taxYear })}
          </p>
        )}
        <button type="submit" class="button button-primary" data-testid="tax-year-save" disabled={busy}>
          {t('tax_settings.save_year')}
        </button>
      </form>
    </div>
  );
}

function BillerForm({ current, officeTaxId }: { current: string; officeTaxId: string }) {
  const [value, setValue] = useState(current);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    try {
      setValue(await setBillerId(value));
      setSaved(true);
    } catch (caught) {
      setError(toIpcError(caught));
    }
  };
  return (
    <form class="policy-form" noValidate data-testid="tax-biller-form" onSubmit={(e) => void save(e)}>
      <h3>{t('tax_settings.biller')}</h3>
      <TextField
        testId="tax-biller-id"
        errorTestId="tax-biller-id-error"
        label={t('tax_settings.biller_id')}
        hint={t('tax_settings.biller_hint', { taxId: officeTaxId })}
        inputMode="numeric"
        value={value}
        error={error?.message ?? null}
        onValue={(v) => {
          setValue(v);
          setSaved(false);
        }}
      />
      {!current && !saved && <p class="muted">{t('tax_settings.biller_unset')}</p>}
      {saved && (
        <p role="status" class="alert alert-success" data-testid="tax-biller-saved">
          {t('tax_settings.biller_saved')}
        </p>
      )}
      <button type="submit" class="button" data-testid="tax-biller-save">
        {t('tax_settings.save_biller')}
      </button>
    </form>
  );
}

function BlockForm({ current }: { current: number }) {
  const [value, setValue] = useState(String(current));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    setError(null);
    const n = Number(value);
    try {
      setValue(String(await setNoticeBlock(Number.isInteger(n) ? n : 0)));
      setSaved(true);
    } catch (caught) {
      setError(toIpcError(caught));
    }
  };
  return (
    <form class="policy-form" noValidate data-testid="tax-block-form" onSubmit={(e) => void save(e)}>
      <h3>{t('tax_settings.block')}</h3>
      <TextField
        testId="tax-notice-block"
        errorTestId="tax-notice-block-error"
        label={t('tax_settings.block_label')}
        hint={t('tax_settings.block_hint')}
        inputMode="numeric"
        value={value}
        error={error?.message ?? null}
        onValue={(v) => {
          setValue(v);
          setSaved(false);
        }}
      />
      {saved && (
        <p role="status" class="alert alert-success" data-testid="tax-block-saved">
          {t('tax_settings.block_saved')}
        </p>
      )}
      <button type="submit" class="button" data-testid="tax-block-save">
        {t('tax_settings.save_block')}
      </button>
    </form>
  );
}
