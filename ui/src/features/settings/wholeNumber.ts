/** A number field's text is a whole number as the settings forms take it: up to four digits, spaces around ok. */
export function isWholeNumber(text: string): boolean {
  return /^\s*\d{1,4}\s*$/.test(text);
}

/**
 * The fields of `form` whose text is not a whole number, in the form's order; focuses the first one (its input
 * has the id `field-<testId>`). Core checks the ranges; this only stops text that is not a number at all.
 */
export function badWholeNumbers<F extends { key: string; testId: string }>(
  fields: readonly F[],
  form: Readonly<Record<F['key'], string>>,
): F[] {
  const wrong = fields.filter((f) => !isWholeNumber(form[f.key as F['key']]));
  if (wrong[0]) document.getElementById(`field-${wrong[0].testId}`)?.focus();
  return wrong;
}
