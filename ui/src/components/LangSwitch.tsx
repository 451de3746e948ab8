import { LANGS, lang, setLang, t } from '../i18n';

/** The language choice as a labelled radio group (for Settings and the first-run screen). */
export function LangSwitch() {
  return (
    <fieldset class="lang-switch" data-testid="lang-switch">
      <legend>{t('lang.label')}</legend>
      {LANGS.map((it) => (
        <label key={it} class="radio">
          <input
            type="radio"
            name="sala-lang"
            value={it}
            checked={lang.value === it}
            onChange={() => setLang(it)}
            data-testid={`lang-option-${it}`}
          />
          <span lang={it}>{t(it === 'th' ? 'lang.th' : 'lang.en')}</span>
        </label>
      ))}
    </fieldset>
  );
}
