import { useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import {
  getSecurityPolicy,
  setSecurityPolicy,
  type SecurityPolicy,
  type SecurityPolicySettings,
} from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t, type MessageKey } from '../../i18n';
import { badWholeNumbers } from './wholeNumber';

type Props = {
  /** The policy was saved (the idle-lock time of the session may have changed). */
  onSaved?: (policy: SecurityPolicy) => void;
};

type Form = Record<keyof SecurityPolicy, string>;

/** The fields, their test ids and labels; the ranges come from the backend with the policy. */
const FIELDS: readonly { key: keyof SecurityPolicy; testId: string; label: MessageKey }[] = [
  { key: 'maxFailures', testId: 'policy-max-failures', label: 'policy.max_failures' },
  { key: 'lockMinutes', testId: 'policy-lock-minutes', label: 'policy.lock_minutes' },
  { key: 'idleLockMinutes', testId: 'policy-idle-minutes', label: 'policy.idle_minutes' },
];

function toForm(policy: SecurityPolicy): Form {
  return {
    maxFailures: String(policy.maxFailures),
    lockMinutes: String(policy.lockMinutes),
    idleLockMinutes: String(policy.idleLockMinutes),
  };
}

/** "Sign-in security" for administrators: lockout after wrong tries, and the idle screen lock. */
export function PolicySection({ onSaved }: Props) {
  const [form, setForm] = useState<Form | null>(null);
  const [limits, setLimits] = useState<Pick<SecurityPolicySettings, 'min' | 'max'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  /** Fields that are not a whole number (the backend takes whole minutes and counts only). */
  const [invalid, setInvalid] = useState<readonly (keyof SecurityPolicy)[]>([]);

  useEffect(() => {
    getSecurityPolicy().then(
      (settings) => {
        setForm(toForm(settings.policy));
        setLimits(settings);
      },
      (err: unknown) => setError(toIpcError(err)),
    );
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!form) return;
    const wrong = badWholeNumbers(FIELDS, form);
    setInvalid(wrong.map((f) => f.key));
    if (wrong.length > 0) return;
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      // The backend checks the ranges and says which value is out of range.
      const settings = await setSecurityPolicy({
        maxFailures: Number(form.maxFailures),
        lockMinutes: Number(form.lockMinutes),
        idleLockMinutes: Number(form.idleLockMinutes),
      });
      setForm(toForm(settings.policy));
      setLimits(settings);
      setSaved(true);
      onSaved?.(settings.policy);
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" data-testid="policy-section" aria-labelledby="policy-title">
      <h2 id="policy-title">{t('policy.title')}</h2>
      <p class="muted">{t('policy.intro')}</p>
      {form === null && !error && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {form && limits && (
        <form class="policy-form" noValidate onSubmit={(e) => void save(e)}>
          {FIELDS.map((field) => {
            const id = `field-${field.testId}`;
            const wrong = invalid.includes(field.key);
            const describedBy = wrong ? `${id}-hint ${id}-msg` : `${id}-hint`;
            return (
              <div class={`field${wrong ? ' field-invalid' : ''}`} key={field.key}>
                <label class="field-label" for={id}>
                  {t(field.label)}
                </label>
                <p class="field-hint" id={`${id}-hint`}>
                  {t('policy.range', { min: limits.min[field.key], max: limits.max[field.key] })}
                </p>
                <input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={limits.min[field.key]}
                  max={limits.max[field.key]}
                  step={1}
                  required
                  data-testid={field.testId}
                  aria-invalid={wrong ? true : undefined}
                  aria-describedby={describedBy}
                  value={form[field.key]}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setSaved(false);
                    setForm((f) => (f ? { ...f, [field.key]: value } : f));
                  }}
                />
                {wrong && (
                  <p id={`${id}-msg`} class="field-error" data-testid={`${field.testId}-error`}>
                    {t('validate.whole_number')}
                  </p>
                )}
              </div>
            );
          })}
          <div role="status" class="form-status">
            {saved && (
              <p class="form-success" data-testid="policy-saved">
                {t('policy.saved')}
              </p>
            )}
          </div>
          <button type="submit" class="button button-primary" data-testid="policy-save" disabled={busy}>
            {busy ? t('app.saving') : t('policy.save')}
          </button>
        </form>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
