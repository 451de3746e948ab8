import { useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { setupOffice } from '../../api/office';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { AppStatus } from '../../generated/AppStatus';
import { t, type MessageKey } from '../../i18n';
import { checkTaxId } from '../../lib/taxId';
import { LOGO_TYPES, readLogo } from './logo';
import {
  emptyForm,
  liveErrors,
  newCounterRow,
  toOfficeSetup,
  validateForm,
  type CounterRow,
  type FieldErrors,
  type FieldId,
  type SetupForm,
} from './setupForm';

type Props = {
  /** The office was created; `status` is the backend's new status. */
  onDone: (status: AppStatus) => void;
  /** Back to the demo/real choice. */
  onBack: () => void;
};

/** The real-office setup: office details, counters, first administrator, in three numbered sections. */
export function SetupWizard({ onDone, onBack }: Props) {
  const [form, setForm] = useState<SetupForm>(emptyForm);
  const [submitted, setSubmitted] = useState(false);
  const [logoError, setLogoError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [backendError, setBackendError] = useState<IpcError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const logoInput = useRef<HTMLInputElement>(null);

  const errors: FieldErrors = submitted ? validateForm(form) : liveErrors(form);
  const err = (id: FieldId) => {
    const key = errors.get(id);
    return key ? t(key) : null;
  };
  const update = (patch: Partial<SetupForm>) => setForm((f) => ({ ...f, ...patch }));
  const updateCounter = (key: number, patch: Partial<CounterRow>) =>
    setForm((f) => ({ ...f, counters: f.counters.map((c) => (c.key === key ? { ...c, ...patch } : c)) }));

  const onLogo = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const res = await readLogo(file);
    if (res.ok) {
      setLogoError(null);
      update({ logo: res.logo });
    } else {
      setLogoError(res.error);
      update({ logo: null });
      input.value = '';
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    const found = validateForm(form);
    if (found.size > 0) {
      // Put the clerk on the first problem; "no counters" has no field of its own, so offer the add button.
      const first = found.keys().next().value;
      const target = first === 'counters' ? 'counter-add' : first;
      if (target !== undefined) formRef.current?.querySelector<HTMLElement>(`[data-testid="setup-${target}"]`)?.focus();
      return;
    }
    setBusy(true);
    setBackendError(null);
    try {
      onDone(await setupOffice(toOfficeSetup(form)));
    } catch (caught) {
      setBackendError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  const taxIdOk = checkTaxId(form.taxId) === 'ok';

  return (
    <form ref={formRef} class="setup-form" noValidate onSubmit={(e) => void submit(e)} data-testid="setup-form">
      <h1>{t('setup.form_title')}</h1>
      <p class="muted">{t('setup.required_note')}</p>

      <fieldset class="card">
        <legend>{t('setup.step_office')}</legend>
        <TextField
          testId="setup-name"
          errorTestId="setup-error-name"
          label={t('setup.name')}
          hint={t('setup.name_hint')}
          required
          value={form.name}
          onValue={(name) => update({ name })}
          error={err('name')}
        />
        <TextField
          testId="setup-code"
          errorTestId="setup-error-code"
          label={t('setup.code')}
          required
          value={form.code}
          onValue={(code) => update({ code })}
          error={err('code')}
        />
        <TextField
          testId="setup-address"
          errorTestId="setup-error-address"
          label={t('setup.address')}
          multiline
          required
          value={form.address}
          onValue={(address) => update({ address })}
          error={err('address')}
        />
        <TextField
          testId="setup-taxid"
          errorTestId="setup-error-taxid"
          label={t('setup.tax_id')}
          inputMode="numeric"
          maxLength={17}
          required
          value={form.taxId}
          onValue={(taxId) => update({ taxId })}
          error={err('taxid')}
          success={taxIdOk ? t('setup.tax_id_ok') : null}
        />
        <div class={`field${logoError ? ' field-invalid' : ''}`}>
          <label for="field-setup-logo" class="field-label">
            {t('setup.logo')}
          </label>
          <div class="file-picker">
            <input
              id="field-setup-logo"
              ref={logoInput}
              class="visually-hidden"
              type="file"
              accept={LOGO_TYPES.join(',')}
              data-testid="setup-logo"
              aria-invalid={logoError ? true : undefined}
              aria-describedby={logoError ? 'field-setup-logo-msg' : undefined}
              onChange={(e) => void onLogo(e.currentTarget)}
            />
            <label for="field-setup-logo" class="button button-secondary">
              {t('setup.logo_choose')}
            </label>
            {!form.logo && <span class="muted">{t('setup.logo_none')}</span>}
          </div>
          {logoError && (
            <p id="field-setup-logo-msg" class="field-error" data-testid="setup-error-logo">
              {t(logoError)}
            </p>
          )}
          {form.logo && (
            <div class="logo-preview">
              <img src={form.logo.dataUrl} alt={t('setup.logo_preview')} data-testid="setup-logo-preview" />
              <span>{form.logo.fileName}</span>
              <button
                type="button"
                class="button button-secondary"
                data-testid="setup-logo-clear"
                onClick={() => {
                  update({ logo: null });
                  if (logoInput.current) logoInput.current.value = '';
                }}
              >
                {t('setup.logo_clear')}
              </button>
            </div>
          )}
        </div>
      </fieldset>

      <fieldset class="card">
        <legend>{t('setup.step_counters')}</legend>
        {form.counters.map((row, idx) => {
          const n = String(idx + 1);
          return (
            <fieldset key={row.key} class="counter-row" data-testid={`setup-counter-${n}`}>
              <legend>{t('setup.counter_legend', { n })}</legend>
              <div class="counter-fields">
                <TextField
                  testId={`setup-counter-number-${n}`}
                  errorTestId={`setup-error-counter-number-${n}`}
                  label={t('setup.counter_number')}
                  inputMode="numeric"
                  maxLength={3}
                  required
                  value={row.number}
                  onValue={(number) => updateCounter(row.key, { number })}
                  error={err(`counter-number-${n}`)}
                />
                <TextField
                  testId={`setup-counter-name-${n}`}
                  errorTestId={`setup-error-counter-name-${n}`}
                  label={t('setup.counter_name')}
                  required
                  value={row.name}
                  onValue={(name) => updateCounter(row.key, { name })}
                  error={err(`counter-name-${n}`)}
                />
                <TextField
                  testId={`setup-counter-location-${n}`}
                  errorTestId={`setup-error-counter-location-${n}`}
                  label={t('setup.counter_location')}
                  value={row.location}
                  onValue={(location) => updateCounter(row.key, { location })}
                />
                <button
                  type="button"
                  class="button button-secondary"
                  data-testid={`setup-counter-remove-${n}`}
                  onClick={() => update({ counters: form.counters.filter((c) => c.key !== row.key) })}
                >
                  {t('setup.counter_remove', { n })}
                </button>
              </div>
            </fieldset>
          );
        })}
        {err('counters') && (
          <p class="field-error" data-testid="setup-error-counters">
            {err('counters')}
          </p>
        )}
        <button
          type="button"
          class="button button-secondary"
          data-testid="setup-counter-add"
          onClick={() => update({ counters: [...form.counters, newCounterRow(form.counters)] })}
        >
          {t('setup.counter_add')}
        </button>
      </fieldset>

      <fieldset class="card">
        <legend>{t('setup.step_admin')}</legend>
        <TextField
          testId="setup-admin-username"
          errorTestId="setup-error-admin-username"
          label={t('setup.admin_username')}
          required
          autoComplete="username"
          value={form.adminUsername}
          onValue={(adminUsername) => update({ adminUsername })}
          error={err('admin-username')}
        />
        <TextField
          testId="setup-admin-name"
          errorTestId="setup-error-admin-name"
          label={t('setup.admin_name')}
          required
          autoComplete="name"
          value={form.adminName}
          onValue={(adminName) => update({ adminName })}
          error={err('admin-name')}
        />
        <TextField
          testId="setup-admin-password"
          errorTestId="setup-error-admin-password"
          label={t('setup.admin_password')}
          password
          required
          autoComplete="new-password"
          value={form.adminPassword}
          onValue={(adminPassword) => update({ adminPassword })}
          error={err('admin-password')}
        />
        <TextField
          testId="setup-admin-password2"
          errorTestId="setup-error-admin-password2"
          label={t('setup.admin_password2')}
          password
          required
          autoComplete="new-password"
          value={form.adminPassword2}
          onValue={(adminPassword2) => update({ adminPassword2 })}
          error={err('admin-password2')}
        />
      </fieldset>

      {submitted && errors.size > 0 && (
        <p class="form-summary" role="status" data-testid="setup-invalid">
          {t('setup.fix_errors')}
        </p>
      )}
      <ErrorAlert error={backendError} onDismiss={() => setBackendError(null)} />
      <div class="form-actions">
        <button type="button" class="button button-secondary" data-testid="setup-back" onClick={onBack}>
          {t('setup.back')}
        </button>
        <button type="submit" class="button button-primary" data-testid="setup-submit" disabled={busy}>
          {busy ? t('setup.working') : t('setup.submit')}
        </button>
      </div>
    </form>
  );
}
