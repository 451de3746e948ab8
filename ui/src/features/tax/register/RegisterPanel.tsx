import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../../api/errors';
import {
  deleteProperty,
  deleteTaxpayer,
  deleteUse,
  getTaxpayer,
  importRegisterCsv,
  type BuildingForm,
  type BuildingView,
  type CondoUnitForm,
  type CondoUnitView,
  type ImportView,
  type ParcelForm,
  type ParcelView,
  type PropertyKind,
  type TaxpayerHit,
  type TaxpayerRecord,
  type UseView,
} from '../../../api/taxRegister';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { CoOwnerView } from '../../../generated/CoOwnerView';
import { t } from '../../../i18n';
import type { TaxPanelProps } from '../TaxArea';
import { CoOwners } from './CoOwners';
import { ConfirmButton } from './Confirm';
import {
  BuildingFormView,
  CondoFormView,
  ParcelFormView,
  TaxpayerFormView,
  UseFormView,
  buildingFormOf,
  condoFormOf,
  emptyBuilding,
  emptyCondo,
  emptyParcel,
  emptyTaxpayer,
  emptyUse,
  parcelFormOf,
  taxpayerFormOf,
  useLabel,
} from './forms';
import { TaxpayerSearch } from './TaxpayerSearch';

export { SEARCH_DEBOUNCE_MS } from './TaxpayerSearch';

/** The tax year a new use defaults to: this calendar year in B.E. */
function currentTaxYear(): number {
  return new Date().getFullYear() + 543;
}

type Editing =
  | { kind: 'taxpayer'; isNew: boolean }
  | { kind: 'parcel'; initial: ParcelForm }
  | { kind: 'building'; initial: BuildingForm }
  | { kind: 'condo'; initial: CondoUnitForm }
  | { kind: 'use'; property: PropertyKind; id: string };

/** Satang as baht with thousands separators: 1234550 → 12,345.50. */
function baht(satang: number): string {
  const whole = Math.trunc(satang / 100).toLocaleString('en-US');
  return `${whole}.${String(Math.abs(satang % 100)).padStart(2, '0')}`;
}

function Uses({
  uses,
  label,
  onAdd,
  onChanged,
}: {
  uses: readonly UseView[];
  /** The property (for the confirm). */
  label: string;
  onAdd: () => void;
  onChanged: () => void;
}) {
  return (
    <div class="tax-uses">
      <ul>
        {uses.map((u) => {
          const line = t('tax.register.use_line', { year: u.taxYear, use: useLabel(u.use), share: u.sharePercent });
          return (
            <li key={u.id} data-testid="tax-use">
              {line}
              {u.vacantSince !== null && ` ${t('tax.register.vacant_since_line', { year: u.vacantSince })}`}{' '}
              <ConfirmButton
                testId="tax-delete-use"
                label={t('tax.register.delete')}
                ariaLabel={t('tax.register.delete_of', { what: `${label} ${line}` })}
                title={t('tax.register.delete_use_title', { line })}
                goes={t('tax.register.delete_use_goes', { line, label })}
                stays={t('tax.register.delete_use_stays')}
                confirmLabel={t('tax.register.delete')}
                action={() => deleteUse(u.id)}
                onDone={onChanged}
              />
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        class="button button-secondary button-small"
        onClick={onAdd}
        data-testid="tax-add-use"
        aria-label={t('tax.register.add_use_to', { label })}
      >
        {t('tax.register.add_use')}
      </button>
    </div>
  );
}

type PropertyPartsProps = {
  kind: PropertyKind;
  property: { id: string; coOwners: readonly CoOwnerView[]; uses: readonly UseView[] };
  /** What it is (โฉนดที่ดิน 12345), for the confirms and screen readers. */
  label: string;
  onAddUse: () => void;
  onChanged: () => void;
  /** Buttons shown before the delete (the condo unit's Edit). */
  children?: ComponentChildren;
};

/** Under each property: its co-owners, its uses, and the delete that says what goes with it. */
function PropertyParts({ kind, property, label, onAddUse, onChanged, children }: PropertyPartsProps) {
  const { id, coOwners, uses } = property;
  return (
    <>
      <CoOwners kind={kind} propertyId={id} label={label} coOwners={coOwners} onChanged={onChanged} />
      <Uses uses={uses} label={label} onAdd={onAddUse} onChanged={onChanged} />
      <div class="tax-property-actions">
        {children}
        <ConfirmButton
          testId="tax-delete-property"
          label={t('tax.register.delete_property')}
          ariaLabel={t('tax.register.delete_of', { what: label })}
          title={t('tax.register.delete_property_title', { label })}
          goes={t('tax.register.delete_property_goes', { uses: uses.length, coOwners: coOwners.length })}
          stays={t(kind === 'parcel' ? 'tax.register.delete_parcel_stays' : 'tax.register.delete_property_stays')}
          confirmLabel={t('tax.register.delete_property')}
          action={() => deleteProperty(kind, id)}
          onDone={onChanged}
        />
      </div>
    </>
  );
}

function parcelLabel(p: ParcelView): string {
  return `${p.deedType} ${p.deedNo}`;
}

function buildingLabel(b: BuildingView): string {
  return [b.buildingType, b.houseNo && `${t('tax.register.house_no')} ${b.houseNo}`].filter(Boolean).join(' ');
}

function condoLabel(c: CondoUnitView): string {
  return `${c.condoName} ${t('tax.register.unit_no')} ${c.unitNo}`;
}

/** The register: search as you type, the picked taxpayer's record, forms, and the CSV import. */
export function RegisterPanel({ taxpayerId, onTaxpayer, go }: TaxPanelProps) {
  const [record, setRecord] = useState<TaxpayerRecord | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [imported, setImported] = useState<ImportView | null>(null);
  const load = (id: string | null) => {
    if (!id) {
      setRecord(null);
      return;
    }
    getTaxpayer(id)
      .then((r) => {
        setRecord(r);
        setError(null);
      })
      .catch((err: unknown) => setError(toIpcError(err)));
  };

  useEffect(() => load(taxpayerId), [taxpayerId]);

  const pick = (hit: TaxpayerHit) => {
    setEditing(null);
    onTaxpayer(hit.id);
  };

  const reload = () => load(taxpayerId);

  const saved = (id: string) => {
    setEditing(null);
    if (id !== taxpayerId && editing?.kind === 'taxpayer') onTaxpayer(id);
    else load(taxpayerId);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setImported(null);
    setError(null);
    // A file that is not UTF-8 (Excel's plain CSV is Windows-874 in Thai) is refused, not read as mojibake.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      setError({ code: 'validation', message: t('tax.register.import_not_utf8', { file: file.name }) });
      return;
    }
    try {
      const result = await importRegisterCsv(text);
      setImported(result);
      if (result.imported && taxpayerId) load(taxpayerId);
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  const parcels = record?.parcels.map((p) => ({ id: p.id, label: parcelLabel(p) })) ?? [];

  return (
    <div class="tax-register" data-testid="tax-register">
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <section class="tax-search card" aria-labelledby="tax-search-label">
        <TaxpayerSearch
          name="tax"
          label={t('tax.register.search')}
          hint={t('tax.register.search_hint')}
          onPick={pick}
          onError={setError}
        />
        <button
          type="button"
          class="button button-secondary"
          data-testid="tax-new-taxpayer"
          onClick={() => setEditing({ kind: 'taxpayer', isNew: true })}
        >
          {t('tax.register.new_taxpayer')}
        </button>
      </section>

      {editing?.kind === 'taxpayer' && (
        <TaxpayerFormView
          initial={editing.isNew || !record ? emptyTaxpayer() : taxpayerFormOf(record)}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}

      {record && (
        <section class="tax-record card" aria-labelledby="tax-taxpayer-name">
          <h2 id="tax-taxpayer-name" data-testid="tax-taxpayer-name">
            {record.taxpayer.fullName}
          </h2>
          <p>
            {t(record.taxpayer.kind === 'juristic' ? 'tax.register.juristic' : 'tax.register.individual')}
            {' · '}
            {record.taxpayer.idNoMasked ?? t('tax.register.no_id')}
            {' · '}
            {record.taxpayer.address}
          </p>
          <div class="tax-record-actions">
            <button type="button" class="button" data-testid="tax-go-notices" onClick={() => go('notices')}>
              {t('tax.register.go_notices')}
            </button>
            <button type="button" class="button" data-testid="tax-go-payments" onClick={() => go('payments')}>
              {t('tax.register.go_payments')}
            </button>
            <button
              type="button"
              class="button button-secondary"
              data-testid="tax-edit-taxpayer"
              onClick={() => setEditing({ kind: 'taxpayer', isNew: false })}
            >
              {t('tax.register.edit_taxpayer')}
            </button>
            <button
              type="button"
              class="button button-secondary"
              data-testid="tax-add-parcel"
              onClick={() => setEditing({ kind: 'parcel', initial: emptyParcel(record.taxpayer.id) })}
            >
              {t('tax.register.add_parcel')}
            </button>
            <button
              type="button"
              class="button button-secondary"
              data-testid="tax-add-building"
              onClick={() =>
                setEditing({ kind: 'building', initial: emptyBuilding(record.taxpayer.id, parcels[0]?.id ?? null) })
              }
            >
              {t('tax.register.add_building')}
            </button>
            <button
              type="button"
              class="button button-secondary"
              data-testid="tax-add-condo"
              onClick={() => setEditing({ kind: 'condo', initial: emptyCondo(record.taxpayer.id) })}
            >
              {t('tax.register.add_condo')}
            </button>
            <ConfirmButton
              testId="tax-delete-taxpayer"
              label={t('tax.register.delete_taxpayer')}
              ariaLabel={t('tax.register.delete_of', { what: record.taxpayer.fullName })}
              title={t('tax.register.delete_taxpayer_title', { name: record.taxpayer.fullName })}
              goes={t('tax.register.delete_taxpayer_goes', { count: record.coOwned.length })}
              stays={t('tax.register.delete_taxpayer_stays')}
              confirmLabel={t('tax.register.delete_taxpayer')}
              action={() => deleteTaxpayer(record.taxpayer.id)}
              onDone={() => {
                setEditing(null);
                setRecord(null);
                onTaxpayer(null);
              }}
            />
          </div>

          {editing?.kind === 'parcel' && (
            <ParcelFormView
              key={editing.initial.id ?? 'new'}
              initial={editing.initial}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}
          {editing?.kind === 'building' && (
            <BuildingFormView
              key={editing.initial.id ?? 'new'}
              initial={editing.initial}
              parcels={parcels}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}
          {editing?.kind === 'condo' && (
            <CondoFormView
              key={editing.initial.id ?? 'new'}
              initial={editing.initial}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}
          {editing?.kind === 'use' && (
            <UseFormView
              initial={emptyUse(editing.property, editing.id, currentTaxYear())}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}

          <h3>{t('tax.register.parcels')}</h3>
          {record.parcels.length === 0 && <p>{t('tax.register.none')}</p>}
          <ul class="tax-properties" data-testid="tax-parcels">
            {record.parcels.map((p) => (
              <li key={p.id} class="tax-property">
                <p class="tax-property-title">
                  {p.deedType} {p.deedNo}
                  {p.landNo && ` · ${t('tax.register.land_no')} ${p.landNo}`}
                </p>
                <p>
                  {t('tax.register.area_line', { rai: p.rai, ngan: p.ngan, wah: p.sqWah, total: p.areaSqWah })}
                  {' · '}
                  {t('tax.register.price_line', { price: baht(p.pricePerSqWah) })}
                  {' · '}
                  {p.location}
                  {p.taxUnit && ` · ${t('tax.register.tax_unit')} ${p.taxUnit}`}
                </p>
                <PropertyParts
                  kind="parcel"
                  property={p}
                  label={parcelLabel(p)}
                  onAddUse={() => setEditing({ kind: 'use', property: 'parcel', id: p.id })}
                  onChanged={reload}
                >
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="tax-edit-parcel"
                    aria-label={t('tax.register.edit_of', { what: parcelLabel(p) })}
                    onClick={() => setEditing({ kind: 'parcel', initial: parcelFormOf(record.taxpayer.id, p) })}
                  >
                    {t('tax.register.edit')}
                  </button>
                </PropertyParts>
              </li>
            ))}
          </ul>

          <h3>{t('tax.register.buildings')}</h3>
          {record.buildings.length === 0 && <p>{t('tax.register.none')}</p>}
          <ul class="tax-properties" data-testid="tax-buildings">
            {record.buildings.map((b) => (
              <li key={b.id} class="tax-property">
                <p class="tax-property-title">
                  {b.buildingType} {b.houseNo && `${t('tax.register.house_no')} ${b.houseNo}`}
                </p>
                <p>
                  {t('tax.register.building_line', {
                    area: b.areaM2,
                    floors: b.floors,
                    year: b.yearBuilt,
                    structure: t(`tax.structure.${b.structure}`),
                  })}
                  {b.parcelLabel && ` · ${t('tax.register.on_land', { land: b.parcelLabel })}`}
                  {b.landOwner && ` · ${t('tax.register.land_owner', { name: b.landOwner })}`}
                </p>
                <PropertyParts
                  kind="building"
                  property={b}
                  label={buildingLabel(b)}
                  onAddUse={() => setEditing({ kind: 'use', property: 'building', id: b.id })}
                  onChanged={reload}
                >
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="tax-edit-building"
                    aria-label={t('tax.register.edit_of', { what: buildingLabel(b) })}
                    onClick={() => setEditing({ kind: 'building', initial: buildingFormOf(record.taxpayer.id, b) })}
                  >
                    {t('tax.register.edit')}
                  </button>
                </PropertyParts>
              </li>
            ))}
          </ul>

          <h3>{t('tax.register.condo_units')}</h3>
          {record.condoUnits.length === 0 && <p>{t('tax.register.none')}</p>}
          <ul class="tax-properties" data-testid="tax-condo-units">
            {record.condoUnits.map((c) => (
              <li key={c.id} class="tax-property" data-testid="tax-condo-unit">
                <p class="tax-property-title">{condoLabel(c)}</p>
                <p>
                  {c.condoRegNo && `${t('tax.register.condo_reg_no')} ${c.condoRegNo} · `}
                  {c.floor && `${t('tax.register.floor')} ${c.floor} · `}
                  {t('tax.register.condo_line', { area: c.areaM2, price: baht(c.pricePerM2) })}
                </p>
                <PropertyParts
                  kind="condo_unit"
                  property={c}
                  label={condoLabel(c)}
                  onAddUse={() => setEditing({ kind: 'use', property: 'condo_unit', id: c.id })}
                  onChanged={reload}
                >
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="tax-edit-condo"
                    aria-label={t('tax.register.edit_of', { what: condoLabel(c) })}
                    onClick={() => setEditing({ kind: 'condo', initial: condoFormOf(record.taxpayer.id, c) })}
                  >
                    {t('tax.register.edit')}
                  </button>
                </PropertyParts>
              </li>
            ))}
          </ul>

          {record.coOwned.length > 0 && (
            <>
              <h3>{t('tax.register.co_owned')}</h3>
              <ul>
                {record.coOwned.map((c) => (
                  <li key={c.propertyId}>{t('tax.register.co_owned_line', { label: c.label, owner: c.ownerName })}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <section class="tax-import card" aria-labelledby="tax-import-title">
        <h3 id="tax-import-title">{t('tax.register.import_title')}</h3>
        <p class="field-hint">{t('tax.register.import_hint')}</p>
        <label for="tax-import-file" class="field-label">
          {t('tax.register.import_file')}
        </label>
        <input
          id="tax-import-file"
          type="file"
          accept=".csv,text/csv"
          data-testid="tax-import-file"
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
        />
        {imported?.imported && (
          <p role="status" data-testid="tax-import-done">
            {t('tax.register.import_done', {
              taxpayers: imported.taxpayersNew,
              properties: imported.propertiesNew,
              uses: imported.usesNew,
            })}
          </p>
        )}
        {imported && !imported.imported && (
          <div role="alert" data-testid="tax-import-errors" class="alert alert-error">
            <p class="alert-title">{t('tax.register.import_failed', { count: imported.errors.length })}</p>
            <ul>
              {imported.errors.map((e, i) => (
                <li key={i}>{t('tax.register.import_line', { line: e.line, message: e.message })}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
