import { useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import type { SessionView } from '../../api/session';
import { setOwnPin } from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { t, type MessageKey } from '../../i18n';
import { roleLabel } from '../../lib/roles';
import { PasswordChangeForm } from '../session';

type Props = {
  session: SessionView;
  /** The backend's new session view after a change (a PIN set or removed). */
  onSession: (session: SessionView) => void;
};

/** "My account", for everyone: change one's own password, set or remove the quick-switch PIN. */
export function AccountSection({ session, onSession }: Props) {
  const [saved, setSaved] = useState<MessageKey | null>(null);
  const { user } = session;
  return (
    <section class="card" data-testid="account-section" aria-labelledby="account-title">
      <h2 id="account-title">{t('account.title')}</h2>
      <p class="muted" data-testid="account-who">
        {t('account.signed_in_as', { name: user.displayName, username: user.username, role: roleLabel(user.role) })}
      </p>
      <div role="status" class="form-status">
        {saved && (
          <p class="form-success" data-testid="account-saved">
            {t(saved)}
          </p>
        )}
      </div>
      <div class="account-forms">
        <div>
          <h3>{t('account.password_heading')}</h3>
          <PasswordChangeForm
            prefix="account-password"
            onChanged={(next) => {
              onSession(next);
              setSaved('account.password_saved');
            }}
          />
        </div>
        <PinForm
          session={session}
          onSaved={(next, message) => {
            onSession(next);
            setSaved(message);
          }}
        />
      </div>
    </section>
  );
}

type PinProblems = { password?: MessageKey; pin?: MessageKey };

/** Sets (or removes) the 6-digit PIN that unlocks the screen quickly; the password confirms it. */
function PinForm({
  session,
  onSaved,
}: {
  session: SessionView;
  onSaved: (session: SessionView, message: MessageKey) => void;
}) {
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [problems, setProblems] = useState<PinProblems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const root = useRef<HTMLFormElement>(null);

  const save = async (remove: boolean) => {
    const found: PinProblems = {};
    if (password === '') found.password = 'validate.required';
    if (!remove && !/^\d{6}$/.test(pin)) found.pin = 'validate.pin_format';
    setProblems(found);
    const first = found.password ? 'pin-current-password' : found.pin ? 'pin-new' : null;
    if (first) {
      root.current?.querySelector<HTMLElement>(`[data-testid="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await setOwnPin(password, remove ? null : pin);
      setPassword('');
      setPin('');
      onSaved(next, remove ? 'account.pin_removed' : 'account.pin_saved');
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={root}
      class="pin-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <h3>{t('account.pin_heading')}</h3>
      <p data-testid="pin-status" data-has-pin={session.hasPin}>
        {session.hasPin ? t('account.pin_set') : t('account.pin_none')}
      </p>
      <p class="field-hint">{t('account.pin_hint')}</p>
      <TextField
        testId="pin-current-password"
        errorTestId="pin-error-current-password"
        label={t('account.password_current')}
        password
        required
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        error={problems.password ? t(problems.password) : null}
      />
      <TextField
        testId="pin-new"
        errorTestId="pin-error-new"
        label={t('account.pin_new')}
        password
        inputMode="numeric"
        maxLength={6}
        autoComplete="off"
        value={pin}
        onValue={setPin}
        error={problems.pin ? t(problems.pin) : null}
      />
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div class="button-row">
        <button type="submit" class="button button-primary" data-testid="pin-submit" disabled={busy}>
          {session.hasPin ? t('account.pin_change') : t('account.pin_submit')}
        </button>
        {session.hasPin && (
          <button
            type="button"
            class="button button-secondary"
            data-testid="pin-remove"
            disabled={busy}
            onClick={() => void save(true)}
          >
            {t('account.pin_remove')}
          </button>
        )}
      </div>
    </form>
  );
}
