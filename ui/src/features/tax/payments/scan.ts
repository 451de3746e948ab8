/**
 * What a USB barcode scanner types into the notice lookup. It is a keyboard: the Bank of Thailand counter
 * barcode (`|` + biller ID, CR, Ref1, CR, Ref2, CR, amount in satang) arrives as keystrokes, each CR as Enter.
 * A text box cannot hold a CR, so the box shows each one as a space (no part of the barcode has spaces) and
 * the lookup sends them back as CR, the barcode's own text, which core's `find_notice` reads.
 */

/** How the box shows the barcode's CR. */
export const BARCODE_SEPARATOR = ' ';

/** The barcode's four parts: biller ID, Ref1, Ref2 (may be empty) and the amount. */
const BARCODE_PARTS = 4;

/** How long the box waits after the barcode's last part for another key before it looks the notice up. */
export const SCAN_SETTLE_MS = 300;

function parts(text: string): string[] | null {
  return text.startsWith('|') ? text.slice(1).split(BARCODE_SEPARATOR) : null;
}

/** Whether an Enter now is a CR inside a barcode still arriving (so it separates instead of submitting). */
export function barcodeNeedsSeparator(text: string): boolean {
  const p = parts(text);
  return p !== null && p.length < BARCODE_PARTS;
}

/** Whether the text is a whole barcode: all four parts, the amount begun. */
export function barcodeComplete(text: string): boolean {
  const p = parts(text);
  return p !== null && p.length >= BARCODE_PARTS && (p[BARCODE_PARTS - 1] ?? '') !== '';
}

/** The text to look up: a barcode with its CRs back in place, anything else as typed. */
export function lookupText(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('|') ? trimmed.split(BARCODE_SEPARATOR).join('\r') : trimmed;
}

/** US-layout characters of the number keys with Shift. */
const SHIFTED_DIGITS = ')!@#$%^&*(';

/** What the physical key `code` types on a US layout, for the keys a notice number, QR text or barcode uses. */
function usKey(code: string, shift: boolean): string | null {
  const digit = /^(Digit|Numpad)(\d)$/.exec(code);
  if (digit) return shift && digit[1] === 'Digit' ? (SHIFTED_DIGITS[Number(digit[2])] ?? null) : (digit[2] ?? null);
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter !== undefined) return shift ? letter : letter.toLowerCase();
  if (code === 'Backslash') return shift ? '|' : '\\';
  if (code === 'Period' || code === 'NumpadDecimal') return '.';
  return null;
}

/**
 * The character a key types on a US layout when the keyboard is set to Thai: a scanner sends keys, not
 * letters, so with the Thai layout on `|` arrives as `ฅ` and the digits as Thai letters or, for 2 and 3, as
 * `/` and `-`. `null` when the key typed what it would on a US layout, or is not one these texts use.
 */
export function asciiOfKey(e: Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey'>): string | null {
  if (e.key.length !== 1) return null;
  const us = usKey(e.code, e.shiftKey);
  if (us === null || us === e.key) return null;
  return e.key.charCodeAt(0) >= 0x80 || e.code.startsWith('Digit') ? us : null;
}
