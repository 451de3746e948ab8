/** Names stored in both languages (departments, services): pick the one for the UI language. */
import type { Lang } from '../generated/Lang';

/** Something with a Thai and an English name. */
export type Bilingual = { nameTh: string; nameEn: string };

/** `nameTh` in Thai; `nameEn` in English, falling back to Thai when no English name was entered. */
export function localName(item: Bilingual, lang: Lang): string {
  return lang === 'en' && item.nameEn.trim() !== '' ? item.nameEn : item.nameTh;
}
