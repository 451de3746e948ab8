import type { Action } from '../../api/session';
import { AreaPage } from '../../components/AreaPage';
import { ComingSoon } from '../../components/ComingSoon';
import { t } from '../../i18n';
import { AuditLog } from './AuditLog';

type Props = {
  /** What the signed-in user may do: the audit log needs `viewAuditLog`. */
  permissions: readonly Action[];
};

/** The reports area: the audit log for supervisors; the reports themselves come in a later release. */
export function ReportsArea({ permissions }: Props) {
  return (
    <AreaPage id="reports" title={t('reports.title')}>
      {permissions.includes('viewAuditLog') && <AuditLog />}
      <ComingSoon description={t('reports.coming')} />
    </AreaPage>
  );
}
