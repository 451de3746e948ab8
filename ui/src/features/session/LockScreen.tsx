import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { signIn, type SessionView, type UserSummary } from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { t } from '../../i18n';
import { roleLabel } from '../../lib/roles';
import { focusTestId } from './focus';

type Props = {
  /** Whose screen is locked. */
  user: UserSummary;
  /** Unlocked (or signed in again): the backend's session view. */
  onSignedIn: (session: SessionView) => void;
  /** Someone else wants to sign in: go to the plain sign-in screen. */
  onSwitchUser: () => void;
};

/** The locked screen: the same user types their password or PIN to go on where they left off. */
export function LockScreen({ user, onSignedIn, onSwitchUser }: Props) {
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    focusTestId(root.current, 'lock-secret');
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(user.username, secret));
    } catch (caught) {
      setError(toIpcError(caught));
      setSecret('');
      focusTestId(root.current, 'lock-secret');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={root} class="signin" data-testid="lock-screen" aria-labelledby="lock-title">
      <form class="card signin-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p class="lead" data-testid="lock-user">
          {t('lock.who', { name: user.displayName, role: roleLabel(user.role) })}
        </p>
        <TextField
          testId="lock-secret"
          errorTestId="lock-error-secret"
          label={t('signin.secret')}
          hint={t('signin.secret_hint')}
          password
          autoComplete="current-password"
          value={secret}
          onValue={setSecret}
        />
        <ErrorAlert error={error} />
        <div class="form-actions">
          <button type="button" class="button button-secondary" data-testid="lock-switch-user" onClick={onSwitchUser}>
            {t('lock.switch_user')}
          </button>
          <button type="submit" class="button button-primary" data-testid="lock-submit" disabled={busy}>
            {busy ? t('signin.working') : t('lock.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
