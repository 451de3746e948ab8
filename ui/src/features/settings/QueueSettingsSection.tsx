import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getOfficeOverview } from '../../api/office';
import {
  getQueueSettings,
  listQueueCounters,
  listQueueServices,
  saveQueueCounter,
  saveQueueService,
  setQueueSettings,
  type CounterInfo,
  type QueueSettings,
  type ServiceInfo,
} from '../../api/queue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { t, type MessageKey } from '../../i18n';
import { badWholeNumbers, isWholeNumber } from './wholeNumber';

/**
 * "Queue" for those who manage it (supervisors, administrators): the calling and numbering rules, the services
 * tickets are issued for, and the counters with the services each calls. Core validates everything and says
 * what is wrong in Thai.
 */
export function QueueSettingsSection() {
  const [services, setServices] = useState<ServiceInfo[] | null>(null);
  const [counters, setCounters] = useState<CounterInfo[] | null>(null);
  const [departments, setDepartments] = useState<{ code: string; name: string }[]>([]);
  const [loadError, setLoadError] = useState<IpcError | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    Promise.all([listQueueServices(), listQueueCounters()]).then(
      ([s, c]) => {
        setServices(s);
        setCounters(c);
      },
      (err: unknown) => setLoadError(toIpcError(err)),
    );
    // The departments come with the office; without them, the ones the services name are offered.
    getOfficeOverview().then(
      (overview) => setDepartments(overview.departments.map((d) => ({ code: d.code, name: d.nameTh }))),
      () => undefined,
    );
  }, []);
  useEffect(load, [load]);

  const deptOptions =
    departments.length > 0
      ? departments
      : [...new Map((services ?? []).map((s) => [s.departmentCode, s.departmentName])).entries()].map(
          ([code, name]) => ({ code, name }),
        );

  return (
    <section class="card" data-testid="queue-settings-section" aria-labelledby="queue-settings-title">
      <h2 id="queue-settings-title">{t('queue_settings.title')}</h2>
      <p class="muted">{t('queue_settings.intro')}</p>
      <RulesForm />
      <ErrorAlert error={loadError}>
        <button type="button" class="button" data-testid="queue-settings-retry" onClick={load}>
          {t('app.retry')}
        </button>
      </ErrorAlert>
      {services && counters && (
        <>
          <ServicesEditor services={services} departments={deptOptions} onSaved={setServices} />
          <CountersEditor counters={counters} services={services} onSaved={setCounters} />
        </>
      )}
    </section>
  );
}

type NumberKey = Exclude<keyof QueueSettings, 'allowCallSpecific'>;

const NUMBER_FIELDS: readonly { key: NumberKey; testId: string; label: MessageKey; hint: MessageKey }[] = [
  {
    key: 'maxWaitMinutes',
    testId: 'queue-max-wait',
    label: 'queue_settings.max_wait',
    hint: 'queue_settings.max_wait_hint',
  },
  {
    key: 'priorityStreak',
    testId: 'queue-priority-streak',
    label: 'queue_settings.priority_streak',
    hint: 'queue_settings.priority_streak_hint',
  },
  {
    key: 'noShowGraceMinutes',
    testId: 'queue-no-show-grace',
    label: 'queue_settings.no_show_grace',
    hint: 'queue_settings.no_show_grace_hint',
  },
  {
    key: 'resetHour',
    testId: 'queue-reset-hour',
    label: 'queue_settings.reset_hour',
    hint: 'queue_settings.reset_hour_hint',
  },
  {
    key: 'issuerBlock',
    testId: 'queue-issuer-block',
    label: 'queue_settings.issuer_block',
    hint: 'queue_settings.issuer_block_hint',
  },
  {
    key: 'issuerBlocks',
    testId: 'queue-issuer-blocks',
    label: 'queue_settings.issuer_blocks',
    hint: 'queue_settings.issuer_blocks_hint',
  },
  {
    key: 'ratingMinutes',
    testId: 'queue-rating-minutes',
    label: 'queue_settings.rating_minutes',
    hint: 'queue_settings.rating_minutes_hint',
  },
];

type RulesForm = Record<NumberKey, string> & { allowCallSpecific: boolean };

function toForm(settings: QueueSettings): RulesForm {
  const form = { allowCallSpecific: settings.allowCallSpecific } as RulesForm;
  for (const f of NUMBER_FIELDS) form[f.key] = String(settings[f.key]);
  return form;
}

/** The calling and numbering rules. */
function RulesForm() {
  const [form, setForm] = useState<RulesForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [invalid, setInvalid] = useState<readonly NumberKey[]>([]);

  useEffect(() => {
    getQueueSettings().then(
      (settings) => setForm(toForm(settings)),
      (err: unknown) => setError(toIpcError(err)),
    );
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!form) return;
    const wrong = badWholeNumbers(NUMBER_FIELDS, form);
    setInvalid(wrong.map((f) => f.key));
    if (wrong.length > 0) return;
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const next = { allowCallSpecific: form.allowCallSpecific } as QueueSettings;
      for (const f of NUMBER_FIELDS) next[f.key] = Number(form[f.key]);
      // Core checks the ranges and says which value is out of range.
      setForm(toForm(await setQueueSettings(next)));
      setSaved(true);
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="queue-rules">
      <h3>{t('queue_settings.rules')}</h3>
      {form === null && !error && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {form && (
        <form class="policy-form" noValidate data-testid="queue-rules-form" onSubmit={(e) => void save(e)}>
          {NUMBER_FIELDS.map((field) => {
            const id = `field-${field.testId}`;
            const wrong = invalid.includes(field.key);
            return (
              <div class={`field${wrong ? ' field-invalid' : ''}`} key={field.key}>
                <label class="field-label" for={id}>
                  {t(field.label)}
                </label>
                <p class="field-hint" id={`${id}-hint`}>
                  {t(field.hint)}
                </p>
                <input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  data-testid={field.testId}
                  aria-invalid={wrong ? true : undefined}
                  aria-describedby={wrong ? `${id}-hint ${id}-msg` : `${id}-hint`}
                  value={form[field.key]}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setSaved(false);
                    setForm((f) => (f ? { ...f, [field.key]: value } : f));
                  }}
                />
                {wrong && (
                  <p id={`${id}-msg`} class="field-error" data-testid={`${field.testId}-error`}>
                    {t('validate.whole_number')}
                  </p>
                )}
              </div>
            );
          })}
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="queue-allow-call-specific"
              checked={form.allowCallSpecific}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setSaved(false);
                setForm((f) => (f ? { ...f, allowCallSpecific: checked } : f));
              }}
            />{' '}
            {t('queue_settings.allow_call_specific')}
          </label>
          <p class="field-hint">{t('queue_settings.allow_call_specific_hint')}</p>
          <div role="status" class="form-status">
            {saved && (
              <p class="form-success" data-testid="queue-rules-saved">
                {t('queue_settings.saved')}
              </p>
            )}
          </div>
          <button type="submit" class="button button-primary" data-testid="queue-rules-save" disabled={busy}>
            {busy ? t('app.saving') : t('queue_settings.save')}
          </button>
        </form>
      )}
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </div>
  );
}

type ServiceForm = {
  code: string;
  departmentCode: string;
  nameTh: string;
  nameEn: string;
  prefix: string;
  expectedMinutes: string;
  documents: string;
};

const EMPTY_SERVICE: ServiceForm = {
  code: '',
  departmentCode: '',
  nameTh: '',
  nameEn: '',
  prefix: '',
  expectedMinutes: '10',
  documents: '',
};

function serviceForm(s: ServiceInfo): ServiceForm {
  return {
    code: s.code,
    departmentCode: s.departmentCode,
    nameTh: s.nameTh,
    nameEn: s.nameEn,
    prefix: s.prefix,
    expectedMinutes: String(s.expectedMinutes),
    documents: s.documents.join('\n'),
  };
}

type ServicesProps = {
  services: ServiceInfo[];
  departments: { code: string; name: string }[];
  onSaved: (services: ServiceInfo[]) => void;
};

/** The services: a table, and one add-or-edit form (by code). */
function ServicesEditor({ services, departments, onSaved }: ServicesProps) {
  const [editing, setEditing] = useState<{ form: ServiceForm; isNew: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [minutesInvalid, setMinutesInvalid] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const set = (patch: Partial<ServiceForm>) => setEditing((e) => (e ? { ...e, form: { ...e.form, ...patch } } : e));

  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    const { form } = editing;
    const minutes = isWholeNumber(form.expectedMinutes);
    setMinutesInvalid(!minutes);
    if (!minutes) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await saveQueueService({
          code: form.code.trim(),
          departmentCode: form.departmentCode,
          nameTh: form.nameTh,
          nameEn: form.nameEn,
          prefix: form.prefix.trim().toUpperCase(),
          expectedMinutes: Number(form.expectedMinutes),
          documents: form.documents
            .split('\n')
            .map((d) => d.trim())
            .filter(Boolean),
        }),
      );
      setSaved(form.code.trim());
      setEditing(null);
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="queue-services-editor" data-testid="queue-services-editor">
      <div class="section-heading-row">
        <h3>{t('queue_settings.services')}</h3>
        <button
          type="button"
          class="button button-secondary"
          data-testid="queue-service-add"
          onClick={() => {
            setSaved(null);
            setError(null);
            setEditing({ form: { ...EMPTY_SERVICE, departmentCode: departments[0]?.code ?? '' }, isNew: true });
          }}
        >
          {t('queue_settings.service_add')}
        </button>
      </div>
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('queue_settings.col_prefix')}</th>
              <th scope="col">{t('queue_settings.col_service')}</th>
              <th scope="col">{t('queue_settings.col_department')}</th>
              <th scope="col">{t('queue_settings.col_minutes')}</th>
              <th scope="col">{t('queue_settings.col_documents')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('queue_settings.col_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.code} data-testid={`queue-service-${s.code}`}>
                <td>{s.prefix}</td>
                <th scope="row">
                  {s.nameTh} <span class="muted">({s.code})</span>
                </th>
                <td>{s.departmentName}</td>
                <td>{s.expectedMinutes}</td>
                <td>{s.documents.length}</td>
                <td>
                  <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid={`queue-service-${s.code}-edit`}
                    aria-label={t('queue_settings.edit_of', { name: s.nameTh })}
                    onClick={() => {
                      setSaved(null);
                      setError(null);
                      setEditing({ form: serviceForm(s), isNew: false });
                    }}
                  >
                    {t('queue_settings.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div role="status" class="form-status">
        {saved && (
          <p class="form-success" data-testid="queue-service-saved">
            {t('queue_settings.service_saved', { code: saved })}
          </p>
        )}
      </div>
      {editing && (
        <form class="card" data-testid="queue-service-form" noValidate onSubmit={(e) => void save(e)}>
          <h4>{editing.isNew ? t('queue_settings.service_new') : t('queue_settings.service_edit')}</h4>
          {editing.isNew ? (
            <TextField
              testId="queue-service-code"
              errorTestId="queue-service-code-error"
              label={t('queue_settings.code')}
              hint={t('queue_settings.code_hint')}
              value={editing.form.code}
              onValue={(code) => set({ code })}
              required
            />
          ) : (
            <p>
              {t('queue_settings.code')}: <strong>{editing.form.code}</strong>
            </p>
          )}
          <div class="field">
            <label class="field-label" for="field-queue-service-department">
              {t('queue_settings.department')}
            </label>
            <select
              id="field-queue-service-department"
              class="select"
              data-testid="queue-service-department"
              value={editing.form.departmentCode}
              onChange={(e) => set({ departmentCode: e.currentTarget.value })}
            >
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <TextField
            testId="queue-service-name-th"
            errorTestId="queue-service-name-th-error"
            label={t('queue_settings.name_th')}
            value={editing.form.nameTh}
            onValue={(nameTh) => set({ nameTh })}
            required
          />
          <TextField
            testId="queue-service-name-en"
            errorTestId="queue-service-name-en-error"
            label={t('queue_settings.name_en')}
            value={editing.form.nameEn}
            onValue={(nameEn) => set({ nameEn })}
          />
          <TextField
            testId="queue-service-prefix"
            errorTestId="queue-service-prefix-error"
            label={t('queue_settings.prefix')}
            hint={t('queue_settings.prefix_hint')}
            value={editing.form.prefix}
            onValue={(prefix) => set({ prefix })}
            maxLength={1}
            required
          />
          <TextField
            testId="queue-service-minutes"
            errorTestId="queue-service-minutes-error"
            label={t('queue_settings.expected_minutes')}
            hint={t('queue_settings.expected_minutes_hint')}
            value={editing.form.expectedMinutes}
            onValue={(expectedMinutes) => {
              setMinutesInvalid(false);
              set({ expectedMinutes });
            }}
            error={minutesInvalid ? t('validate.whole_number') : null}
            inputMode="numeric"
          />
          <TextField
            testId="queue-service-documents"
            errorTestId="queue-service-documents-error"
            label={t('queue_settings.documents')}
            hint={t('queue_settings.documents_hint')}
            value={editing.form.documents}
            onValue={(documents) => set({ documents })}
            multiline
          />
          <div class="form-actions">
            <button type="submit" class="button button-primary" data-testid="queue-service-save" disabled={busy}>
              {busy ? t('app.saving') : t('queue_settings.save_service')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setEditing(null)}>
              {t('queue.form.cancel')}
            </button>
          </div>
          <ErrorAlert error={error} onDismiss={() => setError(null)} />
        </form>
      )}
    </div>
  );
}

type CounterForm = { number: string; name: string; location: string; services: string[] };

type CountersProps = {
  counters: CounterInfo[];
  services: ServiceInfo[];
  onSaved: (counters: CounterInfo[]) => void;
};

/** The counters: a table, and one add-or-edit form (by number) with the services the counter calls. */
function CountersEditor({ counters, services, onSaved }: CountersProps) {
  const [editing, setEditing] = useState<{ form: CounterForm; isNew: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [numberInvalid, setNumberInvalid] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const set = (patch: Partial<CounterForm>) => setEditing((e) => (e ? { ...e, form: { ...e.form, ...patch } } : e));
  const serviceName = (code: string) => services.find((s) => s.code === code)?.nameTh ?? code;

  const save = async (e: Event) => {
    e.preventDefault();
    if (!editing) return;
    const { form } = editing;
    const ok = /^\s*\d{1,3}\s*$/.test(form.number);
    setNumberInvalid(!ok);
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await saveQueueCounter({
          number: Number(form.number),
          name: form.name,
          location: form.location,
          services: form.services,
        }),
      );
      setSaved(form.number.trim());
      setEditing(null);
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="queue-counters-editor" data-testid="queue-counters-editor">
      <div class="section-heading-row">
        <h3>{t('queue_settings.counters')}</h3>
        <button
          type="button"
          class="button button-secondary"
          data-testid="queue-counter-add"
          onClick={() => {
            setSaved(null);
            setError(null);
            const next = counters.reduce((m, c) => Math.max(m, c.number), 0) + 1;
            setEditing({ form: { number: String(next), name: '', location: '', services: [] }, isNew: true });
          }}
        >
          {t('queue_settings.counter_add')}
        </button>
      </div>
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('queue_settings.col_counter')}</th>
              <th scope="col">{t('queue_settings.col_location')}</th>
              <th scope="col">{t('queue_settings.col_services')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('queue_settings.col_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {counters.map((c) => (
              <tr key={c.number} data-testid={`queue-counter-${String(c.number)}`}>
                <th scope="row">{t('queue.counter.option', { number: c.number, name: c.name })}</th>
                <td>{c.location}</td>
                <td>{c.services.map(serviceName).join(', ') || t('queue.none')}</td>
                <td>
                  <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid={`queue-counter-${String(c.number)}-edit`}
                    aria-label={t('queue_settings.edit_of', { name: c.name })}
                    onClick={() => {
                      setSaved(null);
                      setError(null);
                      setEditing({
                        form: {
                          number: String(c.number),
                          name: c.name,
                          location: c.location,
                          services: [...c.services],
                        },
                        isNew: false,
                      });
                    }}
                  >
                    {t('queue_settings.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div role="status" class="form-status">
        {saved && (
          <p class="form-success" data-testid="queue-counter-saved">
            {t('queue_settings.counter_saved', { number: saved })}
          </p>
        )}
      </div>
      {editing && (
        <form class="card" data-testid="queue-counter-form" noValidate onSubmit={(e) => void save(e)}>
          <h4>{editing.isNew ? t('queue_settings.counter_new') : t('queue_settings.counter_edit')}</h4>
          {editing.isNew ? (
            <TextField
              testId="queue-counter-number"
              errorTestId="queue-counter-number-error"
              label={t('queue_settings.counter_number')}
              value={editing.form.number}
              onValue={(number) => {
                setNumberInvalid(false);
                set({ number });
              }}
              error={numberInvalid ? t('validate.whole_number') : null}
              inputMode="numeric"
              required
            />
          ) : (
            <p>
              {t('queue_settings.counter_number')}: <strong>{editing.form.number}</strong>
            </p>
          )}
          <TextField
            testId="queue-counter-name"
            errorTestId="queue-counter-name-error"
            label={t('queue_settings.counter_name')}
            value={editing.form.name}
            onValue={(name) => set({ name })}
            required
          />
          <TextField
            testId="queue-counter-location"
            errorTestId="queue-counter-location-error"
            label={t('queue_settings.counter_location')}
            value={editing.form.location}
            onValue={(location) => set({ location })}
          />
          <fieldset class="queue-counter-services">
            <legend>{t('queue_settings.counter_services')}</legend>
            {services.map((s) => (
              <label key={s.code} class="checkbox">
                <input
                  type="checkbox"
                  data-testid={`queue-counter-service-${s.code}`}
                  checked={editing.form.services.includes(s.code)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    set({
                      services: on
                        ? services.map((x) => x.code).filter((c) => c === s.code || editing.form.services.includes(c))
                        : editing.form.services.filter((c) => c !== s.code),
                    });
                  }}
                />{' '}
                {s.prefix} · {s.nameTh}
              </label>
            ))}
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button button-primary" data-testid="queue-counter-save" disabled={busy}>
              {busy ? t('app.saving') : t('queue_settings.save_counter')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setEditing(null)}>
              {t('queue.form.cancel')}
            </button>
          </div>
          <ErrorAlert error={error} onDismiss={() => setError(null)} />
        </form>
      )}
    </div>
  );
}
