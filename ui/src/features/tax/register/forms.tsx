import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

import {
  saveBuilding,
  saveCondoUnit,
  saveParcel,
  saveTaxpayer,
  saveUse,
  type BuildingForm,
  type BuildingView,
  type CondoUnitForm,
  type CondoUnitView,
  type ParcelForm,
  type ParcelView,
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

/** The keys of a form whose values are text (the ones a `TextField` edits). */
type TextKeys<F> = { [K in keyof F]: F[K] extends string | null ? K : never }[keyof F] & string;

/** Text fields bound to one key of the form each, with test ids `tax-{name}-{key}`. */
function fieldsFor<F>(name: string, f: F, setF: (f: F) => void) {
  return (key: TextKeys<F>, label: MessageKey, numeric = false) => (
    <TextField
      testId={`tax-${name}-${key}`}
      errorTestId={`tax-${name}-${key}-error`}
      label={t(label)}
      value={(f[key] as string | null) ?? ''}
      inputMode={numeric ? 'numeric' : 'text'}
      onValue={(v) => setF({ ...f, [key]: v })}
    />
  );
}

type FormCardProps = {
  /** `tax-{name}-form`, `tax-{name}-error`, `tax-{name}-save`, `tax-{name}-cancel`. */
  name: string;
  title: string;
  error: string | null;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ComponentChildren;
};

/** A register form's frame: the card with its heading, the fields, core's message and Save/Cancel. */
function FormCard({ name, title, error, busy, onSubmit, onCancel, children }: FormCardProps) {
  return (
    <form
      class="tax-form card"
      data-testid={`tax-${name}-form`}
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3>{title}</h3>
      {children}
      <FormError error={error} testId={`tax-${name}-error`} />
      <Buttons busy={busy} onCancel={onCancel} testId={`tax-${name}`} />
    </form>
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
    <FormCard
      name="taxpayer"
      title={t(f.id ? 'tax.register.edit_taxpayer' : 'tax.register.new_taxpayer')}
      error={error}
      busy={busy}
      onSubmit={() => void submit(f)}
      onCancel={onCancel}
    >
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
    </FormCard>
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
  const field = fieldsFor('parcel', f, setF);
  return (
    <FormCard
      name="parcel"
      title={t('tax.register.parcel_form')}
      error={error}
      busy={busy}
      onSubmit={() => void submit(f)}
      onCancel={onCancel}
    >
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
    </FormCard>
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
  const field = fieldsFor('building', f, setF);
  return (
    <FormCard
      name="building"
      title={t('tax.register.building_form')}
      error={error}
      busy={busy}
      onSubmit={() => void submit(f)}
      onCancel={onCancel}
    >
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
    </FormCard>
  );
}

export function emptyCondo(taxpayerId: string): CondoUnitForm {
  return {
    id: null,
    taxpayerId,
    condoName: '',
    condoRegNo: '',
    unitNo: '',
    floor: '',
    areaM2: '',
    pricePerM2: '',
    appraisalRound: '',
  };
}

/** Satang as plain baht for a form field: 4500050 → "45000.5", 4500000 → "45000". */
function bahtField(satang: number): string {
  return String(satang / 100);
}

/** A unit on the record as the form edits it (the price back in baht). */
export function condoFormOf(taxpayerId: string, c: CondoUnitView): CondoUnitForm {
  return {
    id: c.id,
    taxpayerId,
    condoName: c.condoName,
    condoRegNo: c.condoRegNo,
    unitNo: c.unitNo,
    floor: c.floor,
    areaM2: c.areaM2,
    pricePerM2: bahtField(c.pricePerM2),
    appraisalRound: c.appraisalRound,
  };
}

/** A parcel on the record as the form edits it (the price back in baht). */
export function parcelFormOf(taxpayerId: string, p: ParcelView): ParcelForm {
  return {
    id: p.id,
    taxpayerId,
    deedType: p.deedType,
    deedNo: p.deedNo,
    landNo: p.landNo,
    location: p.location,
    taxUnit: p.taxUnit,
    rai: String(p.rai),
    ngan: String(p.ngan),
    sqWah: p.sqWah,
    pricePerSqWah: bahtField(p.pricePerSqWah),
    appraisalRound: p.appraisalRound,
  };
}

/** A building on the record as the form edits it (the price back in baht). */
export function buildingFormOf(taxpayerId: string, b: BuildingView): BuildingForm {
  return {
    id: b.id,
    taxpayerId,
    parcelId: b.parcelId,
    houseNo: b.houseNo,
    buildingType: b.buildingType,
    structure: b.structure,
    floors: String(b.floors),
    areaM2: b.areaM2,
    yearBuilt: String(b.yearBuilt),
    pricePerM2: bahtField(b.pricePerM2),
    appraisalRound: b.appraisalRound,
  };
}

export function CondoFormView({ initial, onSaved, onCancel }: FormProps<CondoUnitForm>) {
  const [f, setF] = useState(initial);
  const { error, busy, submit } = useSave(saveCondoUnit, onSaved);
  const field = fieldsFor('condo', f, setF);
  return (
    <FormCard
      name="condo"
      title={t(f.id ? 'tax.register.edit_condo' : 'tax.register.add_condo')}
      error={error}
      busy={busy}
      onSubmit={() => void submit(f)}
      onCancel={onCancel}
    >
      {field('condoName', 'tax.register.condo_name')}
      {field('condoRegNo', 'tax.register.condo_reg_no')}
      <div class="tax-area-row">
        {field('unitNo', 'tax.register.unit_no_label')}
        {field('floor', 'tax.register.floor')}
      </div>
      {field('areaM2', 'tax.register.unit_area_m2', true)}
      {field('pricePerM2', 'tax.register.condo_price_per_m2', true)}
      {field('appraisalRound', 'tax.register.appraisal_round')}
    </FormCard>
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
    <FormCard
      name="use"
      title={t('tax.register.use_form')}
      error={error}
      busy={busy}
      onSubmit={() => void submit(f)}
      onCancel={onCancel}
    >
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
      {fieldsFor('use', f, setF)('sharePercent', 'tax.register.share_percent', true)}
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
    </FormCard>
  );
}
