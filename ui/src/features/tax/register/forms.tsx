import { useState } from 'preact/hooks';

import {
  saveBuilding,
  saveParcel,
  saveTaxpayer,
  saveUse,
  type BuildingForm,
  type ParcelForm,
  type PropertyKind,
  type TaxpayerForm,
  type TaxpayerRecord,
  type Use,
  type UseForm,
} from '../../../api/taxRegister';
import { toIpcError } from '../../../api/errors';
import { TextField } from '../../../components/TextField';
import { t, type MessageKey } from '../../../i18n';

/** Every use, in the order of the Act (s.37), with its Thai label. */
export const USES: readonly { use: Use; label: MessageKey }[] = [
  { use: 'agricultural', label: 'tax.use.agricultural' },
  { use: 'residential_home', label: 'tax.use.residential_home' },
  { use: 'residential_house_only', label: 'tax.use.residential_house_only' },
  { use: 'residential_other', label: 'tax.use.residential_other' },
  { use: 'other', label: 'tax.use.other' },
  { use: 'vacant', label: 'tax.use.vacant' },
];

export function useLabel(use: Use): string {
  return t(USES.find((u) => u.use === use)?.label ?? 'tax.use.other');
}

type FormProps<F> = {
  initial: F;
  /** Called with the saved row's id. */
  onSaved: (id: string) => void;
  onCancel: () => void;
};

/** Runs a save; core's message (Thai) goes next to the form, and the form keeps what was typed. */
function useSave<F>(save: (form: F) => Promise<string>, onSaved: (id: string) => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (form: F) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await save(form));
    } catch (err) {
      setError(toIpcError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function FormError({ error, testId }: { error: string | null; testId: string }) {
  if (!error) return null;
  return (
    <p class="field-error tax-form-error" role="alert" data-testid={testId}>
      {error}
    </p>
  );
}

function Buttons({ busy, onCancel, testId }: { busy: boolean; onCancel: () => void; testId: string }) {
  return (
    <div class="tax-form-buttons">
      <button type="submit" class="button" disabled={busy} data-testid={`${testId}-save`}>
        {t('tax.register.save')}
      </button>
      <button type="button" class="button button-secondary" onClick={onCancel} data-testid={`${testId}-cancel`}>
        {t('tax.register.cancel')}
      </button>
    </div>
  );
}

export function emptyTaxpayer(): TaxpayerForm {
  return {
    id: null,
    kind: 'individual',
    idNo: '',
    title: '',
    name: '',
    lastName: '',
    address: '',
    phone: '',
    citizenId: null,
  };
}

/** The record's taxpayer as a form: the ID and phone are kept unless retyped (the record shows them masked). */
export function taxpayerFormOf(r: TaxpayerRecord): TaxpayerForm {
  const tp = r.taxpayer;
  return {
    id: tp.id,
    kind: tp.kind,
    idNo: null,
    title: tp.title,
    name: tp.name,
    lastName: tp.lastName,
    address: tp.address,
    phone: null,
    citizenId: tp.citizenId,
  };
}

export function TaxpayerFormView({ initial, onSaved, onCancel }: FormProps<TaxpayerForm>) {
  const [f, setF] = useState(initial);
  const { error, busy, submit } = useSave(saveTaxpayer, onSaved);
  const set = (patch: Partial<TaxpayerForm>) => setF({ ...f, ...patch });
  return (
    <form
      class="tax-form card"
      data-testid="tax-taxpayer-form"
      aria-label={t(f.id ? 'tax.register.edit_taxpayer' : 'tax.register.new_taxpayer')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(f);
      }}
    >
      <h3>{t(f.id ? 'tax.register.edit_taxpayer' : 'tax.register.new_taxpayer')}</h3>
      <fieldset class="tax-radios">
        <legend>{t('tax.register.kind')}</legend>
        {(['individual', 'juristic'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name="tax-kind"
              value={kind}
              checked={f.kind === kind}
              data-testid={`tax-kind-${kind}`}
              onChange={() => set({ kind })}
            />
            {t(kind === 'individual' ? 'tax.register.individual' : 'tax.register.juristic')}
          </label>
        ))}
      </fieldset>
      <TextField
        testId="tax-id-no"
        errorTestId="tax-id-no-error"
        label={t(f.kind === 'individual' ? 'tax.register.id_no' : 'tax.register.tax_id')}
        hint={f.idNo === null ? t('tax.register.id_kept') : undefined}
        value={f.idNo ?? ''}
        inputMode="numeric"
        onValue={(v) => set({ idNo: v })}
      />
      <TextField
        testId="tax-title"
        errorTestId="tax-title-error"
        label={t('tax.register.title')}
        value={f.title}
        onValue={(v) => set({ title: v })}
      />
      <TextField
        testId="tax-name"
        errorTestId="tax-name-error"
        label={t('tax.register.name')}
        required
        value={f.name}
        onValue={(v) => set({ name: v })}
      />
      <TextField
        testId="tax-last-name"
        errorTestId="tax-last-name-error"
        label={t('tax.register.last_name')}
        value={f.lastName}
        onValue={(v) => set({ lastName: v })}
      />
      <TextField
        testId="tax-address"
        errorTestId="tax-address-error"
        label={t('tax.register.address')}
        value={f.address}
        onValue={(v) => set({ address: v })}
      />
      <TextField
        testId="tax-phone"
        errorTestId="tax-phone-error"
        label={t('tax.register.phone')}
        hint={f.phone === null ? t('tax.register.phone_kept') : undefined}
        value={f.phone ?? ''}
        inputMode="numeric"
        onValue={(v) => set({ phone: v })}
      />
      <FormError error={error} testId="tax-taxpayer-error" />
      <Buttons busy={busy} onCancel={onCancel} testId="tax-taxpayer" />
    </form>
  );
}

export function emptyParcel(taxpayerId: string): ParcelForm {
  return {
    id: null,
    taxpayerId,
    deedType: t('tax.register.deed_default'),
    deedNo: '',
    landNo: '',
    location: '',
    taxUnit: '',
    rai: '0',
    ngan: '0',
    sqWah: '0',
    pricePerSqWah: '',
    appraisalRound: '',
  };
}

export function ParcelFormView({ initial, onSaved, onCancel }: FormProps<ParcelForm>) {
  const [f, setF] = useState(initial);
  const { error, busy, submit } = useSave(saveParcel, onSaved);
  const field = (key: keyof ParcelForm, label: MessageKey, numeric = false) => (
    <TextField
      testId={`tax-parcel-${key}`}
      errorTestId={`tax-parcel-${key}-error`}
      label={t(label)}
      value={f[key] ?? ''}
      inputMode={numeric ? 'numeric' : 'text'}
      onValue={(v) => setF({ ...f, [key]: v })}
    />
  );
  return (
    <form
      class="tax-form card"
      data-testid="tax-parcel-form"
      aria-label={t('tax.register.parcel_form')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(f);
      }}
    >
      <h3>{t('tax.register.parcel_form')}</h3>
      {field('deedType', 'tax.register.deed_type')}
      {field('deedNo', 'tax.register.deed_no')}
      {field('landNo', 'tax.register.land_no')}
      {field('location', 'tax.register.location')}
      <div class="tax-area-row">
        {field('rai', 'tax.register.rai', true)}
        {field('ngan', 'tax.register.ngan', true)}
        {field('sqWah', 'tax.register.sq_wah', true)}
      </div>
      {field('pricePerSqWah', 'tax.register.price_per_sq_wah', true)}
      {field('taxUnit', 'tax.register.tax_unit')}
      <FormError error={error} testId="tax-parcel-error" />
      <Buttons busy={busy} onCancel={onCancel} testId="tax-parcel" />
    </form>
  );
}

export function emptyBuilding(taxpayerId: string, parcelId: string | null): BuildingForm {
  return {
    id: null,
    taxpayerId,
    parcelId,
    houseNo: '',
    buildingType: '',
    structure: 'masonry',
    floors: '1',
    areaM2: '',
    yearBuilt: '',
    pricePerM2: '',
    appraisalRound: '',
  };
}

const STRUCTURES: readonly { value: string; label: MessageKey }[] = [
  { value: 'masonry', label: 'tax.structure.masonry' },
  { value: 'half_wood', label: 'tax.structure.half_wood' },
  { value: 'wood', label: 'tax.structure.wood' },
];

export function BuildingFormView({
  initial,
  onSaved,
  onCancel,
  parcels,
}: FormProps<BuildingForm> & { parcels: readonly { id: string; label: string }[] }) {
  const [f, setF] = useState(initial);
  const { error, busy, submit } = useSave(saveBuilding, onSaved);
  const field = (key: keyof BuildingForm, label: MessageKey, numeric = false) => (
    <TextField
      testId={`tax-building-${key}`}
      errorTestId={`tax-building-${key}-error`}
      label={t(label)}
      value={f[key] ?? ''}
      inputMode={numeric ? 'numeric' : 'text'}
      onValue={(v) => setF({ ...f, [key]: v })}
    />
  );
  return (
    <form
      class="tax-form card"
      data-testid="tax-building-form"
      aria-label={t('tax.register.building_form')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(f);
      }}
    >
      <h3>{t('tax.register.building_form')}</h3>
      {field('houseNo', 'tax.register.house_no')}
      {field('buildingType', 'tax.register.building_type')}
      <label class="field-label" for="tax-building-structure">
        {t('tax.register.structure')}
      </label>
      <select
        id="tax-building-structure"
        data-testid="tax-building-structure"
        value={f.structure}
        onChange={(e) => setF({ ...f, structure: e.currentTarget.value })}
      >
        {STRUCTURES.map((s) => (
          <option key={s.value} value={s.value}>
            {t(s.label)}
          </option>
        ))}
      </select>
      <label class="field-label" for="tax-building-parcel">
        {t('tax.register.on_parcel')}
      </label>
      <select
        id="tax-building-parcel"
        data-testid="tax-building-parcel"
        value={f.parcelId ?? ''}
        onChange={(e) => setF({ ...f, parcelId: e.currentTarget.value || null })}
      >
        <option value="">{t('tax.register.no_parcel')}</option>
        {parcels.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      {field('floors', 'tax.register.floors', true)}
      {field('areaM2', 'tax.register.area_m2', true)}
      {field('yearBuilt', 'tax.register.year_built', true)}
      {field('pricePerM2', 'tax.register.price_per_m2', true)}
      <FormError error={error} testId="tax-building-error" />
      <Buttons busy={busy} onCancel={onCancel} testId="tax-building" />
    </form>
  );
}

export function emptyUse(kind: PropertyKind, propertyId: string, taxYear: number): UseForm {
  return {
    id: null,
    propertyKind: kind,
    propertyId,
    taxYear,
    use: 'agricultural',
    sharePercent: '100',
    vacantSince: '',
  };
}

export function UseFormView({ initial, onSaved, onCancel }: FormProps<UseForm>) {
  const [f, setF] = useState(initial);
  const { error, busy, submit } = useSave(saveUse, onSaved);
  return (
    <form
      class="tax-form card"
      data-testid="tax-use-form"
      aria-label={t('tax.register.use_form')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(f);
      }}
    >
      <h3>{t('tax.register.use_form')}</h3>
      <TextField
        testId="tax-use-year"
        errorTestId="tax-use-year-error"
        label={t('tax.register.tax_year')}
        value={String(f.taxYear)}
        inputMode="numeric"
        onValue={(v) => setF({ ...f, taxYear: Number(v) || 0 })}
      />
      <label class="field-label" for="tax-use-use">
        {t('tax.register.use')}
      </label>
      <select
        id="tax-use-use"
        data-testid="tax-use-use"
        value={f.use}
        onChange={(e) => {
          const use = e.currentTarget.value;
          setF({ ...f, use, vacantSince: use === 'vacant' ? f.vacantSince : '' });
        }}
      >
        {USES.map((u) => (
          <option key={u.use} value={u.use}>
            {t(u.label)}
          </option>
        ))}
      </select>
      <TextField
        testId="tax-use-share"
        errorTestId="tax-use-share-error"
        label={t('tax.register.share_percent')}
        value={f.sharePercent}
        inputMode="numeric"
        onValue={(v) => setF({ ...f, sharePercent: v })}
      />
      {f.use === 'vacant' && (
        <TextField
          testId="tax-use-vacant-since"
          errorTestId="tax-use-vacant-since-error"
          label={t('tax.register.vacant_since')}
          value={f.vacantSince}
          inputMode="numeric"
          onValue={(v) => setF({ ...f, vacantSince: v })}
        />
      )}
      <FormError error={error} testId="tax-use-error" />
      <Buttons busy={busy} onCancel={onCancel} testId="tax-use" />
    </form>
  );
}
