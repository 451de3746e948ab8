/**
 * The real-office setup form: its state, its checks and the `OfficeSetup` payload it produces.
 *
 * These checks are for the clerk's convenience (fast, specific feedback); the backend validates the same
 * input again and its `validation` errors are shown as they come.
 */
import type { OfficeSetup } from '../../generated/OfficeSetup';
import type { MessageKey } from '../../i18n';
import { checkTaxId, normalizeTaxId } from '../../lib/taxId';

/** The smallest password the form accepts. */
export const MIN_PASSWORD_LENGTH = 8;

/** One counter row as typed (the number is text until submitted). */
export type CounterRow = { key: number; number: string; name: string; location: string };

/** A chosen logo: the base64 payload for the backend and a data URL for the preview. */
export type LogoChoice = { fileName: string; base64: string; dataUrl: string };

/** Everything the form holds. */
export type SetupForm = {
  name: string;
  code: string;
  address: string;
  taxId: string;
  logo: LogoChoice | null;
  counters: CounterRow[];
  adminUsername: string;
  adminName: string;
  adminPassword: string;
  adminPassword2: string;
};

/**
 * A field's id: the control's test id is `setup-<id>` and its message's `setup-error-<id>`.
 * Counter fields are numbered from 1 by row position: `counter-number-1`, `counter-name-1`, …
 */
export type FieldId = string;

/** Field id → what is wrong with it, in field order. */
export type FieldErrors = Map<FieldId, MessageKey>;

/** A form with one empty counter, numbered 1. */
export function emptyForm(): SetupForm {
  return {
    name: '',
    code: '',
    address: '',
    taxId: '',
    logo: null,
    counters: [newCounterRow([])],
    adminUsername: '',
    adminName: '',
    adminPassword: '',
    adminPassword2: '',
  };
}

/** A new counter row whose number follows the highest one already there. */
export function newCounterRow(existing: readonly CounterRow[]): CounterRow {
  const numbers = existing.map((c) => Number.parseInt(c.number, 10)).filter((n) => Number.isFinite(n));
  const keys = existing.map((c) => c.key);
  return {
    key: Math.max(0, ...keys) + 1,
    number: String(Math.max(0, ...numbers) + 1),
    name: '',
    location: '',
  };
}

/** Every problem with the form, in the order the fields appear. */
export function validateForm(form: SetupForm): FieldErrors {
  const errors: FieldErrors = new Map();
  const required = (id: FieldId, value: string) => {
    if (value.trim() === '') errors.set(id, 'validate.required');
  };
  required('name', form.name);
  required('code', form.code);
  required('address', form.address);
  const taxId = taxIdError(form.taxId, true);
  if (taxId) errors.set('taxid', taxId);

  if (form.counters.length === 0) errors.set('counters', 'validate.counters_min');
  const seen = new Set<number>();
  form.counters.forEach((row, idx) => {
    const n = idx + 1;
    const number = parseCounterNumber(row.number);
    if (number === null) errors.set(`counter-number-${String(n)}`, 'validate.counter_number');
    else if (seen.has(number)) errors.set(`counter-number-${String(n)}`, 'validate.counter_number_dup');
    else seen.add(number);
    required(`counter-name-${String(n)}`, row.name);
  });

  required('admin-username', form.adminUsername);
  if (/\s/.test(form.adminUsername.trim())) errors.set('admin-username', 'validate.username_spaces');
  required('admin-name', form.adminName);
  if (form.adminPassword.length < MIN_PASSWORD_LENGTH) errors.set('admin-password', 'validate.password_min');
  const mismatch = passwordMismatch(form);
  if (mismatch) errors.set('admin-password2', mismatch);
  return errors;
}

/**
 * The problems worth showing while the clerk is still typing (before the first submit):
 * a tax ID that cannot be right once typed, and a confirmation that does not match.
 */
export function liveErrors(form: SetupForm): FieldErrors {
  const errors: FieldErrors = new Map();
  const taxId = taxIdError(form.taxId, false);
  if (taxId) errors.set('taxid', taxId);
  if (form.adminPassword2 !== '') {
    const mismatch = passwordMismatch(form);
    if (mismatch) errors.set('admin-password2', mismatch);
  }
  return errors;
}

/** The payload for `setup_office`. Call only when `validateForm` found nothing. */
export function toOfficeSetup(form: SetupForm): OfficeSetup {
  return {
    name: form.name.trim(),
    code: form.code.trim(),
    address: form.address.trim(),
    taxId: normalizeTaxId(form.taxId),
    logoBase64: form.logo?.base64 ?? null,
    counters: form.counters.map((row) => ({
      number: parseCounterNumber(row.number) ?? 0,
      name: row.name.trim(),
      location: row.location.trim(),
    })),
    admin: {
      username: form.adminUsername.trim(),
      displayName: form.adminName.trim(),
      password: form.adminPassword,
    },
  };
}

function parseCounterNumber(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number.parseInt(text, 10);
  // Counters are called out as ช่องบริการ 1–99; the backend refuses other numbers too.
  return n >= 1 && n <= 99 ? n : null;
}

/** `complete`: the clerk has finished (submit), so an empty or short number is wrong too. */
function taxIdError(value: string, complete: boolean): MessageKey | null {
  const check = checkTaxId(value);
  switch (check) {
    case 'ok':
      return null;
    case 'empty':
      return complete ? 'validate.required' : null;
    case 'checksum':
      return 'validate.tax_id_checksum';
    case 'digits': {
      const digits = normalizeTaxId(value);
      const stillTyping = /^\d{0,12}$/.test(digits);
      return complete || !stillTyping ? 'validate.tax_id_digits' : null;
    }
  }
}

function passwordMismatch(form: SetupForm): MessageKey | null {
  return form.adminPassword === form.adminPassword2 ? null : 'validate.password_mismatch';
}
