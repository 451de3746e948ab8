import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getOfficeOverview } from '../../api/office';
import { setUserDepartment } from '../../api/requests';
import {
  createUser,
  listUserAccounts,
  resetUserPassword,
  setUserActive,
  setUserRole,
  type Role,
  type UserAccount,
} from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { lang, t, type MessageKey } from '../../i18n';
import { formatTimestamp } from '../../lib/dates';
import { roleLabel } from '../../lib/roles';
import { MIN_PASSWORD_LENGTH } from '../session';

/** The roles in the order the selects offer them. */
const ROLES: readonly Role[] = ['clerk', 'finance', 'supervisor', 'admin'];

/** The row whose inline step is open: a password reset, or the confirmation of (de)activation. */
type Step = { kind: 'reset' | 'toggle'; userId: string } | null;

/** "Users" for administrators: every account, with role, reset, deactivate/reactivate, and a create form. */
export function UsersAdmin() {
  const [accounts, setAccounts] = useState<UserAccount[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [step, setStep] = useState<Step>(null);
  const [resetPassword, setResetPassword] = useState('');
  const [resetProblem, setResetProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [divisions, setDivisions] = useState<Division[]>([]);
  const root = useRef<HTMLElement>(null);

  const reload = useCallback(
    () =>
      listUserAccounts().then(
        (list) => setAccounts(list),
        (err: unknown) => setError(toIpcError(err)),
      ),
    [],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  // The divisions requests are routed to; without them the column offers "none" only.
  useEffect(() => {
    getOfficeOverview().then(
      (o) => setDivisions(o.departments.map((d) => ({ code: d.code, nameTh: d.nameTh, nameEn: d.nameEn }))),
      () => undefined,
    );
  }, []);

  // An inline step puts focus on its first control.
  useLayoutEffect(() => {
    if (!step) return;
    const account = accounts?.find((a) => a.id === step.userId);
    if (!account) return;
    const id =
      step.kind === 'reset' ? `user-reset-password-${account.username}` : `user-toggle-confirm-${account.username}`;
    root.current?.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.focus();
    // Only when a step opens, not on every reload of the list.
  }, [step]);

  /** Runs one change, says so, closes the inline step, and reloads the list whatever happened; true if it worked. */
  const run = async (change: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setSaved(null);
    let ok = false;
    try {
      await change();
      ok = true;
      setSaved(done);
      setStep(null);
      setResetPassword('');
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
      await reload();
    }
    return ok;
  };

  const openStep = (next: Step) => {
    setStep(next);
    setResetPassword('');
    setResetProblem(null);
  };

  const confirmReset = (account: UserAccount) => {
    if (resetPassword.length < MIN_PASSWORD_LENGTH) {
      setResetProblem('validate.password_min');
      root.current?.querySelector<HTMLElement>(`[data-testid="user-reset-password-${account.username}"]`)?.focus();
      return;
    }
    setResetProblem(null);
    void run(() => resetUserPassword(account.id, resetPassword), t('users.reset_done', { name: account.displayName }));
  };

  return (
    <section ref={root} class="card" data-testid="users-section" aria-labelledby="users-title">
      <h2 id="users-title">{t('users.title')}</h2>
      <p class="muted">{t('users.intro')}</p>
      <div role="status" class="form-status">
        {saved && (
          <p class="form-success" data-testid="users-saved">
            {saved}
          </p>
        )}
      </div>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {accounts === null ? (
        !error && (
          <p class="muted" role="status">
            {t('app.loading')}
          </p>
        )
      ) : (
        <table class="table users-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.display_name')}</th>
              <th scope="col">{t('settings.username')}</th>
              <th scope="col">{t('settings.role')}</th>
              <th scope="col">{t('users.division')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.pin')}</th>
              <th scope="col">{t('users.must_change')}</th>
              <th scope="col">{t('users.locked_until')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <AccountRows
                key={account.id}
                account={account}
                step={step?.userId === account.id ? step.kind : null}
                busy={busy}
                divisions={divisions}
                resetPassword={resetPassword}
                resetProblem={resetProblem}
                onResetPassword={setResetPassword}
                onOpen={(kind) => openStep({ kind, userId: account.id })}
                onCancel={() => openStep(null)}
                onRole={(role) =>
                  void run(
                    () => setUserRole(account.id, role),
                    t('users.role_changed', { name: account.displayName, role: roleLabel(role) }),
                  )
                }
                onDivision={(code) =>
                  void run(
                    () => setUserDepartment(account.id, code),
                    t('users.division_changed', {
                      name: account.displayName,
                      division: divisionName(divisions, code),
                    }),
                  )
                }
                onConfirmReset={() => confirmReset(account)}
                onConfirmToggle={() =>
                  void run(
                    () => setUserActive(account.id, !account.active),
                    t(account.active ? 'users.deactivated' : 'users.reactivated', { name: account.displayName }),
                  )
                }
              />
            ))}
          </tbody>
        </table>
      )}
      <CreateUserForm
        busy={busy}
        onCreate={(input) => run(() => createUser(input), t('users.created', { username: input.username.trim() }))}
      />
    </section>
  );
}

/** A division users can belong to. */
type Division = { code: string; nameTh: string; nameEn: string };

function divisionName(divisions: readonly Division[], code: string | null): string {
  const d = divisions.find((it) => it.code === code);
  if (!d) return t('users.no_division');
  return lang.value === 'en' ? d.nameEn : d.nameTh;
}

type RowProps = {
  account: UserAccount;
  step: 'reset' | 'toggle' | null;
  busy: boolean;
  divisions: readonly Division[];
  onDivision: (code: string | null) => void;
  resetPassword: string;
  resetProblem: MessageKey | null;
  onResetPassword: (value: string) => void;
  onOpen: (kind: 'reset' | 'toggle') => void;
  onCancel: () => void;
  onRole: (role: Role) => void;
  onConfirmReset: () => void;
  onConfirmToggle: () => void;
};

/** One account's row, and below it the inline step when one is open. */
function AccountRows(props: RowProps) {
  const { account, step, busy } = props;
  const u = account.username;
  return (
    <>
      <tr
        data-testid={`user-row-${u}`}
        data-active={account.active}
        class={account.active ? undefined : 'row-inactive'}
      >
        <th scope="row">{account.displayName}</th>
        <td>{u}</td>
        <td>
          <select
            class="select"
            data-testid={`user-role-${u}`}
            aria-label={t('users.role_of', { name: account.displayName })}
            value={account.role}
            disabled={busy}
            onChange={(e) => props.onRole(e.currentTarget.value as Role)}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        </td>
        <td>
          <select
            class="select"
            data-testid={`user-division-${u}`}
            aria-label={t('users.division_of', { name: account.displayName })}
            value={account.departmentCode ?? ''}
            disabled={busy}
            onChange={(e) => props.onDivision(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          >
            <option value="">{t('users.no_division')}</option>
            {props.divisions.map((d) => (
              <option key={d.code} value={d.code}>
                {lang.value === 'en' ? d.nameEn : d.nameTh}
              </option>
            ))}
          </select>
        </td>
        <td data-testid={`user-state-${u}`}>
          <span class={`badge ${account.active ? 'badge-ok' : 'badge-off'}`}>
            {account.active ? t('users.active') : t('users.inactive')}
          </span>
        </td>
        <td data-testid={`user-pin-${u}`}>{account.hasPin ? t('users.yes') : t('users.no')}</td>
        <td data-testid={`user-must-change-${u}`}>{account.mustChangePassword ? t('users.yes') : t('users.no')}</td>
        <td data-testid={`user-locked-${u}`}>
          {account.lockedUntil ? (
            <time dateTime={account.lockedUntil}>{formatTimestamp(account.lockedUntil, lang.value)}</time>
          ) : (
            <span class="muted">{t('users.not_locked')}</span>
          )}
        </td>
        <td class="row-actions">
          <button
            type="button"
            class="button button-secondary button-small"
            data-testid={`user-reset-${u}`}
            aria-expanded={step === 'reset'}
            disabled={busy}
            onClick={() => props.onOpen('reset')}
          >
            {t('users.reset')}
          </button>
          <button
            type="button"
            class="button button-secondary button-small"
            data-testid={`user-toggle-${u}`}
            aria-expanded={step === 'toggle'}
            disabled={busy}
            onClick={() => props.onOpen('toggle')}
          >
            {account.active ? t('users.deactivate') : t('users.reactivate')}
          </button>
        </td>
      </tr>
      {step === 'reset' && (
        <tr class="row-panel" data-testid={`user-reset-panel-${u}`}>
          <td colSpan={9}>
            <form
              class="inline-form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                props.onConfirmReset();
              }}
            >
              <TextField
                testId={`user-reset-password-${u}`}
                errorTestId={`user-reset-error-${u}`}
                label={t('users.reset_label', { name: account.displayName })}
                hint={t('users.reset_hint')}
                password
                autoComplete="new-password"
                value={props.resetPassword}
                onValue={props.onResetPassword}
                error={props.resetProblem ? t(props.resetProblem) : null}
              />
              <div class="button-row">
                <button
                  type="submit"
                  class="button button-primary"
                  data-testid={`user-reset-confirm-${u}`}
                  disabled={busy}
                >
                  {t('users.reset_confirm')}
                </button>
                <button
                  type="button"
                  class="button button-secondary"
                  data-testid={`user-reset-cancel-${u}`}
                  onClick={props.onCancel}
                >
                  {t('users.cancel')}
                </button>
              </div>
            </form>
          </td>
        </tr>
      )}
      {step === 'toggle' && (
        <tr class="row-panel" data-testid={`user-toggle-panel-${u}`}>
          <td colSpan={9}>
            <p>
              {t(account.active ? 'users.deactivate_confirm_text' : 'users.reactivate_confirm_text', {
                name: account.displayName,
              })}
            </p>
            <div class="button-row">
              <button
                type="button"
                class="button button-primary"
                data-testid={`user-toggle-confirm-${u}`}
                disabled={busy}
                onClick={props.onConfirmToggle}
              >
                {account.active ? t('users.deactivate_confirm') : t('users.reactivate_confirm')}
              </button>
              <button
                type="button"
                class="button button-secondary"
                data-testid={`user-toggle-cancel-${u}`}
                onClick={props.onCancel}
              >
                {t('users.cancel')}
              </button>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

type NewUser = { username: string; displayName: string; role: Role; password: string };
type CreateField = 'username' | 'name' | 'password';

/** A new account with a first password that the user must change at their first sign-in. */
function CreateUserForm({ busy, onCreate }: { busy: boolean; onCreate: (input: NewUser) => Promise<boolean> }) {
  const empty: NewUser = { username: '', displayName: '', role: 'clerk', password: '' };
  const [form, setForm] = useState<NewUser>(empty);
  const [problems, setProblems] = useState<Partial<Record<CreateField, MessageKey>>>({});
  const root = useRef<HTMLFormElement>(null);
  const update = (patch: Partial<NewUser>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Partial<Record<CreateField, MessageKey>> = {};
    if (form.username.trim() === '') found.username = 'validate.required';
    else if (/\s/.test(form.username.trim())) found.username = 'validate.username_spaces';
    if (form.displayName.trim() === '') found.name = 'validate.required';
    if (form.password.length < MIN_PASSWORD_LENGTH) found.password = 'validate.password_min';
    setProblems(found);
    const first = (['username', 'name', 'password'] as const).find((f) => found[f]);
    if (first) {
      root.current?.querySelector<HTMLElement>(`[data-testid="user-new-${first}"]`)?.focus();
      return;
    }
    // A failure is reported by the section; the typed values then stay so they can be corrected.
    if (await onCreate(form)) setForm(empty);
  };

  return (
    <form
      ref={root}
      class="user-create"
      data-testid="user-create"
      noValidate
      aria-labelledby="user-create-title"
      onSubmit={(e) => void submit(e)}
    >
      <h3 id="user-create-title">{t('users.create_title')}</h3>
      <p class="field-hint">{t('users.create_hint')}</p>
      <div class="create-fields">
        <TextField
          testId="user-new-username"
          errorTestId="user-new-error-username"
          label={t('settings.username')}
          hint={t('users.username_hint')}
          required
          autoComplete="off"
          value={form.username}
          onValue={(username) => update({ username })}
          error={problems.username ? t(problems.username) : null}
        />
        <TextField
          testId="user-new-name"
          errorTestId="user-new-error-name"
          label={t('settings.display_name')}
          required
          autoComplete="off"
          value={form.displayName}
          onValue={(displayName) => update({ displayName })}
          error={problems.name ? t(problems.name) : null}
        />
        <div class="field">
          <label class="field-label" for="field-user-new-role">
            {t('settings.role')}
          </label>
          <select
            id="field-user-new-role"
            class="select"
            data-testid="user-new-role"
            value={form.role}
            onChange={(e) => update({ role: e.currentTarget.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          testId="user-new-password"
          errorTestId="user-new-error-password"
          label={t('users.first_password')}
          hint={t('users.first_password_hint')}
          password
          required
          autoComplete="new-password"
          value={form.password}
          onValue={(password) => update({ password })}
          error={problems.password ? t(problems.password) : null}
        />
      </div>
      <button type="submit" class="button button-primary" data-testid="user-new-submit" disabled={busy}>
        {t('users.create_submit')}
      </button>
    </form>
  );
}
