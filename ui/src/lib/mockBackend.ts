/**
 * An in-memory stand-in for the Rust backend, for `npm run dev` in a plain browser and for tests.
 *
 * It implements the same commands with the same shapes (from `src/generated`) and a few of the same
 * validations, so the UI can be exercised without Tauri. It never pretends to be the real thing:
 * `kind` is `mock`, and the app shows a banner when it runs on it. The demo data here is only for the
 * browser; the desktop app's demo office comes from the Rust side.
 *
 * Like Tauri, it rejects with the plain serialized `IpcError` object, not an `Error`; hence the rules below.
 */
/* eslint-disable @typescript-eslint/only-throw-error, @typescript-eslint/prefer-promise-reject-errors */
import type { AppStatus } from '../generated/AppStatus';
import type { IpcError } from '../generated/IpcError';
import type { OfficeOverview } from '../generated/OfficeOverview';
import type { OfficeSetup } from '../generated/OfficeSetup';
import type { UserSummary } from '../generated/UserSummary';
import type { Backend, CommandArgs } from './backend';
import { checkTaxId } from './taxId';

/** How to start the mock. */
export type MockOptions = {
  /** Start with the demo office already created (default: a first start, `needsSetup`). */
  withDemoOffice?: boolean;
  /** The clock (default: the real one). */
  now?: () => Date;
};

/** One recorded command call. */
export type MockCall = { cmd: string; args: CommandArgs | undefined };

/** The mock, with handles for tests. */
export type MockBackend = Backend & {
  /** Every call made, in order. */
  readonly calls: MockCall[];
  /** Makes the next call of `cmd` reject with `error`. */
  failNext(cmd: string, error: IpcError): void;
  /** Overrides fields of what `get_app_status` reports from now on (outbox, online, …). */
  patchStatus(patch: Partial<AppStatus>): void;
};

/** Creates a fresh mock backend with its own state. */
export function createMockBackend(options: MockOptions = {}): MockBackend {
  const now = options.now ?? (() => new Date());
  const calls: MockCall[] = [];
  const failures = new Map<string, IpcError>();
  let statusPatch: Partial<AppStatus> = {};
  let overview: OfficeOverview | null = null;
  let user: UserSummary | null = null;
  let demo = false;
  let outbox: string[] = [];

  const status = (): AppStatus => ({
    needsSetup: overview === null,
    office: overview?.office ?? null,
    user,
    outboxPending: outbox.length,
    oldestPendingAt: outbox[0] ?? null,
    online: false,
    syncEndpoint: null,
    today: localIsoDate(now()),
    demo,
    ...statusPatch,
  });

  const createDemo = (): AppStatus => {
    if (overview) throw conflict();
    overview = demoOverview();
    user = overview.users[0] ?? null;
    demo = true;
    return status();
  };

  const setup = (input: OfficeSetup): AppStatus => {
    if (overview) throw conflict();
    validateSetup(input);
    const admin: UserSummary = {
      id: 'user-1',
      username: input.admin.username.trim(),
      displayName: input.admin.displayName.trim(),
      role: 'admin',
    };
    overview = {
      office: {
        id: 'office-1',
        code: input.code.trim(),
        name: input.name.trim(),
        address: input.address.trim(),
        taxId: input.taxId,
        logoDataUrl: input.logoBase64 ? `data:image/png;base64,${input.logoBase64}` : null,
        isDemo: false,
      },
      departments: [],
      counters: input.counters.map((c, i) => ({
        id: `counter-${String(i + 1)}`,
        number: c.number,
        name: c.name.trim(),
        location: c.location.trim(),
        serviceIds: [],
      })),
      users: [admin],
      citizenCount: 0,
      parcelCount: 0,
    };
    user = admin;
    demo = false;
    // The office, each counter and the admin are new rows waiting for the first sync.
    const at = now().toISOString();
    outbox = Array.from({ length: input.counters.length + 2 }, () => at);
    return status();
  };

  const handlers: Record<string, (args: CommandArgs | undefined) => unknown> = {
    get_app_status: () => status(),
    create_demo_office: () => createDemo(),
    setup_office: (args) => setup(args?.setup as OfficeSetup),
    set_language: () => null,
    get_office_overview: () => {
      if (!overview) throw ipcError('notFound', 'ไม่พบข้อมูลสำนักงาน');
      return overview;
    },
  };

  if (options.withDemoOffice) createDemo();

  return {
    kind: 'mock',
    calls,
    failNext(cmd, error) {
      failures.set(cmd, error);
    },
    patchStatus(patch) {
      statusPatch = { ...statusPatch, ...patch };
    },
    invoke<T>(cmd: string, args?: CommandArgs): Promise<T> {
      calls.push({ cmd, args });
      const failure = failures.get(cmd);
      if (failure) {
        failures.delete(cmd);
        return Promise.reject(failure);
      }
      const handler = handlers[cmd];
      if (!handler) return Promise.reject(ipcError('internal', `mock backend: unknown command ${cmd}`));
      try {
        // A structured clone, as if it had crossed the IPC boundary.
        return Promise.resolve(structuredClone(handler(args)) as T);
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

function ipcError(code: IpcError['code'], message: string): IpcError {
  return { code, message };
}

function conflict(): IpcError {
  return ipcError('conflict', 'ตั้งค่าสำนักงานไปแล้ว ไม่สามารถตั้งค่าซ้ำได้');
}

function validateSetup(input: OfficeSetup): void {
  const fail = (message: string): never => {
    throw ipcError('validation', message);
  };
  if (!input.name.trim()) fail('กรุณากรอกชื่อสำนักงาน');
  if (!input.code.trim()) fail('กรุณากรอกรหัสหน่วยงาน');
  if (checkTaxId(input.taxId) !== 'ok') fail('เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง');
  if (input.counters.length === 0) fail('ต้องมีช่องบริการอย่างน้อย 1 ช่อง');
  if (new Set(input.counters.map((c) => c.number)).size !== input.counters.length) fail('หมายเลขช่องบริการซ้ำกัน');
  if (!input.admin.username.trim()) fail('กรุณากรอกชื่อผู้ใช้');
  if (input.admin.password.length < 8) fail('รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร');
}

function localIsoDate(at: Date): string {
  const mm = String(at.getMonth() + 1).padStart(2, '0');
  const dd = String(at.getDate()).padStart(2, '0');
  return `${String(at.getFullYear())}-${mm}-${dd}`;
}

function demoOverview(): OfficeOverview {
  return {
    office: {
      id: 'office-demo',
      code: '6310101',
      name: 'องค์การบริหารส่วนตำบลตัวอย่าง (ข้อมูลจำลอง)',
      address: '99 หมู่ 1 ตำบลตัวอย่าง อำเภอเมือง จังหวัดบุรีรัมย์ 31000',
      taxId: '0994000123451',
      isDemo: true,
      logoDataUrl: null,
    },
    departments: [
      {
        id: 'dept-1',
        code: 'PALAD',
        nameTh: 'สำนักปลัด',
        nameEn: 'Office of the Permanent Secretary',
        services: [
          {
            id: 'svc-general',
            code: 'GENERAL',
            nameTh: 'ติดต่อสอบถามทั่วไป',
            nameEn: 'General enquiries',
            ticketPrefix: 'A',
            expectedMinutes: 5,
            documents: [],
          },
          {
            id: 'svc-allowance',
            code: 'ELDERLY',
            nameTh: 'ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ',
            nameEn: 'Elderly allowance registration',
            ticketPrefix: 'E',
            expectedMinutes: 15,
            documents: ['บัตรประจำตัวประชาชน', 'ทะเบียนบ้าน', 'สมุดบัญชีเงินฝากธนาคาร'],
          },
        ],
      },
      {
        id: 'dept-2',
        code: 'FINANCE',
        nameTh: 'กองคลัง',
        nameEn: 'Finance Division',
        services: [
          {
            id: 'svc-tax',
            code: 'LANDTAX',
            nameTh: 'ชำระภาษีที่ดินและสิ่งปลูกสร้าง',
            nameEn: 'Land and building tax payment',
            ticketPrefix: 'T',
            expectedMinutes: 10,
            documents: ['หนังสือแจ้งการประเมินภาษี', 'บัตรประจำตัวประชาชน'],
          },
        ],
      },
      {
        id: 'dept-3',
        code: 'WORKS',
        nameTh: 'กองช่าง',
        nameEn: 'Public Works Division',
        services: [
          {
            id: 'svc-building',
            code: 'BUILDING',
            nameTh: 'ขออนุญาตก่อสร้างอาคาร',
            nameEn: 'Building permit application',
            ticketPrefix: 'B',
            expectedMinutes: 20,
            documents: ['แบบแปลนอาคาร', 'สำเนาโฉนดที่ดิน', 'บัตรประจำตัวประชาชน'],
          },
        ],
      },
    ],
    counters: [
      {
        id: 'counter-1',
        number: 1,
        name: 'งานบริการทั่วไป',
        location: 'ชั้น 1 ด้านหน้า',
        serviceIds: ['svc-general', 'svc-allowance'],
      },
      { id: 'counter-2', number: 2, name: 'การเงินและบัญชี', location: 'ชั้น 1 ห้องกองคลัง', serviceIds: ['svc-tax'] },
      { id: 'counter-3', number: 3, name: 'งานช่าง', location: 'ชั้น 2', serviceIds: ['svc-building'] },
    ],
    users: [
      { id: 'user-demo-admin', username: 'admin', displayName: 'สมศรี ดูแลดี', role: 'admin' },
      { id: 'user-demo-clerk', username: 'wichai', displayName: 'วิชัย บริการดี', role: 'clerk' },
      { id: 'user-demo-finance', username: 'malee', displayName: 'มาลี รักษ์คลัง', role: 'finance' },
      { id: 'user-demo-super', username: 'prasert', displayName: 'ประเสริฐ ตั้งใจ', role: 'supervisor' },
    ],
    citizenCount: 0,
    parcelCount: 0,
  };
}
