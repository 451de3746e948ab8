import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../../api/errors';
import {
  getTaxpayer,
  importRegisterCsv,
  searchTaxpayers,
  type ImportView,
  type PropertyKind,
  type TaxpayerHit,
  type TaxpayerRecord,
  type UseView,
} from '../../../api/taxRegister';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { t } from '../../../i18n';
import type { TaxPanelProps } from '../TaxArea';
import {
  BuildingFormView,
  ParcelFormView,
  TaxpayerFormView,
  UseFormView,
  emptyBuilding,
  emptyParcel,
  emptyTaxpayer,
  emptyUse,
  taxpayerFormOf,
  useLabel,
} from './forms';

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

/** The tax year a new use defaults to: this calendar year in B.E. */
function currentTaxYear(): number {
  return new Date().getFullYear() + 543;
}

type Editing =
  | { kind: 'taxpayer'; isNew: boolean }
  | { kind: 'parcel' }
  | { kind: 'building' }
  | { kind: 'use'; property: PropertyKind; id: string };

/** Satang as baht with thousands separators: 1234550 → 12,345.50. */
function baht(satang: number): string {
  const whole = Math.trunc(satang / 100).toLocaleString('en-US');
  return `${whole}.${String(Math.abs(satang % 100)).padStart(2, '0')}`;
}

function Uses({ uses, onAdd }: { uses: readonly UseView[]; onAdd: () => void }) {
  return (
    <div class="tax-uses">
      <ul>
        {uses.map((u) => (
          <li key={u.id} data-testid="tax-use">
            {t('tax.register.use_line', {
              year: u.taxYear,
              use: useLabel(u.use),
              share: u.sharePercent,
            })}
            {u.vacantSince !== null && ` ${t('tax.register.vacant_since_line', { year: u.vacantSince })}`}
          </li>
        ))}
      </ul>
      <button type="button" class="button button-secondary button-small" onClick={onAdd} data-testid="tax-add-use">
        {t('tax.register.add_use')}
      </button>
    </div>
  );
}

/** The register: search as you type, the picked taxpayer's record, forms, and the CSV import. */
export function RegisterPanel({ taxpayerId, onTaxpayer, go }: TaxPanelProps) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<TaxpayerHit[]>([]);
  const [active, setActive] = useState(0);
  const [record, setRecord] = useState<TaxpayerRecord | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [imported, setImported] = useState<ImportView | null>(null);
  const searchSeq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    const seq = ++searchSeq.current;
    const timer = setTimeout(() => {
      searchTaxpayers(q)
        .then((found) => {
          if (seq !== searchSeq.current) return;
          setHits(found);
          setActive(0);
          setError(null);
        })
        .catch((err: unknown) => setError(toIpcError(err)));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

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

  const pick = (hit: TaxpayerHit | undefined) => {
    if (!hit) return;
    setEditing(null);
    onTaxpayer(hit.id);
  };

  const onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(hits[active]);
    }
  };

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

  const parcels = record?.parcels.map((p) => ({ id: p.id, label: `${p.deedType} ${p.deedNo}` })) ?? [];

  return (
    <div class="tax-register" data-testid="tax-register">
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <section class="tax-search card" aria-labelledby="tax-search-label">
        <label id="tax-search-label" for="tax-search" class="field-label">
          {t('tax.register.search')}
        </label>
        <p class="field-hint" id="tax-search-hint">
          {t('tax.register.search_hint')}
        </p>
        <input
          id="tax-search"
          type="search"
          data-testid="tax-search"
          value={query}
          role="combobox"
          list={undefined}
          aria-expanded={hits.length > 0}
          aria-controls="tax-results"
          aria-describedby="tax-search-hint"
          aria-activedescendant={hits.length ? `tax-result-${String(active)}` : undefined}
          autoComplete="off"
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onSearchKey}
        />
        {query.trim() && hits.length === 0 && <p data-testid="tax-no-results">{t('tax.register.no_results')}</p>}
        <ul id="tax-results" role="listbox" class="tax-results" aria-label={t('tax.register.results')}>
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`tax-result-${String(i)}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'tax-result tax-result-active' : 'tax-result'}
              data-testid={`tax-result-${String(i)}`}
              onClick={() => pick(h)}
            >
              <span class="tax-result-name">{h.fullName}</span>{' '}
              <span class="tax-result-id">{h.idNoMasked ?? t('tax.register.no_id')}</span>{' '}
              <span class="tax-result-address">{h.address}</span>{' '}
              <span class="tax-result-count">{t('tax.register.property_count', { count: h.properties })}</span>
            </li>
          ))}
        </ul>
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
              onClick={() => setEditing({ kind: 'parcel' })}
            >
              {t('tax.register.add_parcel')}
            </button>
            <button
              type="button"
              class="button button-secondary"
              data-testid="tax-add-building"
              onClick={() => setEditing({ kind: 'building' })}
            >
              {t('tax.register.add_building')}
            </button>
          </div>

          {editing?.kind === 'parcel' && (
            <ParcelFormView
              initial={emptyParcel(record.taxpayer.id)}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          )}
          {editing?.kind === 'building' && (
            <BuildingFormView
              initial={emptyBuilding(record.taxpayer.id, parcels[0]?.id ?? null)}
              parcels={parcels}
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
                {p.coOwners.length > 0 && (
                  <p>{t('tax.register.co_owners', { names: p.coOwners.map((c) => c.fullName).join(', ') })}</p>
                )}
                <Uses uses={p.uses} onAdd={() => setEditing({ kind: 'use', property: 'parcel', id: p.id })} />
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
                <Uses uses={b.uses} onAdd={() => setEditing({ kind: 'use', property: 'building', id: b.id })} />
              </li>
            ))}
          </ul>

          {record.condoUnits.length > 0 && (
            <>
              <h3>{t('tax.register.condo_units')}</h3>
              <ul class="tax-properties" data-testid="tax-condo-units">
                {record.condoUnits.map((c) => (
                  <li key={c.id} class="tax-property">
                    <p class="tax-property-title">
                      {c.condoName} {t('tax.register.unit_no')} {c.unitNo}
                    </p>
                    <p>{t('tax.register.condo_line', { area: c.areaM2, price: baht(c.pricePerM2) })}</p>
                    <Uses uses={c.uses} onAdd={() => setEditing({ kind: 'use', property: 'condo_unit', id: c.id })} />
                  </li>
                ))}
              </ul>
            </>
          )}

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
