import type { Action } from '../../api/session';
import { AreaPage } from '../../components/AreaPage';
import { ComingSoon } from '../../components/ComingSoon';
import { t } from '../../i18n';
import { CitizenLookup } from './CitizenLookup';

type Props = {
  /** What the signed-in user may do: the lookup needs `searchCitizens`, the full data `revealPersonalData`. */
  permissions: readonly Action[];
};

/** The requests area: the citizen lookup the counter needs now; taking requests comes in a later release. */
export function RequestsArea({ permissions }: Props) {
  return (
    <AreaPage id="requests" title={t('requests.title')}>
      {permissions.includes('searchCitizens') && (
        <CitizenLookup canReveal={permissions.includes('revealPersonalData')} />
      )}
      <ComingSoon description={t('requests.coming')} />
    </AreaPage>
  );
}
