/** The read-only sections of Settings: office, departments with services, counters, users. */
import type { OfficeOverview } from '../../generated/OfficeOverview';
import type { ServiceView } from '../../generated/ServiceView';
import { lang, t } from '../../i18n';
import { localName } from '../../lib/localName';
import { roleLabel } from '../../lib/roles';
import { formatTaxId } from '../../lib/taxId';

type Props = { overview: OfficeOverview };

export function OfficeSection({ overview }: Props) {
  const { office } = overview;
  return (
    <section class="card" data-testid="settings-office" aria-labelledby="settings-office-title">
      <h2 id="settings-office-title">{t('settings.office')}</h2>
      <div class="office-details">
        {office.logoDataUrl ? (
          <img
            class="office-logo"
            src={office.logoDataUrl}
            alt={t('settings.office_logo_alt', { name: office.name })}
            data-testid="settings-office-logo"
          />
        ) : (
          <p class="office-logo-none muted" data-testid="settings-office-logo">
            {t('settings.no_logo')}
          </p>
        )}
        <dl class="facts">
          <Fact label={t('settings.office_name')} testId="settings-office-name" value={office.name} />
          <Fact label={t('settings.office_code')} testId="settings-office-code" value={office.code} />
          <Fact label={t('settings.office_address')} testId="settings-office-address" value={office.address} />
          <Fact label={t('settings.office_tax_id')} testId="settings-office-taxid" value={formatTaxId(office.taxId)} />
          <Fact
            label={t('settings.records')}
            testId="settings-office-records"
            value={`${t('settings.citizens', { count: overview.citizenCount })} · ${t('settings.parcels', { count: overview.parcelCount })}`}
          />
        </dl>
      </div>
    </section>
  );
}

export function DepartmentsSection({ overview }: Props) {
  return (
    <section class="card" data-testid="settings-departments" aria-labelledby="settings-departments-title">
      <h2 id="settings-departments-title">{t('settings.departments')}</h2>
      {overview.departments.length === 0 && <p class="muted">{t('settings.no_departments')}</p>}
      {overview.departments.map((dept) => (
        <div key={dept.id} class="department" data-testid={`settings-department-${dept.code}`}>
          <h3>
            {localName(dept, lang.value)} <span class="code">{dept.code}</span>
          </h3>
          {dept.services.length === 0 ? (
            <p class="muted">{t('settings.no_services')}</p>
          ) : (
            <table class="table services-table">
              <thead>
                <tr>
                  <th scope="col">{t('settings.service')}</th>
                  <th scope="col">{t('settings.ticket_prefix')}</th>
                  <th scope="col">{t('settings.expected_minutes')}</th>
                  <th scope="col">{t('settings.documents')}</th>
                </tr>
              </thead>
              <tbody>
                {dept.services.map((svc) => (
                  <ServiceRow key={svc.id} service={svc} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}

function ServiceRow({ service }: { service: ServiceView }) {
  return (
    <tr data-testid={`settings-service-${service.code}`}>
      <th scope="row">{localName(service, lang.value)}</th>
      <td>
        <span class="ticket-prefix">{service.ticketPrefix}</span>
      </td>
      <td>{t('settings.minutes', { count: service.expectedMinutes })}</td>
      <td>
        {service.documents.length === 0 ? (
          <span class="muted">{t('settings.no_documents')}</span>
        ) : (
          <ul class="documents">
            {service.documents.map((doc) => (
              <li key={doc}>{doc}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

export function CountersSection({ overview }: Props) {
  const services = new Map(overview.departments.flatMap((d) => d.services).map((s) => [s.id, s]));
  return (
    <section class="card" data-testid="settings-counters" aria-labelledby="settings-counters-title">
      <h2 id="settings-counters-title">{t('settings.counters')}</h2>
      {overview.counters.length === 0 ? (
        <p class="muted">{t('settings.no_counters')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('settings.counter_number')}</th>
              <th scope="col">{t('settings.counter_name')}</th>
              <th scope="col">{t('settings.counter_location')}</th>
              <th scope="col">{t('settings.counter_services')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.counters.map((counter) => {
              const served = counter.serviceIds.flatMap((id) => services.get(id) ?? []);
              return (
                <tr key={counter.id} data-testid={`settings-counter-${String(counter.number)}`}>
                  <td class="num">{counter.number}</td>
                  <th scope="row">{counter.name}</th>
                  <td>{counter.location}</td>
                  <td>
                    {served.length === 0 ? (
                      <span class="muted">{t('settings.counter_no_services')}</span>
                    ) : (
                      served.map((s) => localName(s, lang.value)).join(', ')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function UsersSection({ overview }: Props) {
  return (
    <section class="card" data-testid="settings-users" aria-labelledby="settings-users-title">
      <h2 id="settings-users-title">{t('settings.users')}</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('settings.display_name')}</th>
            <th scope="col">{t('settings.username')}</th>
            <th scope="col">{t('settings.role')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.users.map((user) => (
            <tr key={user.id} data-testid={`settings-user-${user.username}`}>
              <th scope="row">{user.displayName}</th>
              <td>{user.username}</td>
              <td data-role={user.role}>{roleLabel(user.role)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
