import type { SessionView } from '../../api/session';
import { t } from '../../i18n';
import { PasswordChangeForm } from './PasswordChangeForm';

type Props = {
  session: SessionView;
  /** The new password is set: the backend's new session view (no longer "must change"). */
  onChanged: (session: SessionView) => void;
  onSignOut: () => void;
};

/** After a reset (or for a new account), the user chooses their own password before anything else. */
export function ChangePasswordScreen({ session, onChanged, onSignOut }: Props) {
  return (
    <section class="signin" data-testid="change-password-screen" aria-labelledby="cp-title">
      <div class="card signin-card">
        <h1 id="cp-title">{t('cp.title')}</h1>
        <p class="lead">{t('cp.intro', { name: session.user.displayName })}</p>
        <PasswordChangeForm prefix="cp" onChanged={onChanged} autoFocus />
        <p class="signin-aside">
          <button type="button" class="button button-secondary" data-testid="cp-signout" onClick={onSignOut}>
            {t('session.sign_out')}
          </button>
        </p>
      </div>
    </section>
  );
}
