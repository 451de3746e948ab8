import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import type { SessionView } from '../../api/session';
import { changeOwnPassword } from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { t, type MessageKey } from '../../i18n';
import { focusTestId } from './focus';

/** The shortest password the backend accepts. */
export const MIN_PASSWORD_LENGTH = 8;

type Props = {
  /** Test ids: `<prefix>-current`, `<prefix>-new`, `<prefix>-confirm`, `<prefix>-submit`, errors `<prefix>-error-…`. */
  prefix: string;
  /** The password was changed; the backend's new session view. */
  onChanged: (session: SessionView) => void;
  /** Focus the first field when shown. */
  autoFocus?: boolean;
};

type Field = 'current' | 'new' | 'confirm';

/** The signed-in user changes their own password: current, new, and the new one again (checked here first). */
export function PasswordChangeForm({ prefix, onChanged, autoFocus = false }: Props) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const root = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (autoFocus) focusTestId(root.current, `${prefix}-current`);
  }, [autoFocus, prefix]);

  const problems = new Map<Field, MessageKey>();
  if (submitted && current === '') problems.set('current', 'validate.required');
  if (submitted && next.length < MIN_PASSWORD_LENGTH) problems.set('new', 'validate.password_min');
  if ((submitted || confirm !== '') && confirm !== next) problems.set('confirm', 'validate.password_mismatch');
  const err = (field: Field) => {
    const key = problems.get(field);
    return key ? t(key) : null;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    const first = (['current', 'new', 'confirm'] as const).find((field) =>
      field === 'current' ? current === '' : field === 'new' ? next.length < MIN_PASSWORD_LENGTH : confirm !== next,
    );
    if (first) {
      focusTestId(root.current, `${prefix}-${first}`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await changeOwnPassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setSubmitted(false);
      onChanged(session);
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={root} class="password-form" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        testId={`${prefix}-current`}
        errorTestId={`${prefix}-error-current`}
        label={t('account.password_current')}
        password
        required
        autoComplete="current-password"
        value={current}
        onValue={setCurrent}
        error={err('current')}
      />
      <TextField
        testId={`${prefix}-new`}
        errorTestId={`${prefix}-error-new`}
        label={t('account.password_new')}
        hint={t('account.password_hint')}
        password
        required
        autoComplete="new-password"
        value={next}
        onValue={setNext}
        error={err('new')}
      />
      <TextField
        testId={`${prefix}-confirm`}
        errorTestId={`${prefix}-error-confirm`}
        label={t('account.password_confirm')}
        password
        required
        autoComplete="new-password"
        value={confirm}
        onValue={setConfirm}
        error={err('confirm')}
      />
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <button type="submit" class="button button-primary" data-testid={`${prefix}-submit`} disabled={busy}>
        {busy ? t('app.saving') : t('account.password_submit')}
      </button>
    </form>
  );
}
