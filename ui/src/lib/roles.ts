/** User roles and how they are named in the UI. */
import type { Role } from '../generated/Role';
import { t, type MessageKey } from '../i18n';

export type { Role };

const ROLE_LABELS: Record<Role, MessageKey> = {
  clerk: 'role.clerk',
  finance: 'role.finance',
  supervisor: 'role.supervisor',
  admin: 'role.admin',
};

/** The role's name in the current language. */
export function roleLabel(role: Role): string {
  return t(ROLE_LABELS[role]);
}
