import { AreaPage } from '../../components/AreaPage';
import { ComingSoon } from '../../components/ComingSoon';
import { t } from '../../i18n';

/** The requests area. Empty until its release: it says what is coming and shows no made-up data. */
export function RequestsArea() {
  return (
    <AreaPage id="requests" title={t('requests.title')}>
      <ComingSoon description={t('requests.coming')} />
    </AreaPage>
  );
}
