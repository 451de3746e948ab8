import { lang, setLang, t } from '../i18n';

/** The top bar's one-click language switch: shows `EN` while Thai is active and `ไทย` while English is. */
export function LangToggle() {
  const next = lang.value === 'th' ? 'en' : 'th';
  return (
    <button
      type="button"
      class="lang-toggle"
      data-testid="lang-toggle"
      aria-label={t('lang.toggle_label')}
      lang={next}
      onClick={() => setLang(next)}
    >
      {t('lang.toggle')}
    </button>
  );
}
