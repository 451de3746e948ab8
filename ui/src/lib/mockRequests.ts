/**
 * The browser mock's requests and complaints (see `mockBackend.ts`): a small in-memory stand-in for
 * `sala_core::requests` with the shapes of `src/generated` and the rules the UI can observe: the default
 * categories and their typed questions, intake with its checks (required answers, anonymous only for
 * grievances and corruption, a place for services, attachments by content type and size), tracking codes, due
 * dates, the state machine of `State::next` with the notes it needs, assignment within one's division (anywhere
 * for supervisors), public and internal notes, ratings, call-backs, and restricted complaints that nobody but
 * supervisors and their handlers ever sees. Good enough for design work and UI tests; the real rules and their
 * tests live in core.
 */
/* eslint-disable @typescript-eslint/only-throw-error */
import type { Action } from '../generated/Action';
import type { AttachmentInput } from '../generated/AttachmentInput';
import type { AttachmentMeta } from '../generated/AttachmentMeta';
import type { AttributeDef } from '../generated/AttributeDef';
import type { CallBack } from '../generated/CallBack';
import type { Category } from '../generated/Category';
import type { CategoryInput } from '../generated/CategoryInput';
import type { ContactChannel } from '../generated/ContactChannel';
import type { EventView } from '../generated/EventView';
import type { IntakeInput } from '../generated/IntakeInput';
import type { IntakeResult } from '../generated/IntakeResult';
import type { IpcError } from '../generated/IpcError';
import type { Kind } from '../generated/Kind';
import type { ListFilter } from '../generated/ListFilter';
import type { NotificationView } from '../generated/NotificationView';
import type { PrintJob } from '../generated/PrintJob';
import type { RequestCounts } from '../generated/RequestCounts';
import type { RequestDetail } from '../generated/RequestDetail';
import type { RequestListItem } from '../generated/RequestListItem';
import type { Source } from '../generated/Source';
import type { StaffOption } from '../generated/StaffOption';
import type { State } from '../generated/State';
import type { CommandArgs } from './backend';
import { checkTaxId } from './taxId';

/** The signed-in user as requests see them. */
export type RequestActor = {
  id: string;
  name: string;
  /** Their division's code, if any. */
  division: string | null;
  can: (action: Action) => boolean;
  /** Throws the mock's `notPermitted` error unless the user may do `action`. */
  require: (action: Action) => void;
  /** Prints an acknowledgement slip titled `title` on this PC's route; returns the job, printed or not. */
  printSlip: (title: string) => PrintJob;
};

/** A division (the mock office's departments). */
export type MockDivision = { code: string; nameTh: string };

/** A citizen on record, as intake links one. */
export type MockRequestCitizen = { id: string; fullName: string; phone: string; address: string };

/** What requests need from the rest of the mock. */
export type RequestDeps = {
  now: () => Date;
  asUser: (f: (actor: RequestActor, args: CommandArgs) => unknown) => (args: CommandArgs | undefined) => unknown;
  divisions: () => readonly MockDivision[];
  /** Active users who work requests (clerks, finance, supervisors), with their divisions. */
  staff: () => StaffOption[];
  citizen: (id: string) => MockRequestCitizen | null;
};

/** The mock requests: command handlers and the demo office's seed. */
export type MockRequests = {
  handlers: Record<string, (args: CommandArgs | undefined) => unknown>;
  seedDemo: () => void;
};

type Req = {
  id: string;
  trackingCode: string;
  categoryCode: string;
  state: State;
  restricted: boolean;
  anonymous: boolean;
  citizenId: string | null;
  name: string;
  phone: string;
  email: string;
  contactAddress: string;
  channel: ContactChannel;
  description: string;
  answers: Record<string, unknown>;
  address: string;
  area: string;
  lat: string | null;
  long: string | null;
  occurredOn: string;
  receivedAt: number;
  receivedBy: string | null;
  source: Source;
  dueOn: string;
  department: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  handlers: Set<string>;
  duplicateOf: string | null;
  statusNotes: string;
  closedAt: number | null;
  escalatedAt: number | null;
  rating: number | null;
  events: EventView[];
  notifications: NotificationView[];
  attachments: AttachmentMeta[];
};

/** The demo users' divisions (core's demo office: the clerk works in the palad's office). */
export const DEMO_DIVISIONS: readonly (readonly [string, string])[] = [
  ['user-demo-palad', 'PALAD'],
  ['user-demo-finance', 'FINANCE'],
  ['user-demo-clerk', 'PALAD'],
];

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFICE_OFFSET_MS = 7 * 60 * 60 * 1000;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const STATE_TH: Record<State, string> = {
  received: 'รับเรื่อง',
  checking: 'ตรวจสอบ',
  in_progress: 'กำลังดำเนินการ',
  forwarded: 'ส่งต่อหน่วยงาน',
  done: 'เสร็จสิ้น',
  not_our_remit: 'ไม่อยู่ในอำนาจ',
  duplicate: 'ซ้ำ',
  cancelled: 'ยกเลิก',
};

/** Core's `State::next`. */
const NEXT: Record<State, readonly State[]> = {
  received: ['checking', 'not_our_remit', 'duplicate', 'cancelled'],
  checking: ['in_progress', 'forwarded', 'not_our_remit', 'duplicate', 'cancelled'],
  in_progress: ['forwarded', 'done', 'cancelled'],
  forwarded: ['in_progress', 'done', 'cancelled'],
  done: ['checking'],
  not_our_remit: ['checking'],
  duplicate: ['checking'],
  cancelled: ['checking'],
};

const isOpen = (s: State) => s === 'received' || s === 'checking' || s === 'in_progress' || s === 'forwarded';

/** Core's `State::needs_public_note`. */
const needsNote = (to: State, from: State) =>
  to === 'not_our_remit' || to === 'forwarded' || to === 'cancelled' || (to === 'checking' && !isOpen(from));

function q(
  code: string,
  datatype: AttributeDef['datatype'],
  required: boolean,
  descriptionTh: string,
  descriptionEn: string,
  order: number,
  values: [string, string, string][] = [],
): AttributeDef {
  return {
    code,
    datatype,
    required,
    descriptionTh,
    descriptionEn,
    order,
    values: values.map(([key, nameTh, nameEn]) => ({ key, nameTh, nameEn })),
  };
}

/** The default categories: the seed form's service requests, a grievance and the corruption complaint. */
function defaultCategories(): Category[] {
  const cat = (
    code: string,
    kind: Kind,
    nameTh: string,
    nameEn: string,
    departmentCode: string,
    expectedDays: number,
    attributes: AttributeDef[],
    formLabels: string[],
    sortOrder: number,
  ): Category => ({
    id: `cat-${code}`,
    code,
    kind,
    nameTh,
    nameEn,
    departmentCode,
    departmentName: null,
    expectedDays,
    confidentiality: kind === 'corruption' ? 'restricted' : 'internal',
    attributes,
    formLabels,
    active: true,
    sortOrder,
  });
  return [
    cat(
      'water_supply_household',
      'service',
      'การขอน้ำอุปโภค - บริโภค',
      'Household and drinking water delivery',
      'PALAD',
      3,
      [
        q('household_members', 'number', false, 'จำนวนสมาชิกในครัวเรือน (คน)', 'Household members', 1),
        q(
          'water_volume',
          'string',
          false,
          'ภาชนะหรือปริมาณน้ำที่ต้องการ (เช่น ถัง 2,000 ลิตร)',
          'Water container or volume needed',
          2,
        ),
      ],
      ['การขอน้ำอุปโภค - บริโภค', 'น้ำดื่ม', 'รถน้ำ'],
      1,
    ),
    cat(
      'water_supply',
      'service',
      'การขอระบบประปา หรือแจ้งน้ำไม่ไหล',
      'Water supply or no water',
      'WORKS',
      7,
      [
        q('problem', 'singlevaluelist', false, 'ปัญหาที่พบ', 'Problem', 1, [
          ['no_water', 'น้ำไม่ไหล', 'No water'],
          ['leak', 'ท่อแตก/รั่ว', 'Burst or leaking pipe'],
          ['new_connection', 'ขอติดตั้งประปาใหม่', 'New connection'],
        ]),
        q('meter_number', 'string', false, 'เลขมาตรวัดน้ำ', 'Water meter number', 2),
      ],
      ['การขอระบบประปา หรือแจ้งน้ำไม่ไหล', 'น้ำไม่ไหล', 'ประปา'],
      2,
    ),
    cat(
      'street_light',
      'service',
      'การขอระบบไฟฟ้าส่องสว่าง',
      'Street lighting',
      'WORKS',
      15,
      [
        q('problem', 'singlevaluelist', true, 'ปัญหาที่พบ', 'Problem', 1, [
          ['broken', 'ไฟดับ/ชำรุด', 'Out or broken'],
          ['new', 'ขอติดตั้งใหม่', 'New light'],
          ['flicker', 'ไฟกะพริบ', 'Flickering'],
        ]),
        q('pole_number', 'string', false, 'เลขเสาไฟฟ้า', 'Pole number', 2),
      ],
      ['การขอระบบไฟฟ้าส่องสว่าง', 'ไฟฟ้าส่องสว่าง'],
      3,
    ),
    cat(
      'electrical_installation',
      'service',
      'การติดตั้งระบบไฟฟ้า',
      'Electrical installation',
      'WORKS',
      15,
      [],
      ['การติดตั้งระบบไฟฟ้า'],
      4,
    ),
    cat('other_service', 'service', 'อื่น ๆ', 'Other', 'PALAD', 15, [], ['อื่น ๆ', 'อื่นๆ'], 5),
    cat('grievance', 'grievance', 'เรื่องร้องทุกข์/ร้องเรียนทั่วไป', 'Grievance or complaint', 'PALAD', 15, [], [], 6),
    cat(
      'corruption',
      'corruption',
      'ร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่',
      'Corruption or misconduct by officials',
      'PALAD',
      30,
      [],
      [],
      7,
    ),
  ];
}

function ipc(code: IpcError['code'], message: string): IpcError {
  return { code, message };
}

const invalid = (message: string) => ipc('validation', message);

function str(args: CommandArgs, key: string): string {
  const value = args[key];
  return typeof value === 'string' ? value : '';
}

function officeDay(ms: number): string {
  return new Date(ms + OFFICE_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The media type a file's first bytes (base64) say it is: what core's sniffing accepts, or `null`. */
function sniff(base64: string): string | null {
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  if (base64.startsWith('iVBORw0KGgo')) return 'image/png';
  if (base64.startsWith('JVBER')) return 'application/pdf';
  if (base64.startsWith('UklGR')) return 'image/webp';
  return null;
}

function base64Size(base64: string): number {
  const clean = base64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function createMockRequests(deps: RequestDeps): MockRequests {
  const { now } = deps;
  let categories: Category[] = defaultCategories();
  const requests: Req[] = [];
  let seq = 0;
  let ids = 0;
  const nextId = (prefix: string) => {
    ids += 1;
    return `${prefix}-${String(ids)}`;
  };

  const divisionName = (code: string | null) =>
    code === null ? null : (deps.divisions().find((d) => d.code === code)?.nameTh ?? code);
  const category = (code: string) => categories.find((c) => c.code === code);
  const categoryView = (c: Category): Category => ({ ...c, departmentName: divisionName(c.departmentCode) });

  const sees = (a: RequestActor, r: Req) => !r.restricted || a.can('superviseRequests') || r.handlers.has(a.id);
  const reporterVisible = (a: RequestActor, r: Req) => !r.anonymous && (!r.restricted || r.handlers.has(a.id));
  const workable = (a: RequestActor, r: Req) =>
    a.can('superviseRequests') ||
    r.assigneeId === a.id ||
    r.handlers.has(a.id) ||
    (a.division !== null && r.department === a.division);
  const today = () => officeDay(now().getTime());
  const overdue = (r: Req) => isOpen(r.state) && r.dueOn < today();

  const load = (a: RequestActor, key: string): Req => {
    const k = key.trim();
    const r = requests.find((it) => it.id === k || it.trackingCode === k.toUpperCase());
    if (!r || !sees(a, r)) throw ipc('notFound', `ไม่พบคำร้อง "${k}" — ตรวจเลขที่รับเรื่องอีกครั้ง`);
    return r;
  };

  const mustWork = (a: RequestActor, r: Req) => {
    a.require('useRequests');
    if (!workable(a, r)) {
      throw ipc(
        'notPermitted',
        `เรื่อง ${r.trackingCode} อยู่ในความรับผิดชอบของ ${divisionName(r.department) ?? '-'} — ให้ผู้รับผิดชอบหรือหัวหน้าเป็นผู้ดำเนินการ`,
      );
    }
  };

  const event = (r: Req, a: RequestActor | null, kind: string, more: Partial<EventView> = {}) => {
    r.events.push({
      id: nextId('event'),
      at: now().toISOString(),
      kind,
      userName: a?.name ?? null,
      fromState: null,
      toState: null,
      public: false,
      note: '',
      detail: '{}',
      ...more,
    });
  };

  const notify = (r: Req, message: string) => {
    if (r.channel === 'none') return;
    r.notifications.push({
      id: nextId('notification'),
      at: now().toISOString(),
      channel: r.channel,
      state: 'queued',
      message,
    });
  };

  const detail = (a: RequestActor, r: Req): RequestDetail => {
    const cat = category(r.categoryCode);
    const visible = reporterVisible(a, r);
    const hasReporter = !r.anonymous && (r.citizenId !== null || r.name !== '' || r.phone !== '');
    const canWork = workable(a, r);
    return {
      id: r.id,
      trackingCode: r.trackingCode,
      categoryCode: r.categoryCode,
      categoryNameTh: cat?.nameTh ?? r.categoryCode,
      categoryNameEn: cat?.nameEn ?? r.categoryCode,
      kind: cat?.kind ?? 'service',
      state: r.state,
      status: isOpen(r.state) ? 'open' : 'closed',
      confidentiality: r.restricted ? 'restricted' : 'internal',
      anonymous: r.anonymous,
      reporter: visible
        ? { citizenId: r.citizenId, name: r.name, phone: r.phone, email: r.email, address: r.contactAddress }
        : null,
      reporterHidden: hasReporter && !visible,
      contactChannel: r.channel,
      description: r.description,
      attributes: cat?.attributes ?? [],
      answers: JSON.stringify(r.answers),
      address: r.address,
      area: r.area,
      lat: r.lat,
      long: r.long,
      occurredOn: r.occurredOn,
      receivedAt: new Date(r.receivedAt).toISOString(),
      receivedBy: r.receivedBy,
      source: r.source,
      dueOn: r.dueOn,
      overdue: overdue(r),
      escalatedAt: r.escalatedAt === null ? null : new Date(r.escalatedAt).toISOString(),
      departmentCode: r.department,
      departmentName: divisionName(r.department),
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeName,
      duplicateOf: r.duplicateOf,
      statusNotes: r.statusNotes,
      closedAt: r.closedAt === null ? null : new Date(r.closedAt).toISOString(),
      rating: r.rating,
      events: [...r.events],
      attachments: [...r.attachments],
      notifications: [...r.notifications],
      allowedStates: canWork ? [...NEXT[r.state]] : [],
      canAssign: canWork,
      canWork,
      canRate: r.state === 'done' && r.rating === null,
    };
  };

  const listItem = (a: RequestActor, r: Req): RequestListItem => {
    const cat = category(r.categoryCode);
    return {
      id: r.id,
      trackingCode: r.trackingCode,
      categoryCode: r.categoryCode,
      categoryNameTh: cat?.nameTh ?? r.categoryCode,
      categoryNameEn: cat?.nameEn ?? r.categoryCode,
      kind: cat?.kind ?? 'service',
      state: r.state,
      restricted: r.restricted,
      reporterName: reporterVisible(a, r) && r.name !== '' ? r.name : null,
      summary: (r.description.split('\n')[0] ?? '').slice(0, 80),
      address: r.address,
      area: r.area,
      receivedAt: new Date(r.receivedAt).toISOString(),
      dueOn: r.dueOn,
      overdue: overdue(r),
      escalated: r.escalatedAt !== null && isOpen(r.state),
      departmentName: divisionName(r.department),
      assigneeName: r.assigneeName,
    };
  };

  const storeAttachment = (r: Req, file: AttachmentInput, purpose: string) => {
    const mediaType = sniff(file.dataBase64);
    if (mediaType === null) {
      throw invalid(`ไฟล์ "${file.fileName}" ไม่ใช่รูปภาพ (JPEG, PNG, WebP) หรือ PDF — แนบได้เฉพาะรูปถ่ายและเอกสาร PDF`);
    }
    const size = base64Size(file.dataBase64);
    if (size > MAX_ATTACHMENT_BYTES) throw invalid(`ไฟล์ "${file.fileName}" ใหญ่เกิน 10 MB — ย่อรูปหรือแยกไฟล์`);
    const meta: AttachmentMeta = {
      id: nextId('attachment'),
      fileName: file.fileName,
      mediaType,
      size,
      purpose,
      sha256: `mock-${String(size)}-${file.fileName}`,
      addedAt: now().toISOString(),
    };
    r.attachments.push(meta);
  };

  const checkAttachments = (files: readonly AttachmentInput[]) => {
    const probe = { attachments: [] as AttachmentMeta[] } as unknown as Req;
    for (const f of files) storeAttachment(probe, f, 'evidence');
  };

  const trackingCode = () => {
    seq += 1;
    const yy = String((new Date(now().getTime() + OFFICE_OFFSET_MS).getUTCFullYear() + 543) % 100).padStart(2, '0');
    return `R${yy}01-${String(seq).padStart(5, '0')}`;
  };

  const intake = (a: RequestActor, input: IntakeInput, printSlip: boolean): IntakeResult => {
    a.require('useRequests');
    const cat = category(input.category.trim());
    if (!cat?.active) {
      throw invalid(`ประเภท "${input.category}" ปิดรับเรื่องแล้ว — เลือกประเภทอื่น หรือให้หัวหน้าเปิดใช้`);
    }
    const name = input.contactName.trim();
    const phone = input.contactPhone.trim();
    const email = input.contactEmail.trim();
    if (input.anonymous && cat.kind === 'service') {
      throw invalid('คำขอรับบริการต้องมีชื่อผู้ขอ จึงไม่รับแบบไม่ประสงค์ออกนาม — ไม่ออกนามได้เฉพาะเรื่องร้องทุกข์และร้องเรียนการทุจริต');
    }
    const linked = input.citizenId ? deps.citizen(input.citizenId) : null;
    if (!input.anonymous && name === '' && !linked) {
      throw invalid('กรุณาใส่ชื่อ - นามสกุลผู้ร้อง (หรือเลือก "ไม่ประสงค์ออกนาม" สำหรับเรื่องร้องเรียน)');
    }
    if (!input.anonymous && input.thaiId && input.thaiId.trim() !== '' && !linked) {
      if (checkTaxId(input.thaiId) !== 'ok')
        throw invalid(`เลขประจำตัวประชาชน "${input.thaiId}" ไม่ถูกต้อง — ตรวจตัวเลขทั้ง 13 หลักอีกครั้ง`);
    }
    if (phone !== '' && !/^0\d{8,9}$/.test(phone.replace(/[-\s]/g, ''))) {
      throw invalid(`เบอร์โทรศัพท์ "${phone}" ไม่ถูกต้อง — ใส่ตัวเลข 9–10 หลักขึ้นต้นด้วย 0 เช่น 081-234-5678`);
    }
    if (input.description.trim() === '') throw invalid('กรุณาเล่ารายละเอียดของเรื่อง');
    for (const attr of cat.attributes) {
      const answer = input.answers[attr.code];
      const empty =
        answer === undefined ||
        answer === null ||
        (typeof answer === 'string' && answer.trim() === '') ||
        (Array.isArray(answer) && answer.length === 0);
      if (attr.required && empty) throw invalid(`กรุณาตอบคำถาม "${attr.descriptionTh}"`);
      if (
        !empty &&
        attr.datatype === 'number' &&
        !/^-?\d+(\.\d+)?$/.test(typeof answer === 'string' ? answer.trim() : JSON.stringify(answer))
      ) {
        throw invalid(`คำตอบของ "${attr.descriptionTh}" ต้องเป็นตัวเลข`);
      }
    }
    if (cat.kind === 'service' && input.address.trim() === '' && !input.lat) {
      throw invalid('กรุณาระบุสถานที่ที่ต้องการรับบริการ (ที่อยู่ หรือพิกัด)');
    }
    if (((input.lat ?? '') === '') !== ((input.long ?? '') === '')) {
      throw invalid('พิกัดต้องมีทั้งละติจูดและลองจิจูด — ใส่ให้ครบ หรือเว้นว่างทั้งคู่');
    }
    const occurredOn = input.occurredOn && input.occurredOn !== '' ? input.occurredOn : today();
    if (occurredOn > today()) throw invalid(`วันที่ ${occurredOn} ยังมาไม่ถึง — ใส่วันที่เกิดเรื่องหรือวันที่แจ้ง`);
    const channel: ContactChannel =
      input.contactChannel ?? (phone !== '' ? 'sms' : email !== '' ? 'email' : input.anonymous ? 'none' : 'call_back');
    if (channel === 'sms' && phone === '') {
      throw invalid('ช่องทางแจ้งผลนี้ต้องมีเบอร์โทรศัพท์ — ใส่เบอร์โทร หรือเลือกช่องทางอื่น');
    }
    if (channel === 'email' && email === '') {
      throw invalid('การแจ้งผลทางอีเมลต้องมีอีเมล — ใส่อีเมล หรือเลือกช่องทางอื่น');
    }
    checkAttachments(input.attachments);

    const restricted =
      cat.kind === 'corruption' || cat.confidentiality === 'restricted' || input.confidentiality === 'restricted';
    const at = now().getTime();
    const r: Req = {
      id: nextId('request'),
      trackingCode: trackingCode(),
      categoryCode: cat.code,
      state: 'received',
      restricted,
      anonymous: input.anonymous,
      citizenId: input.anonymous ? null : (linked?.id ?? null),
      name: input.anonymous ? '' : name || (linked?.fullName ?? ''),
      phone,
      email,
      contactAddress: input.anonymous ? '' : input.contactAddress.trim() || (linked?.address ?? ''),
      channel,
      description: input.description.trim(),
      answers: input.answers,
      address: input.address.trim(),
      area: input.area.trim(),
      lat: input.lat === '' ? null : input.lat,
      long: input.long === '' ? null : input.long,
      occurredOn,
      receivedAt: at,
      receivedBy: a.name,
      source: input.source ?? 'counter',
      dueOn: addDays(officeDay(at), cat.expectedDays),
      department: cat.departmentCode,
      assigneeId: null,
      assigneeName: null,
      handlers: new Set(),
      duplicateOf: null,
      statusNotes: '',
      closedAt: null,
      escalatedAt: null,
      rating: null,
      events: [],
      notifications: [],
      attachments: [],
    };
    for (const f of input.attachments) storeAttachment(r, f, 'evidence');
    event(r, a, 'received', { toState: 'received', public: true });
    requests.push(r);
    const job = printSlip ? a.printSlip(r.trackingCode) : null;
    return {
      received: {
        id: r.id,
        trackingCode: r.trackingCode,
        kind: cat.kind,
        categoryNameTh: cat.nameTh,
        categoryNameEn: cat.nameEn,
        departmentName: divisionName(cat.departmentCode),
        receivedAt: new Date(at).toISOString(),
        dueOn: r.dueOn,
        contactChannel: channel,
        restricted,
        anonymous: r.anonymous,
      },
      print: job,
      printError: null,
    };
  };

  const changeState = (a: RequestActor, r: Req, to: State, note: string, duplicateOf: string | null) => {
    mustWork(a, r);
    if (!NEXT[r.state].includes(to)) {
      throw invalid(
        `เปลี่ยนสถานะจาก "${STATE_TH[r.state]}" เป็น "${STATE_TH[to]}" ไม่ได้ — จากสถานะนี้ไปได้: ${NEXT[r.state].map((s) => STATE_TH[s]).join(', ')}`,
      );
    }
    if (needsNote(to, r.state) && note.trim() === '') {
      throw invalid(`การเปลี่ยนเป็น "${STATE_TH[to]}" ต้องมีข้อความแจ้งผู้ร้อง (เหตุผล หรือหน่วยงานที่ส่งต่อ)`);
    }
    let original: Req | undefined;
    if (to === 'duplicate') {
      const code = (duplicateOf ?? '').trim().toUpperCase();
      if (code === '') throw invalid('เรื่องซ้ำต้องระบุเลขที่รับเรื่องของเรื่องเดิม');
      original = requests.find((it) => it.trackingCode === code && sees(a, it));
      if (!original) throw ipc('notFound', `ไม่พบคำร้อง "${code}" — ตรวจเลขที่รับเรื่องอีกครั้ง`);
      if (original === r || original.state === 'duplicate') {
        throw invalid(`เรื่อง "${code}" ใช้เป็นเรื่องเดิมไม่ได้ (เป็นเรื่องเดียวกัน หรือเป็นเรื่องซ้ำอยู่แล้ว)`);
      }
    }
    const from = r.state;
    r.state = to;
    r.duplicateOf = original?.trackingCode ?? (to === 'duplicate' ? r.duplicateOf : null);
    r.closedAt = isOpen(to) ? null : now().getTime();
    if (note.trim() !== '') r.statusNotes = note.trim();
    event(r, a, 'state', { fromState: from, toState: to, public: true, note: note.trim() });
    notify(
      r,
      `เรื่อง ${r.trackingCode}: ${STATE_TH[to]}${note.trim() === '' ? '' : ` — ${note.trim()}`}${to === 'done' ? ' โปรดให้คะแนนความพึงพอใจ 1–5' : ''}`,
    );
  };

  const assign = (a: RequestActor, r: Req, department: string | null, assigneeId: string | null) => {
    mustWork(a, r);
    const supervises = a.can('superviseRequests');
    const dept = department ?? r.department;
    if (dept !== null && !deps.divisions().some((d) => d.code === dept)) {
      throw invalid(`ไม่พบกอง/สำนัก "${dept}"`);
    }
    if (!supervises && dept !== a.division) {
      throw ipc('notPermitted', 'ส่งเรื่องไปกองอื่นได้เฉพาะหัวหน้า — มอบหมายได้ภายในกองของท่าน');
    }
    let assignee: StaffOption | null = null;
    if (assigneeId) {
      assignee = deps.staff().find((s) => s.id === assigneeId) ?? null;
      if (!assignee) throw invalid(`มอบหมายให้ผู้ใช้ "${assigneeId}" ไม่ได้ (ไม่พบ ปิดบัญชีแล้ว หรือไม่ได้ทำงานรับเรื่อง)`);
      if (!supervises && assignee.departmentCode !== dept) {
        throw invalid('ผู้รับมอบหมายต้องอยู่ในกองที่รับผิดชอบเรื่องนี้');
      }
    }
    if (r.restricted) {
      if (r.assigneeId) r.handlers.delete(r.assigneeId);
      if (assignee) r.handlers.add(assignee.id);
    }
    r.department = dept;
    r.assigneeId = assignee?.id ?? null;
    r.assigneeName = assignee?.displayName ?? null;
    event(r, a, 'assigned', {
      detail: JSON.stringify({ division: dept, assignee: assignee?.displayName ?? null }),
    });
  };

  const escalate = () => {
    for (const r of requests) {
      if (overdue(r) && r.escalatedAt === null) {
        r.escalatedAt = now().getTime();
        event(r, null, 'escalated');
      }
    }
  };

  const filtered = (a: RequestActor, f: ListFilter): Req[] => {
    if (f.scope === 'escalated') a.require('superviseRequests');
    const like = (hay: string, needle: string) => hay.toLowerCase().includes(needle.toLowerCase());
    const text = f.text?.trim() ?? '';
    const digits = text.replace(/\D/g, '');
    return requests
      .filter((r) => sees(a, r))
      .filter((r) => {
        switch (f.scope) {
          case 'mine':
            return r.assigneeId === a.id;
          case 'division':
            return a.division !== null && r.department === a.division;
          case 'overdue':
            return overdue(r);
          case 'escalated':
            return isOpen(r.state) && r.escalatedAt !== null;
          default:
            return true;
        }
      })
      .filter((r) => f.state === null || r.state === f.state)
      .filter((r) => !f.openOnly || isOpen(r.state))
      .filter((r) => !f.category || r.categoryCode === f.category)
      .filter((r) => !f.area || like(r.area, f.area) || like(r.address, f.area))
      .filter((r) => !f.from || officeDay(r.receivedAt) >= f.from)
      .filter((r) => !f.to || officeDay(r.receivedAt) <= f.to)
      .filter(
        (r) =>
          text === '' ||
          like(r.trackingCode, text) ||
          like(r.description, text) ||
          like(r.address, text) ||
          (reporterVisible(a, r) &&
            (like(r.name, text) || (digits.length >= 4 && r.phone.replace(/\D/g, '').includes(digits)))),
      )
      .sort((x, y) => y.receivedAt - x.receivedAt || y.trackingCode.localeCompare(x.trackingCode))
      .slice(0, f.limit ?? 200);
  };

  const callbacks = (a: RequestActor): CallBack[] =>
    requests
      .filter((r) => sees(a, r) && reporterVisible(a, r))
      .flatMap((r) =>
        r.notifications
          .filter((n) => n.channel === 'call_back' && n.state === 'queued')
          .map((n) => ({
            id: n.id,
            requestId: r.id,
            trackingCode: r.trackingCode,
            recipient: [r.name, r.phone || r.contactAddress].filter((s) => s !== '').join(' '),
            message: n.message,
            at: n.at,
          })),
      )
      .sort((x, y) => x.at.localeCompare(y.at));

  const saveCategory = (a: RequestActor, input: CategoryInput) => {
    a.require('manageRequestCategories');
    const code = input.code.trim();
    if (!/^[a-z0-9_]{2,32}$/.test(code)) {
      throw invalid(`รหัสประเภท "${code}" ไม่ถูกต้อง — ใช้อักษรอังกฤษตัวเล็ก ตัวเลข หรือขีดล่าง 2–32 ตัว`);
    }
    if (categories.some((c) => c.code === code && c.id !== input.id)) throw invalid(`มีประเภทรหัส "${code}" อยู่แล้ว`);
    if (input.nameTh.trim() === '') throw invalid('กรุณาใส่ชื่อประเภทภาษาไทย');
    if (!Number.isInteger(input.expectedDays) || input.expectedDays < 1 || input.expectedDays > 365) {
      throw invalid('ระยะเวลาดำเนินการต้องเป็น 1 ถึง 365 วัน');
    }
    const seen = new Set<string>();
    for (const attr of input.attributes) {
      if (!/^[a-z0-9_]{1,32}$/.test(attr.code) || seen.has(attr.code)) {
        throw invalid(`รหัสคำถาม "${attr.code}" ไม่ถูกต้องหรือซ้ำ`);
      }
      seen.add(attr.code);
      if (attr.descriptionTh.trim() === '') throw invalid(`คำถาม "${attr.code}" ยังไม่มีข้อความภาษาไทย`);
      const list = attr.datatype === 'singlevaluelist' || attr.datatype === 'multivaluelist';
      if (list && attr.values.length === 0) throw invalid(`คำถาม "${attr.descriptionTh}" ต้องมีตัวเลือกอย่างน้อยหนึ่งข้อ`);
    }
    const saved: Category = {
      id: input.id ?? nextId('cat'),
      code,
      kind: input.kind,
      nameTh: input.nameTh.trim(),
      nameEn: input.nameEn.trim() || input.nameTh.trim(),
      departmentCode: input.departmentCode,
      departmentName: null,
      expectedDays: input.expectedDays,
      confidentiality: input.kind === 'corruption' ? 'restricted' : input.confidentiality,
      attributes: input.attributes.map((attr, i) => ({ ...attr, order: i + 1, values: attr.values })),
      formLabels: input.formLabels.map((l) => l.trim()).filter((l) => l !== ''),
      active: input.active,
      sortOrder: input.sortOrder,
    };
    const idx = categories.findIndex((c) => c.id === input.id);
    categories = idx >= 0 ? categories.map((c, i) => (i === idx ? saved : c)) : [...categories, saved];
  };

  const asUser = deps.asUser;
  const handlers: Record<string, (args: CommandArgs | undefined) => unknown> = {
    request_categories: asUser((a, args) => {
      a.require('useRequests');
      return categories
        .filter((c) => args.includeInactive === true || c.active)
        .sort((x, y) => x.sortOrder - y.sortOrder)
        .map(categoryView);
    }),
    request_save_category: asUser((a, args) => {
      saveCategory(a, args.input as CategoryInput);
      return [...categories].sort((x, y) => x.sortOrder - y.sortOrder).map(categoryView);
    }),
    request_intake: asUser((a, args) => intake(a, args.input as IntakeInput, true)),
    request_list: asUser((a, args) => {
      a.require('useRequests');
      escalate();
      return filtered(a, args.filter as ListFilter).map((r) => listItem(a, r));
    }),
    request_counts: asUser((a): RequestCounts => {
      a.require('useRequests');
      const mine = requests.filter((r) => sees(a, r));
      return {
        byState: (Object.keys(NEXT) as State[]).map((s) => [s, mine.filter((r) => r.state === s).length]),
        total: mine.length,
        mine: mine.filter((r) => isOpen(r.state) && r.assigneeId === a.id).length,
        division: mine.filter((r) => isOpen(r.state) && a.division !== null && r.department === a.division).length,
        overdue: mine.filter(overdue).length,
        callbacks: callbacks(a).length,
      };
    }),
    request_get: asUser((a, args) => {
      a.require('useRequests');
      return detail(a, load(a, str(args, 'id')));
    }),
    request_change_state: asUser((a, args) => {
      const r = load(a, str(args, 'id'));
      changeState(a, r, args.to as State, str(args, 'note'), (args.duplicateOf as string | null) ?? null);
      return detail(a, r);
    }),
    request_assign: asUser((a, args) => {
      const r = load(a, str(args, 'id'));
      assign(a, r, (args.department as string | null) ?? null, (args.assigneeId as string | null) ?? null);
      return detail(a, r);
    }),
    request_add_note: asUser((a, args) => {
      const r = load(a, str(args, 'id'));
      mustWork(a, r);
      const note = str(args, 'note').trim();
      if (note === '') throw invalid('กรุณาพิมพ์ข้อความบันทึก');
      const isPublic = args.public === true;
      if (isPublic) {
        r.statusNotes = note;
        notify(r, `เรื่อง ${r.trackingCode}: ${note}`);
      }
      event(r, a, 'note', { public: isPublic, note });
      return detail(a, r);
    }),
    request_add_attachment: asUser((a, args) => {
      const r = load(a, str(args, 'id'));
      mustWork(a, r);
      const purpose = args.completion === true ? 'completion' : 'evidence';
      const file = args.file as AttachmentInput;
      storeAttachment(r, file, purpose);
      event(r, a, 'attachment', { detail: JSON.stringify({ file: file.fileName, purpose }) });
      return detail(a, r);
    }),
    request_rate: asUser((a, args) => {
      const r = load(a, str(args, 'id'));
      a.require('useRequests');
      const score = Number(args.score);
      if (!Number.isInteger(score) || score < 1 || score > 5) {
        throw invalid(`คะแนนความพึงพอใจต้องเป็น 1 ถึง 5 (ได้รับ "${String(args.score)}")`);
      }
      if (r.state !== 'done') throw invalid('ให้คะแนนได้เมื่อเรื่องเสร็จสิ้นแล้วเท่านั้น');
      if (r.rating !== null) throw ipc('conflict', 'เรื่องนี้ให้คะแนนแล้ว');
      r.rating = score;
      event(r, a, 'rated', { detail: JSON.stringify({ score }) });
      return detail(a, r);
    }),
    request_callbacks: asUser((a) => {
      a.require('useRequests');
      return callbacks(a);
    }),
    request_mark_called: asUser((a, args) => {
      a.require('useRequests');
      const id = str(args, 'id');
      const outcome = str(args, 'outcome').trim();
      const entry = callbacks(a).find((c) => c.id === id);
      if (!entry) throw ipc('notFound', 'ไม่พบรายการติดต่อกลับนี้ (อาจมีผู้บันทึกแล้ว)');
      if (outcome === '') throw invalid('กรุณาบันทึกผลการติดต่อกลับ (เช่น แจ้งแล้ว ไม่รับสาย)');
      const r = requests.find((it) => it.id === entry.requestId);
      const n = r?.notifications.find((it) => it.id === id);
      if (r && n) {
        n.state = 'done';
        event(r, a, 'called', { note: outcome });
      }
      return callbacks(a);
    }),
    request_staff: asUser((a) => {
      a.require('useRequests');
      return deps.staff();
    }),
    request_attachment: asUser((a, args) => {
      a.require('useRequests');
      const id = str(args, 'id');
      const r = requests.find((it) => sees(a, it) && it.attachments.some((m) => m.id === id));
      const meta = r?.attachments.find((m) => m.id === id);
      if (!meta) throw ipc('notFound', 'ไม่พบไฟล์แนบนี้');
      return { fileName: meta.fileName, mediaType: meta.mediaType, dataBase64: '' };
    }),
  };

  /** The demo office's requests: one per interesting case, received some days ago. */
  const seedDemo = () => {
    const system: RequestActor = {
      id: 'user-demo-clerk',
      name: 'นายสมชาย บริการดี',
      division: 'PALAD',
      can: () => true,
      require: () => undefined,
      printSlip: () => {
        throw new Error('no slip for the seed');
      },
    };
    const base = now().getTime();
    const take = (daysAgo: number, input: Partial<IntakeInput> & { category: string }): Req => {
      const res = intakeAt(base - daysAgo * DAY_MS, input);
      const found = requests.find((r) => r.id === res.received.id);
      if (!found) throw new Error('seed');
      return found;
    };
    const intakeAt = (at: number, input: Partial<IntakeInput> & { category: string }) => {
      const res = intake(
        system,
        {
          citizenId: null,
          thaiId: null,
          anonymous: false,
          contactName: '',
          contactPhone: '',
          contactEmail: '',
          contactAddress: '',
          contactChannel: null,
          description: '',
          answers: {},
          address: '',
          area: '',
          lat: null,
          long: null,
          occurredOn: null,
          source: 'counter',
          confidentiality: null,
          attachments: [],
          ...input,
        },
        false,
      );
      const r = requests.find((it) => it.id === res.received.id);
      if (r) {
        r.receivedAt = at;
        r.occurredOn = officeDay(at);
        r.dueOn = addDays(officeDay(at), category(r.categoryCode)?.expectedDays ?? 15);
        for (const e of r.events) e.at = new Date(at).toISOString();
      }
      return res;
    };
    take(1, {
      category: 'street_light',
      contactName: 'นายบุญมี ศรีสุข',
      contactPhone: '0812345601',
      description: 'ไฟถนนหน้าวัดดับสามดวง',
      answers: { pole_number: 'PEA-0421', problem: 'broken' },
      address: 'ถนนหน้าวัดบ้านสาธิต',
      area: 'หมู่ที่ 1',
    });
    const grievance = take(20, {
      category: 'grievance',
      contactName: 'นางสมศรี มีสุข',
      contactAddress: '7/1 หมู่ที่ 3 ตำบลบ้านสาธิต',
      contactChannel: 'call_back',
      description: 'เสียงดังจากโรงงานข้างบ้านทุกคืน',
      address: '7/1 หมู่ที่ 3',
      area: 'หมู่ที่ 3',
    });
    grievance.state = 'checking';
    notify(grievance, `เรื่อง ${grievance.trackingCode}: ตรวจสอบ`);
    take(2, {
      category: 'other_service',
      contactName: 'นางสาวกาญจนา ทองดี',
      contactPhone: '0898765402',
      description: 'ขอรถน้ำดับเพลิงล้างถนนในหมู่บ้าน',
      address: 'ซอย 2 หมู่ที่ 2',
      area: 'หมู่ที่ 2',
    });
    take(3, {
      category: 'corruption',
      anonymous: true,
      description: 'เจ้าหน้าที่เรียกรับเงินค่าออกใบอนุญาต',
      area: 'หมู่ที่ 4',
    });
    const done = take(10, {
      category: 'water_supply_household',
      contactName: 'นายธนากร ใจงาม',
      contactPhone: '0923334404',
      description: 'ขอน้ำดื่มช่วงภัยแล้ง',
      answers: { household_members: '4', water_volume: 'ถัง 2,000 ลิตร' },
      address: '88 หมู่ที่ 4',
      area: 'หมู่ที่ 4',
    });
    done.state = 'done';
    done.closedAt = base - DAY_MS;
  };

  return { handlers, seedDemo };
}
