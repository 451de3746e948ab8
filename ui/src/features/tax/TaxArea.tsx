import { AreaPage } from '../../components/AreaPage';
import { ComingSoon } from '../../components/ComingSoon';
import { t } from '../../i18n';

/** The tax area. Empty until its release: it says what is coming and shows no made-up data. */
export function TaxArea() {
  return (
    <AreaPage id="tax" title={t('tax.title')}>
      <ComingSoon description={t('tax.coming')} />
    </AreaPage>
  );
}
