/**
 * The browser mock's property register (see `mockBackend.ts`): a small in-memory stand-in for
 * `sala_core::tax::register` with the shapes of `src/generated` and the rules the UI can observe: search by
 * name, ID, deed or house number (IDs masked), a taxpayer's record, saves with core's Thai messages for the
 * common mistakes, and an all-or-nothing CSV import that names each bad line. The real rules live in core.
 */
/* eslint-disable @typescript-eslint/only-throw-error */
import type { Action } from '../generated/Action';
import type { BuildingForm } from '../generated/BuildingForm';
import type { BuildingView } from '../generated/BuildingView';
import type { CondoUnitForm } from '../generated/CondoUnitForm';
import type { CondoUnitView } from '../generated/CondoUnitView';
import type { ImportView } from '../generated/ImportView';
import type { IpcError } from '../generated/IpcError';
import type { ParcelForm } from '../generated/ParcelForm';
import type { ParcelView } from '../generated/ParcelView';
import type { PropertyKind } from '../generated/PropertyKind';
import type { TaxpayerForm } from '../generated/TaxpayerForm';
import type { TaxpayerHit } from '../generated/TaxpayerHit';
import type { TaxpayerRecord } from '../generated/TaxpayerRecord';
import type { TaxpayerView } from '../generated/TaxpayerView';
import type { Use } from '../generated/Use';
import type { UseForm } from '../generated/UseForm';
import type { CommandArgs } from './backend';
import { checkTaxId, normalizeTaxId } from './taxId';

/** The signed-in user as the register sees them. */
export type RegisterActor = { require: (action: Action) => void };

/** What the register needs from the rest of the mock. */
export type RegisterDeps = {
  asUser: (f: (actor: RegisterActor, args: CommandArgs) => unknown) => (args: CommandArgs | undefined) => unknown;
};

export type MockRegister = {
  handlers: Record<string, (args: CommandArgs | undefined) => unknown>;
  /** A few demo taxpayers (a farmer, a home owner, a house on rented land, a company, a condo owner). */
  seedDemo: () => void;
};

type Taxpayer = TaxpayerView & { idNo: string | null };
type Owned<T> = T & { ownerId: string };

const USES: readonly Use[] = [
  'agricultural',
  'residential_home',
  'residential_house_only',
  'residential_other',
  'other',
  'vacant',
];

const TEMPLATE =
  'taxpayer_ref,kind,id_no,title,name,last_name,address,phone,property_ref,property_type,deed_type,deed_no,rai,ngan,sq_wah,price_per_sq_wah,location,tax_year,use,share_percent,vacant_since\n' +
  'T1,individual,3100100123451,นาย,สมหมาย,ใจเกษตร,15 หมู่ที่ 2,,L1,land,โฉนดที่ดิน,10001,12,2,50,150,หมู่ที่ 2,2569,agricultural,100,\n';

function fail(code: IpcError['code'], message: string): IpcError {
  return { code, message };
}

function masked(idNo: string | null): string | null {
  if (!idNo) return null;
  return `${idNo.slice(0, 1)}-${idNo.slice(1, 5)}-xxxxx-xx-${idNo.slice(12)}`;
}

function fullName(title: string, name: string, lastName: string): string {
  return lastName ? `${title}${name} ${lastName}` : `${title}${name}`;
}

export function createMockRegister(deps: RegisterDeps): MockRegister {
  let seq = 0;
  const nextId = (prefix: string) => {
    seq += 1;
    return `${prefix}-${String(seq)}`;
  };
  const taxpayers = new Map<string, Taxpayer>();
  const parcels = new Map<string, Owned<ParcelView>>();
  const buildings = new Map<string, Owned<BuildingView>>();
  const condos = new Map<string, Owned<CondoUnitView>>();

  const useTax = (f: (args: CommandArgs) => unknown) =>
    deps.asUser((actor, args) => {
      actor.require('useTax');
      return f(args);
    });

  const body = (t: Taxpayer) =>
    [
      t.fullName,
      t.idNo ?? '',
      t.address,
      ...[...parcels.values()].filter((p) => p.ownerId === t.id).map((p) => `${p.deedNo} ${p.location}`),
      ...[...buildings.values()].filter((b) => b.ownerId === t.id).map((b) => `${b.houseNo} ${b.buildingType}`),
      ...[...condos.values()].filter((c) => c.ownerId === t.id).map((c) => `${c.condoName} ${c.unitNo}`),
    ].join(' ');

  const propertyCount = (id: string) =>
    [...parcels.values(), ...buildings.values(), ...condos.values()].filter((p) => p.ownerId === id).length;

  const store = (kind: PropertyKind): Map<string, Owned<ParcelView | BuildingView | CondoUnitView>> =>
    kind === 'parcel' ? parcels : kind === 'building' ? buildings : condos;

  const propertyLabel = (kind: PropertyKind, id: string): string => {
    const p = parcels.get(id);
    const b = buildings.get(id);
    const c = condos.get(id);
    if (kind === 'parcel' && p) return `${p.deedType} เลขที่ ${p.deedNo}`;
    if (kind === 'building' && b) return `${b.buildingType} บ้านเลขที่ ${b.houseNo}`;
    if (kind === 'condo_unit' && c) return `${c.condoName} ห้อง ${c.unitNo}`;
    return id;
  };

  const search = (query: string): TaxpayerHit[] => {
    const q = query.trim();
    if (!q) return [];
    const compact = normalizeTaxId(q);
    const words = /^\d{4,}$/.test(compact) && /[-\s]/.test(q) ? [compact] : q.split(/\s+/);
    return [...taxpayers.values()]
      .filter((t) => words.every((w) => body(t).includes(w)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 50)
      .map((t) => ({
        id: t.id,
        kind: t.kind,
        fullName: t.fullName,
        idNoMasked: t.idNoMasked,
        address: t.address,
        properties: propertyCount(t.id),
      }));
  };

  const record = (id: string): TaxpayerRecord => {
    const t = taxpayers.get(id);
    if (!t) throw fail('notFound', 'ไม่พบผู้เสียภาษีในทะเบียน อาจถูกลบไปแล้ว กรุณาค้นหาใหม่');
    const view: TaxpayerView = { ...t };
    delete (view as Partial<Taxpayer>).idNo;
    const strip = <T extends { ownerId: string }>(p: T): Omit<T, 'ownerId'> => {
      const rest: Partial<T> = { ...p };
      delete rest.ownerId;
      return rest as Omit<T, 'ownerId'>;
    };
    const ps = [...parcels.values()].filter((p) => p.ownerId === id).map(strip);
    const bs = [...buildings.values()].filter((b) => b.ownerId === id).map(strip);
    const cs = [...condos.values()].filter((c) => c.ownerId === id).map(strip);
    const years = [...new Set([...ps, ...bs, ...cs].flatMap((p) => p.uses.map((u) => u.taxYear)))].sort(
      (a, b) => b - a,
    );
    const coOwned = (['parcel', 'building', 'condo_unit'] as const).flatMap((kind) =>
      [...store(kind).values()]
        .filter((p) => p.coOwners.some((c) => c.taxpayerId === id))
        .map((p) => ({
          kind,
          propertyId: p.id,
          label: propertyLabel(kind, p.id),
          ownerId: p.ownerId,
          ownerName: taxpayers.get(p.ownerId)?.fullName ?? '',
        })),
    );
    return { taxpayer: view, parcels: ps, buildings: bs, condoUnits: cs, coOwned, years };
  };

  const saveTaxpayer = (form: TaxpayerForm): string => {
    if (!form.name.trim()) throw fail('validation', 'กรุณากรอกชื่อ');
    let idNo: string | null | undefined;
    if (form.idNo !== null) {
      const check = checkTaxId(form.idNo);
      if (check === 'checksum' || check === 'digits') {
        throw fail('validation', `เลขประจำตัว "${form.idNo.trim()}" ไม่ถูกต้อง กรุณาตรวจทานทีละหลัก`);
      }
      idNo = check === 'ok' ? normalizeTaxId(form.idNo) : null;
      if (idNo && form.kind === 'juristic' && !idNo.startsWith('0')) {
        throw fail('validation', `เลขประจำตัวผู้เสียภาษีของนิติบุคคลต้องขึ้นต้นด้วย 0 (ได้รับ ${form.idNo.trim()})`);
      }
      const other = [...taxpayers.values()].find((t) => t.idNo === idNo && t.id !== form.id);
      if (idNo && other) {
        throw fail('conflict', `เลข ${idNo} เป็นของผู้เสียภาษี ${other.fullName} ในทะเบียนอยู่แล้ว`);
      }
    }
    const id = form.id ?? nextId('taxpayer');
    const before = taxpayers.get(id);
    const keptId = idNo === undefined ? (before?.idNo ?? null) : idNo;
    taxpayers.set(id, {
      id,
      kind: form.kind,
      idNo: keptId,
      idNoMasked: masked(keptId),
      title: form.title.trim(),
      name: form.name.trim(),
      lastName: form.lastName.trim(),
      fullName: fullName(form.title.trim(), form.name.trim(), form.lastName.trim()),
      address: form.address.trim(),
      phoneMasked: before?.phoneMasked ?? null,
      citizenId: form.citizenId,
    });
    return id;
  };

  const saveParcel = (form: ParcelForm): string => {
    if (!taxpayers.has(form.taxpayerId)) throw fail('notFound', 'ไม่พบผู้เสียภาษีในทะเบียน');
    if (!form.deedNo.trim()) throw fail('validation', 'กรุณากรอกเลขที่เอกสารสิทธิ์');
    const ngan = Number(form.ngan || '0');
    if (!Number.isInteger(ngan) || ngan < 0 || ngan > 3) {
      throw fail('validation', `งานต้องเป็น 0 ถึง 3 (ได้รับ ${form.ngan}) เพราะ 4 งานเท่ากับ 1 ไร่ กรุณาทดเป็นไร่`);
    }
    const rai = Number(form.rai || '0');
    if (!Number.isInteger(rai) || rai < 0) throw fail('validation', `ไร่ติดลบไม่ได้ (ได้รับ ${form.rai})`);
    const wah = Number(form.sqWah || '0');
    const id = form.id ?? nextId('parcel');
    parcels.set(id, {
      id,
      ownerId: form.taxpayerId,
      deedType: form.deedType.trim(),
      deedNo: form.deedNo.trim(),
      landNo: form.landNo.trim(),
      location: form.location.trim(),
      taxUnit: form.taxUnit.trim(),
      rai,
      ngan,
      sqWah: String(wah),
      areaSqWah: String(rai * 400 + ngan * 100 + wah),
      pricePerSqWah: Math.round(Number(form.pricePerSqWah) * 100),
      appraisalRound: form.appraisalRound.trim() || '2566-2569',
      coOwners: parcels.get(id)?.coOwners ?? [],
      uses: parcels.get(id)?.uses ?? [],
    });
    return id;
  };

  const saveBuilding = (form: BuildingForm): string => {
    if (!taxpayers.has(form.taxpayerId)) throw fail('notFound', 'ไม่พบผู้เสียภาษีในทะเบียน');
    if (!['masonry', 'half_wood', 'wood'].includes(form.structure)) {
      throw fail('validation', `ไม่รู้จักโครงสร้าง "${form.structure}"`);
    }
    const id = form.id ?? nextId('building');
    const land = form.parcelId ? parcels.get(form.parcelId) : undefined;
    buildings.set(id, {
      id,
      ownerId: form.taxpayerId,
      parcelId: form.parcelId,
      parcelLabel: land ? `${land.deedType} เลขที่ ${land.deedNo}` : null,
      landOwner: land && land.ownerId !== form.taxpayerId ? (taxpayers.get(land.ownerId)?.fullName ?? null) : null,
      houseNo: form.houseNo.trim(),
      buildingType: form.buildingType.trim(),
      structure: form.structure as BuildingView['structure'],
      floors: Number(form.floors || '1'),
      areaM2: form.areaM2.trim(),
      yearBuilt: Number(form.yearBuilt),
      pricePerM2: Math.round(Number(form.pricePerM2) * 100),
      appraisalRound: form.appraisalRound.trim() || '2566-2569',
      coOwners: buildings.get(id)?.coOwners ?? [],
      uses: buildings.get(id)?.uses ?? [],
    });
    return id;
  };

  const saveUse = (form: UseForm): string => {
    const property = store(form.propertyKind).get(form.propertyId);
    if (!property) throw fail('notFound', 'ไม่พบทรัพย์สินในทะเบียน');
    if (!USES.includes(form.use as Use)) {
      throw fail('validation', `ไม่รู้จักการใช้ประโยชน์ "${form.use}"`);
    }
    const use = form.use as Use;
    if (form.vacantSince.trim() && use !== 'vacant') {
      throw fail('validation', 'ระบุปีที่เริ่มว่างได้เฉพาะการใช้ประโยชน์แบบว่างเปล่า (vacant) กรุณาลบปีออก หรือเปลี่ยนเป็นว่างเปล่า');
    }
    const id = form.id ?? nextId('use');
    property.uses = [
      ...property.uses.filter((u) => u.id !== id && !(u.taxYear === form.taxYear && u.use === use)),
      {
        id,
        taxYear: form.taxYear,
        use,
        sharePercent: form.sharePercent.trim() || '100',
        vacantSince: use === 'vacant' ? Number(form.vacantSince || form.taxYear) : null,
      },
    ].sort((a, b) => b.taxYear - a.taxYear);
    return id;
  };

  const saveCondo = (form: CondoUnitForm): string => {
    if (!taxpayers.has(form.taxpayerId)) throw fail('notFound', 'ไม่พบผู้เสียภาษีในทะเบียน');
    if (!form.condoName.trim()) throw fail('validation', 'กรุณากรอกชื่ออาคารชุด');
    if (!form.unitNo.trim()) throw fail('validation', 'กรุณากรอกเลขที่ห้องชุด');
    const area = Number(form.areaM2);
    if (!form.areaM2.trim() || !Number.isFinite(area) || area <= 0) {
      throw fail('validation', `พื้นที่ห้องชุดต้องเป็นตัวเลขมากกว่า 0 ตารางเมตร (ได้รับ "${form.areaM2}")`);
    }
    const id = form.id ?? nextId('condo');
    const before = condos.get(id);
    condos.set(id, {
      id,
      ownerId: form.taxpayerId,
      condoName: form.condoName.trim(),
      condoRegNo: form.condoRegNo.trim(),
      unitNo: form.unitNo.trim(),
      floor: form.floor.trim(),
      areaM2: form.areaM2.trim(),
      pricePerM2: Math.round(Number(form.pricePerM2) * 100),
      appraisalRound: form.appraisalRound.trim() || '2566-2569',
      coOwners: before?.coOwners ?? [],
      uses: before?.uses ?? [],
    });
    return id;
  };

  const addCoOwner = (kind: PropertyKind, propertyId: string, taxpayerId: string): string => {
    const property = store(kind).get(propertyId);
    if (!property) throw fail('notFound', 'ไม่พบทรัพย์สินในทะเบียน');
    const who = taxpayers.get(taxpayerId);
    if (!who) throw fail('notFound', 'ไม่พบผู้เสียภาษีในทะเบียน');
    if (property.ownerId === taxpayerId) {
      throw fail('validation', 'ผู้เสียภาษีรายนี้เป็นเจ้าของทรัพย์สินนี้อยู่แล้ว จึงเพิ่มเป็นเจ้าของร่วมไม่ได้');
    }
    const existing = property.coOwners.find((c) => c.taxpayerId === taxpayerId);
    if (existing) return existing.id;
    const id = nextId('co-owner');
    property.coOwners = [...property.coOwners, { id, taxpayerId, fullName: who.fullName }];
    return id;
  };

  const removeCoOwner = (id: string) => {
    for (const p of [...parcels.values(), ...buildings.values(), ...condos.values()]) {
      p.coOwners = p.coOwners.filter((c) => c.id !== id);
    }
    return null;
  };

  const deleteProperty = (kind: PropertyKind, id: string) => {
    if (kind === 'parcel') {
      const standing = [...buildings.values()].filter((b) => b.parcelId === id).length;
      if (standing > 0) {
        throw fail(
          'conflict',
          `ลบที่ดินแปลงนี้ไม่ได้ เพราะมีสิ่งปลูกสร้าง ${String(standing)} รายการตั้งอยู่ ให้ลบหรือแก้ไขสิ่งปลูกสร้างนั้นให้อยู่บนที่ดินแปลงอื่นก่อน`,
        );
      }
    }
    if (!store(kind).delete(id)) throw fail('notFound', 'ไม่พบทรัพย์สินในทะเบียน อาจถูกลบไปแล้ว');
    return null;
  };

  const deleteTaxpayer = (id: string) => {
    if (!taxpayers.has(id)) throw fail('notFound', 'ไม่พบผู้เสียภาษีในทะเบียน อาจถูกลบไปแล้ว กรุณาค้นหาใหม่');
    const count = propertyCount(id);
    if (count > 0) {
      throw fail('conflict', `ลบผู้เสียภาษีรายนี้ไม่ได้ เพราะยังมีทรัพย์สินในทะเบียน ${String(count)} รายการ กรุณาลบหรือโอนทรัพย์สินก่อน`);
    }
    for (const p of [...parcels.values(), ...buildings.values(), ...condos.values()]) {
      p.coOwners = p.coOwners.filter((c) => c.taxpayerId !== id);
    }
    taxpayers.delete(id);
    return null;
  };

  /** Lines: header first; a line without `taxpayer_ref` or `name` (for a new ref) is an error. */
  const importCsv = (text: string): ImportView => {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = (lines[0] ?? '').split(',').map((h) => h.trim());
    const errors: ImportView['errors'] = [];
    const rows: Record<string, string>[] = [];
    lines.slice(1).forEach((line, i) => {
      if (!line.trim()) return;
      const cells = line.split(',');
      const row: Record<string, string> = {};
      header.forEach((h, j) => (row[h] = (cells[j] ?? '').trim()));
      const n = i + 2;
      if (!row.taxpayer_ref) errors.push({ line: n, message: 'ไม่มี taxpayer_ref กรุณาใส่รหัสอ้างอิงผู้เสียภาษีทุกบรรทัด' });
      if (row.use && !USES.includes(row.use as Use)) {
        errors.push({ line: n, message: `ไม่รู้จักการใช้ประโยชน์ "${row.use}"` });
      }
      if (row.ngan && Number(row.ngan) > 3) errors.push({ line: n, message: `งานต้องเป็น 0 ถึง 3 (ได้รับ ${row.ngan})` });
      rows.push(row);
    });
    const view: ImportView = {
      imported: errors.length === 0,
      taxpayersNew: 0,
      taxpayersExisting: 0,
      propertiesNew: 0,
      propertiesExisting: 0,
      usesNew: 0,
      usesExisting: 0,
      errors,
    };
    if (errors.length) return view;
    const refs = new Map<string, string>();
    for (const row of rows) {
      const ref = row.taxpayer_ref ?? '';
      if (refs.has(ref)) continue;
      const existing = [...taxpayers.values()].find((t) => row.id_no && t.idNo === row.id_no);
      if (existing) {
        view.taxpayersExisting += 1;
        refs.set(ref, existing.id);
        continue;
      }
      view.taxpayersNew += 1;
      refs.set(
        ref,
        saveTaxpayer({
          id: null,
          kind: row.kind === 'juristic' ? 'juristic' : 'individual',
          idNo: row.id_no ?? '',
          title: row.title ?? '',
          name: row.name ?? '',
          lastName: row.last_name ?? '',
          address: row.address ?? '',
          phone: '',
          citizenId: null,
        }),
      );
    }
    return view;
  };

  const seedDemo = () => {
    const farmer = saveTaxpayer({
      id: null,
      kind: 'individual',
      idNo: '3310100815903',
      title: 'นาย',
      name: 'บุญมี',
      lastName: 'ศรีสุข',
      address: '12 หมู่ที่ 1 ตำบลบ้านสาธิต',
      phone: '',
      citizenId: null,
    });
    const land = saveParcel({
      id: null,
      taxpayerId: farmer,
      deedType: 'โฉนดที่ดิน',
      deedNo: '12345',
      landNo: '345',
      location: 'หมู่ที่ 1 ตำบลบ้านสาธิต',
      taxUnit: '',
      rai: '5',
      ngan: '2',
      sqWah: '40',
      pricePerSqWah: '150',
      appraisalRound: '',
    });
    for (const taxYear of [2569, 2570]) {
      saveUse({
        id: null,
        propertyKind: 'parcel',
        propertyId: land,
        taxYear,
        use: 'agricultural',
        sharePercent: '100',
        vacantSince: '',
      });
    }
    const home = saveTaxpayer({
      id: null,
      kind: 'individual',
      idNo: '1310100830167',
      title: 'นางสาว',
      name: 'กาญจนา',
      lastName: 'ทองดี',
      address: '45 หมู่ที่ 2 ตำบลบ้านสาธิต',
      phone: '',
      citizenId: null,
    });
    const house = saveBuilding({
      id: null,
      taxpayerId: home,
      parcelId: land,
      houseNo: '45',
      buildingType: 'บ้านเดี่ยว',
      structure: 'masonry',
      floors: '2',
      areaM2: '140',
      yearBuilt: '2555',
      pricePerM2: '7500',
      appraisalRound: '',
    });
    saveUse({
      id: null,
      propertyKind: 'building',
      propertyId: house,
      taxYear: 2569,
      use: 'residential_house_only',
      sharePercent: '100',
      vacantSince: '',
    });
    const company = saveTaxpayer({
      id: null,
      kind: 'juristic',
      idNo: '0105557123457',
      title: 'บริษัท',
      name: 'สาธิตค้าวัสดุ จำกัด',
      lastName: '',
      address: '99 หมู่ที่ 1 ตำบลบ้านสาธิต',
      phone: '',
      citizenId: null,
    });
    const yard = saveParcel({
      id: null,
      taxpayerId: company,
      deedType: 'โฉนดที่ดิน',
      deedNo: '70001',
      landNo: '',
      location: 'หมู่ที่ 1 ตำบลบ้านสาธิต',
      taxUnit: 'A',
      rai: '2',
      ngan: '0',
      sqWah: '0',
      pricePerSqWah: '6000',
      appraisalRound: '',
    });
    saveUse({
      id: null,
      propertyKind: 'parcel',
      propertyId: yard,
      taxYear: 2569,
      use: 'other',
      sharePercent: '100',
      vacantSince: '',
    });
  };

  const str = (args: CommandArgs, key: string) => {
    const v = args[key];
    return typeof v === 'string' ? v : '';
  };

  return {
    seedDemo,
    handlers: {
      tax_search: useTax((args) => search(str(args, 'query'))),
      tax_taxpayer: useTax((args) => record(str(args, 'taxpayerId'))),
      tax_save_taxpayer: useTax((args) => saveTaxpayer(args.form as TaxpayerForm)),
      tax_save_parcel: useTax((args) => saveParcel(args.form as ParcelForm)),
      tax_save_building: useTax((args) => saveBuilding(args.form as BuildingForm)),
      tax_save_use: useTax((args) => saveUse(args.form as UseForm)),
      tax_delete_use: useTax((args) => {
        const id = str(args, 'id');
        for (const p of [...parcels.values(), ...buildings.values(), ...condos.values()]) {
          p.uses = p.uses.filter((u) => u.id !== id);
        }
        return null;
      }),
      tax_save_condo_unit: useTax((args) => saveCondo(args.form as CondoUnitForm)),
      tax_delete_property: useTax((args) => deleteProperty(args.kind as PropertyKind, str(args, 'id'))),
      tax_add_co_owner: useTax((args) =>
        addCoOwner(args.kind as PropertyKind, str(args, 'propertyId'), str(args, 'taxpayerId')),
      ),
      tax_remove_co_owner: useTax((args) => removeCoOwner(str(args, 'id'))),
      tax_delete_taxpayer: useTax((args) => deleteTaxpayer(str(args, 'id'))),
      tax_import_csv: useTax((args) => importCsv(str(args, 'text'))),
      tax_register_template: useTax(() => TEMPLATE),
    },
  };
}
