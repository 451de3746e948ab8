import { t } from '../i18n';

/** Says plainly that nothing is saved: the browser build runs on the in-memory mock backend. */
export function MockBanner() {
  return (
    <p class="mock-banner" data-testid="mock-banner">
      {t('app.mock_backend')}
    </p>
  );
}
