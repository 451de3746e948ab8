import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import {
  getSignInScreen,
  signIn,
  type DemoAccount,
  type SessionView,
  type SignInScreen as SignInData,
} from '../../api/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { t } from '../../i18n';
import { roleLabel } from '../../lib/roles';
import { focusTestId } from './focus';

type Props = {
  /** Signed in: the backend's session view. */
  onSignedIn: (session: SessionView) => void;
  /** Someone's screen is locked and they chose "another user": offers the way back to the lock screen. */
  onBackToLock?: (() => void) | undefined;
};

/** Who is at the counter: username, and a password or 6-digit PIN in one field. The demo office lists its accounts. */
export function SignInScreen({ onSignedIn, onBackToLock }: Props) {
  const [data, setData] = useState<SignInData | null>(null);
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    focusTestId(root.current, 'signin-username');
    getSignInScreen().then(setData, (err: unknown) => setError(toIpcError(err)));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), secret));
    } catch (caught) {
      setError(toIpcError(caught));
      setSecret('');
      focusTestId(root.current, username.trim() === '' ? 'signin-username' : 'signin-secret');
    } finally {
      setBusy(false);
    }
  };

  const pick = (account: DemoAccount) => {
    setUsername(account.username);
    setSecret('');
    focusTestId(root.current, 'signin-secret');
  };

  const office = data?.office ?? null;
  return (
    <section ref={root} class="signin" data-testid="signin-screen" aria-labelledby="signin-title">
      {office && (
        <div class="signin-office">
          {office.logoDataUrl && <img class="signin-logo" src={office.logoDataUrl} alt="" />}
          <p class="signin-office-name" data-testid="signin-office">
            {office.name}
          </p>
        </div>
      )}
      <form class="card signin-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="signin-title">{t('signin.title')}</h1>
        <TextField
          testId="signin-username"
          errorTestId="signin-error-username"
          label={t('signin.username')}
          autoComplete="username"
          value={username}
          onValue={setUsername}
        />
        <TextField
          testId="signin-secret"
          errorTestId="signin-error-secret"
          label={t('signin.secret')}
          hint={t('signin.secret_hint')}
          password
          autoComplete="current-password"
          value={secret}
          onValue={setSecret}
        />
        <ErrorAlert error={error} />
        <div class="form-actions">
          {onBackToLock && (
            <button
              type="button"
              class="button button-secondary"
              data-testid="signin-back-to-lock"
              onClick={onBackToLock}
            >
              {t('signin.back_to_lock')}
            </button>
          )}
          <button type="submit" class="button button-primary" data-testid="signin-submit" disabled={busy}>
            {busy ? t('signin.working') : t('signin.submit')}
          </button>
        </div>
      </form>
      {data && data.demoAccounts.length > 0 && <DemoAccounts accounts={data.demoAccounts} onPick={pick} />}
    </section>
  );
}

/** The demo office's made-up accounts: a click on a row fills in the username. */
function DemoAccounts({ accounts, onPick }: { accounts: DemoAccount[]; onPick: (account: DemoAccount) => void }) {
  return (
    <section class="card demo-accounts" data-testid="signin-demo-accounts" aria-labelledby="signin-demo-title">
      <h2 id="signin-demo-title">{t('signin.demo_title')}</h2>
      <p class="note">{t('signin.demo_note')}</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('signin.demo_name')}</th>
            <th scope="col">{t('settings.role')}</th>
            <th scope="col">{t('settings.username')}</th>
            <th scope="col">{t('signin.demo_password')}</th>
            <th scope="col">{t('signin.demo_pin')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr
              key={account.username}
              class="clickable-row"
              data-testid={`signin-demo-${account.username}`}
              onClick={() => onPick(account)}
            >
              <th scope="row">{account.displayName}</th>
              <td>{roleLabel(account.role)}</td>
              <td>
                {/* The row takes the click; the button makes it reachable from the keyboard. */}
                <button
                  type="button"
                  class="link-button"
                  aria-label={t('signin.demo_use', { name: account.displayName })}
                >
                  {account.username}
                </button>
              </td>
              <td>
                <code>{account.password}</code>
              </td>
              <td>
                <code>{account.pin}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
