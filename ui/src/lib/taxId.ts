/**
 * The Thai 13-digit tax identification number (the same scheme as the national ID number).
 *
 * The last digit is a check digit: `(11 - (Σ dᵢ × (13 - i)) mod 11) mod 10` over the first twelve digits.
 * The UI uses this for a live hint only; the backend validates the number again.
 */

/** `ok`; `empty`; `digits` when it is not exactly 13 digits; `checksum` when the check digit is wrong. */
export type TaxIdCheck = 'ok' | 'empty' | 'digits' | 'checksum';

/** Removes the separators people type (spaces, dashes). */
export function normalizeTaxId(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Checks a tax ID (separators allowed). */
export function checkTaxId(input: string): TaxIdCheck {
  const digits = normalizeTaxId(input);
  if (digits === '') return 'empty';
  if (!/^\d{13}$/.test(digits)) return 'digits';
  return checkDigit(digits.slice(0, 12)) === Number(digits[12]) ? 'ok' : 'checksum';
}

/** The check digit for the first twelve digits. */
export function checkDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/** Groups a 13-digit number as printed on Thai documents, `1-2345-67890-12-1`; anything else is returned as is. */
export function formatTaxId(input: string): string {
  const d = normalizeTaxId(input);
  if (!/^\d{13}$/.test(d)) return input;
  return `${d.slice(0, 1)}-${d.slice(1, 5)}-${d.slice(5, 10)}-${d.slice(10, 12)}-${d.slice(12)}`;
}
