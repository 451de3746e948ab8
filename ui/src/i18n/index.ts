/**
 * Every user-facing string, in Thai (the default) and English.
 *
 * `th.json` is the reference: `MessageKey` is its key set, and `en.json` must have exactly the same keys
 * (checked by the compiler for missing keys and by `i18n.test.ts` for extra ones). Placeholders are `{name}`,
 * the same syntax as the Rust side's `crates/core/i18n/*.json`.
 *
 * The current language is a signal: any component that calls `t()` while rendering re-renders when it changes.
 */
import { effect, signal } from '@preact/signals';

import type { Lang } from '../generated/Lang';
import en from './en.json';
import th from './th.json';

export type { Lang };

/** A key of `th.json`. */
export type MessageKey = keyof typeof th;

/** One language's complete message table. */
export type Messages = Record<MessageKey, string>;

/** Both message tables; a key missing from `en.json` is a compile error here. */
export const messages: Record<Lang, Messages> = { th, en };

/** The languages in the order the UI offers them. */
export const LANGS: readonly Lang[] = ['th', 'en'];

/** The `localStorage` key that remembers the clerk's language choice on this computer. */
export const LANG_STORAGE_KEY = 'sala.lang';

/** The language the UI is shown in. Change it with [`setLang`] so the choice is remembered. */
export const lang = signal<Lang>(readStoredLang());

effect(() => {
  if (typeof document !== 'undefined') document.documentElement.lang = lang.value;
});

/** Switches the UI language and remembers the choice. */
export function setLang(next: Lang): void {
  lang.value = next;
  try {
    localStorage.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // Storage can be unavailable (private mode, quota); the choice then lasts for this session only.
  }
}

/** The stored language, or Thai when nothing (or something unknown) is stored. */
export function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    return stored === 'en' || stored === 'th' ? stored : 'th';
  } catch {
    return 'th';
  }
}

/** Message parameters: `{name}` in the message is replaced by `params.name`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The message `key` in language `to`, with `{name}` placeholders filled from `params`. */
export function translate(to: Lang, key: MessageKey, params?: MessageParams): string {
  const template = messages[to][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The message `key` in the current language. Reading it inside a component subscribes the component to `lang`. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(lang.value, key, params);
}
