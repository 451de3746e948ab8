import { AreaPage } from '../../components/AreaPage';
import { ComingSoon } from '../../components/ComingSoon';
import { t } from '../../i18n';

/** The queue area. Empty until its release: it says what is coming and shows no made-up data. */
export function QueueArea() {
  return (
    <AreaPage id="queue" title={t('queue.title')}>
      <ComingSoon description={t('queue.coming')} />
    </AreaPage>
  );
}
