/** Accounts: the user's own password and PIN, and the administrator's user management and sign-in policy. */
import type { NewUserInput } from '../generated/NewUserInput';
import type { Role } from '../generated/Role';
import type { SecurityPolicy } from '../generated/SecurityPolicy';
import type { SecurityPolicySettings } from '../generated/SecurityPolicySettings';
import type { SessionView } from '../generated/SessionView';
import type { UserAccount } from '../generated/UserAccount';
import type { UserSummary } from '../generated/UserSummary';
import { call } from './call';

export type { NewUserInput, Role, SecurityPolicy, SecurityPolicySettings, UserAccount };

/** `change_own_password`: the signed-in user's new password (also clears "must change"); returns the new session view. */
export function changeOwnPassword(current: string, newPassword: string): Promise<SessionView> {
  return call<SessionView>('change_own_password', { current, newPassword });
}

/** `set_own_pin`: sets the user's 6-digit quick-switch PIN, or removes it with `null`; confirmed with the password. */
export function setOwnPin(currentPassword: string, pin: string | null): Promise<SessionView> {
  return call<SessionView>('set_own_pin', { currentPassword, pin });
}

/** `list_user_accounts`: every account with its sign-in state (administrators only). */
export function listUserAccounts(): Promise<UserAccount[]> {
  return call<UserAccount[]>('list_user_accounts');
}

/** `create_user`: a new account whose first password must be changed at the first sign-in. */
export function createUser(input: NewUserInput): Promise<UserSummary> {
  return call<UserSummary>('create_user', { input });
}

/** `reset_user_password`: a temporary password (must be changed at the next sign-in); clears the PIN and any lockout. */
export function resetUserPassword(userId: string, newPassword: string): Promise<void> {
  return call<null>('reset_user_password', { userId, newPassword }).then(() => undefined);
}

/** `set_user_active`: deactivates or reactivates an account (accounts are never deleted). */
export function setUserActive(userId: string, active: boolean): Promise<void> {
  return call<null>('set_user_active', { userId, active }).then(() => undefined);
}

/** `set_user_role`: changes an account's role (the office keeps one active administrator). */
export function setUserRole(userId: string, role: Role): Promise<void> {
  return call<null>('set_user_role', { userId, role }).then(() => undefined);
}

/** `get_security_policy`: lockout and idle-lock settings of this device, with the range each accepts (administrators only). */
export function getSecurityPolicy(): Promise<SecurityPolicySettings> {
  return call<SecurityPolicySettings>('get_security_policy');
}

/** `set_security_policy`: saves the policy (validated by the backend); returns it as stored, with its ranges. */
export function setSecurityPolicy(policy: SecurityPolicy): Promise<SecurityPolicySettings> {
  return call<SecurityPolicySettings>('set_security_policy', { policy });
}
