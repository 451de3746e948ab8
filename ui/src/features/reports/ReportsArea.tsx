import { AreaPage } from '../../components/AreaPage';
import { ComingSoon } from '../../components/ComingSoon';
import { t } from '../../i18n';

/** The reports area. Empty until its release: it says what is coming and shows no made-up data. */
export function ReportsArea() {
  return (
    <AreaPage id="reports" title={t('reports.title')}>
      <ComingSoon description={t('reports.coming')} />
    </AreaPage>
  );
}
