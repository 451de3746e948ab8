/**
 * The land and building tax's property register: search (IDs masked), a taxpayer's record, the forms' saves
 * and deletes, and the CSV import (all or nothing). Core checks every field and permission; its messages come
 * back in the user's language.
 */
import type { BuildingForm } from '../generated/BuildingForm';
import type { BuildingView } from '../generated/BuildingView';
import type { CondoUnitForm } from '../generated/CondoUnitForm';
import type { CondoUnitView } from '../generated/CondoUnitView';
import type { ImportView } from '../generated/ImportView';
import type { ParcelForm } from '../generated/ParcelForm';
import type { ParcelView } from '../generated/ParcelView';
import type { PropertyKind } from '../generated/PropertyKind';
import type { TaxpayerForm } from '../generated/TaxpayerForm';
import type { TaxpayerHit } from '../generated/TaxpayerHit';
import type { TaxpayerRecord } from '../generated/TaxpayerRecord';
import type { Use } from '../generated/Use';
import type { UseForm } from '../generated/UseForm';
import type { UseView } from '../generated/UseView';
import { call } from './call';

export type {
  BuildingForm,
  BuildingView,
  CondoUnitForm,
  CondoUnitView,
  ImportView,
  ParcelForm,
  ParcelView,
  PropertyKind,
  TaxpayerForm,
  TaxpayerHit,
  TaxpayerRecord,
  Use,
  UseForm,
  UseView,
};

/** `tax_search`: by name, ID, deed, house or unit number, or any Thai substring. */
export function searchTaxpayers(query: string): Promise<TaxpayerHit[]> {
  return call<TaxpayerHit[]>('tax_search', { query });
}

/** `tax_taxpayer`: one taxpayer with every property, co-owner and use. */
export function getTaxpayer(taxpayerId: string): Promise<TaxpayerRecord> {
  return call<TaxpayerRecord>('tax_taxpayer', { taxpayerId });
}

/** `tax_save_taxpayer`: adds (`id: null`) or changes a taxpayer; resolves with its id. */
export function saveTaxpayer(form: TaxpayerForm): Promise<string> {
  return call<string>('tax_save_taxpayer', { form });
}

/** `tax_save_parcel`. */
export function saveParcel(form: ParcelForm): Promise<string> {
  return call<string>('tax_save_parcel', { form });
}

/** `tax_save_building`. */
export function saveBuilding(form: BuildingForm): Promise<string> {
  return call<string>('tax_save_building', { form });
}

/** `tax_save_condo_unit`. */
export function saveCondoUnit(form: CondoUnitForm): Promise<string> {
  return call<string>('tax_save_condo_unit', { form });
}

/** `tax_save_use`: the use of a property in one tax year. */
export function saveUse(form: UseForm): Promise<string> {
  return call<string>('tax_save_use', { form });
}

/** `tax_delete_use`. */
export function deleteUse(id: string): Promise<void> {
  return call<null>('tax_delete_use', { id }).then(() => undefined);
}

/** `tax_delete_property`: the property with its uses and co-owners. */
export function deleteProperty(kind: PropertyKind, id: string): Promise<void> {
  return call<null>('tax_delete_property', { kind, id }).then(() => undefined);
}

/** `tax_add_co_owner`. */
export function addCoOwner(kind: PropertyKind, propertyId: string, taxpayerId: string): Promise<string> {
  return call<string>('tax_add_co_owner', { kind, propertyId, taxpayerId });
}

/** `tax_remove_co_owner`: the co-owner row's id (from the property's `coOwners`). */
export function removeCoOwner(id: string): Promise<void> {
  return call<null>('tax_remove_co_owner', { id }).then(() => undefined);
}

/** `tax_delete_taxpayer`: only a taxpayer who owns nothing on the register any more (core says why not). */
export function deleteTaxpayer(id: string): Promise<void> {
  return call<null>('tax_delete_taxpayer', { id }).then(() => undefined);
}

/** `tax_import_csv`: imports everything or nothing; `errors` lists each bad line. */
export function importRegisterCsv(text: string): Promise<ImportView> {
  return call<ImportView>('tax_import_csv', { text });
}

/** `tax_register_template`: the CSV template's text. */
export function registerTemplate(): Promise<string> {
  return call<string>('tax_register_template');
}
