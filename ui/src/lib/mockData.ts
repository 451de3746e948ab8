/**
 * The browser mock's demo data and messages (see `mockBackend.ts`): a made-up office, its users and
 * citizens, and the backend's error messages in Thai. Everything here is fictional; the desktop app's demo
 * office comes from the Rust side (`crates/core/src/office/demo.rs`), whose accounts this mirrors.
 */
import type { DocumentKind } from '../generated/DocumentKind';
import type { OfficeOverview } from '../generated/OfficeOverview';
import type { PrinterInfo } from '../generated/PrinterInfo';
import type { PrintJob } from '../generated/PrintJob';
import type { Role } from '../generated/Role';
import type { Route } from '../generated/Route';

/** The password of every demo user. */
export const DEMO_PASSWORD = 'demo1234';

/** A demo user: `[id, username, display name, role, PIN]`. */
export const DEMO_USERS: readonly (readonly [string, string, string, Role, string])[] = [
  ['user-demo-admin', 'admin', 'ผู้ดูแลระบบ (ตัวอย่าง)', 'admin', '864200'],
  ['user-demo-palad', 'palad', 'นางสาวพรทิพย์ ปลัดสาธิต', 'supervisor', '975310'],
  ['user-demo-finance', 'finance', 'นางมาลี รักษ์การเงิน', 'finance', '246801'],
  ['user-demo-clerk', 'clerk', 'นายสมชาย บริการดี', 'clerk', '135790'],
];

/** A demo citizen: `[thai id, title, first name, last name, phone, address, restricted]`. */
export const DEMO_CITIZENS: readonly (readonly [string, string, string, string, string, string, boolean])[] = [
  ['3310100815903', 'นาย', 'บุญมี', 'ศรีสุข', '0812345601', '12 หมู่ที่ 1 ตำบลบ้านสาธิต', false],
  ['1310100830167', 'นางสาว', 'กาญจนา', 'ทองดี', '0898765402', '45 หมู่ที่ 2 ตำบลบ้านสาธิต', false],
  ['3310400613184', 'นาง', 'สมศรี', 'มีสุข', '0861112203', '7/1 หมู่ที่ 3 ตำบลบ้านสาธิต', false],
  ['1319900609137', 'นาย', 'ธนากร', 'ใจงาม', '0923334404', '88 หมู่ที่ 4 ตำบลบ้านสาธิต', false],
  ['5310100909963', 'นาย', 'ประเสริฐ', 'น้ำใจดี', '0954445505', '101 หมู่ที่ 5 ตำบลบ้านสาธิต', false],
  ['3310100030825', 'นาง', 'ทองใบ', 'สิ่งสวัสดิ์', '', '23 หมู่ที่ 1 ตำบลบ้านสาธิต', false],
  // Restricted: he reported an official's misconduct, so only supervisors see him.
  ['3100100456786', 'นาย', 'วีระ', 'กล้าแจ้ง', '0897776607', '9 หมู่ที่ 6 ตำบลบ้านสาธิต', true],
];

/** The backend's messages (Thai), by the Rust side's keys; `{name}` placeholders. */
export const MESSAGES = {
  'error.auth.empty': 'โปรดกรอกชื่อผู้ใช้และรหัสผ่านหรือ PIN',
  'error.auth.inactive': 'บัญชีนี้ถูกปิดใช้งาน โปรดติดต่อผู้ดูแลระบบ',
  'error.auth.invalid': 'ชื่อผู้ใช้หรือรหัสผ่าน/PIN ไม่ถูกต้อง',
  'error.auth.invalid_tries': 'ชื่อผู้ใช้หรือรหัสผ่าน/PIN ไม่ถูกต้อง (ลองได้อีก {tries} ครั้งก่อนบัญชีถูกล็อก)',
  'error.auth.locked': 'บัญชีถูกล็อกเพราะใส่รหัสผิดหลายครั้ง โปรดลองใหม่ในอีก {minutes} นาที หรือติดต่อผู้ดูแลระบบ',
  'error.audit.dates': 'วันที่เริ่มต้องไม่อยู่หลังวันที่สิ้นสุด',
  'error.citizen.not_found': 'ไม่พบข้อมูลประชาชนรายนี้',
  'error.not_permitted': 'คุณไม่มีสิทธิ์{action}',
  'error.office.exists': 'ตั้งค่าสำนักงานไว้แล้ว ฐานข้อมูลหนึ่งชุดใช้กับสำนักงานเดียว',
  'error.office.missing': 'ยังไม่ได้ตั้งค่าสำนักงาน โปรดใช้สำนักงานตัวอย่างหรือตั้งค่าสำนักงานจริงก่อน',
  'error.policy.range': '{setting} ต้องอยู่ระหว่าง {min} ถึง {max} (ได้รับ {input})',
  'error.session.ended': 'บัญชีนี้ถูกปิดใช้งานแล้ว โปรดเข้าสู่ระบบใหม่',
  'error.session.idle': 'หน้าจอถูกล็อกเพราะไม่มีการใช้งานนานเกินกำหนด โปรดเข้าสู่ระบบอีกครั้ง',
  'error.session.locked': 'หน้าจอถูกล็อก โปรดเข้าสู่ระบบอีกครั้ง',
  'error.session.must_change_password': 'โปรดตั้งรหัสผ่านใหม่ก่อนใช้งาน',
  'error.session.none': 'โปรดเข้าสู่ระบบก่อน',
  'error.user.current_password': 'รหัสผ่านปัจจุบันไม่ถูกต้อง',
  'error.user.deactivate_self': 'ไม่สามารถปิดใช้งานบัญชีของตนเองได้',
  'error.user.display_name': 'โปรดกรอกชื่อที่แสดงของผู้ใช้',
  'error.user.last_admin': 'ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน',
  'error.user.not_found': 'ไม่พบผู้ใช้นี้',
  'error.user.password_same': 'รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม',
  'error.user.password_short': 'รหัสผ่านต้องยาวอย่างน้อย {min} ตัวอักษร',
  'error.user.pin_format': 'PIN ต้องเป็นตัวเลข 6 หลัก',
  'error.user.pin_weak': 'PIN นี้เดาง่ายเกินไป (เลขเดียวกันทั้งหมดหรือเรียงกัน) โปรดเลือกใหม่',
  'error.user.taken': 'มีชื่อผู้ใช้ "{input}" อยู่แล้ว',
  'error.user.username': 'ชื่อผู้ใช้ "{input}" ไม่ถูกต้อง ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข จุด หรือขีดล่าง 3–32 ตัว',
  'error.setup.name': 'กรุณากรอกชื่อสำนักงาน',
  'error.setup.code': 'กรุณากรอกรหัสหน่วยงาน',
  'error.setup.tax_id': 'เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง',
  'error.setup.counters': 'ต้องมีช่องบริการอย่างน้อย 1 ช่อง',
  'error.setup.counter_dup': 'หมายเลขช่องบริการซ้ำกัน',
  'error.setup.username': 'กรุณากรอกชื่อผู้ใช้',
  'msg.audit.intact': 'บันทึกการตรวจสอบครบถ้วนถูกต้อง {n} รายการ',
  'action.view_office': 'ดูข้อมูลสำนักงาน',
  'action.use_queue': 'ใช้งานระบบคิว',
  'action.use_requests': 'รับและดำเนินการคำร้อง',
  'action.use_tax': 'ทำงานด้านภาษีที่ดินและสิ่งปลูกสร้าง',
  'action.view_reports': 'ดูรายงาน',
  'action.view_audit_log': 'ดูบันทึกการใช้งาน',
  'action.search_citizens': 'ค้นหาข้อมูลประชาชน',
  'action.reveal_personal_data': 'ดูเลขประจำตัวประชาชนและเบอร์โทรศัพท์แบบเต็ม',
  'action.manage_users': 'จัดการบัญชีผู้ใช้',
  'action.manage_security': 'ตั้งค่าความปลอดภัยการเข้าสู่ระบบ',
  'setting.auth.max_failures': 'จำนวนครั้งที่ใส่รหัสผิดก่อนล็อกบัญชี',
  'setting.auth.lock_minutes': 'เวลาล็อกบัญชี (นาที)',
  'setting.auth.idle_lock_minutes': 'เวลาล็อกหน้าจอเมื่อไม่มีการใช้งาน (นาที)',
  'action.manage_printers': 'ตั้งค่าเครื่องพิมพ์',
  'error.print.drawer_needs_escpos': 'การเปิดลิ้นชักเก็บเงินใช้ได้กับเครื่องพิมพ์ใบเสร็จ (ESC/POS) เท่านั้น',
  'error.print.escpos_needs_roll': 'เครื่องพิมพ์ใบเสร็จ (ESC/POS) ใช้ได้กับกระดาษม้วน 80 มม. หรือ 58 มม. เท่านั้น',
  'error.print.job_not_found': 'ไม่พบงานพิมพ์นี้',
  'error.print.no_printer': 'ยังไม่ได้เลือกเครื่องพิมพ์สำหรับ{kind} (ตั้งค่า → เครื่องพิมพ์)',
  'error.print.not_accepting':
    'เครื่องพิมพ์ {printer} ปิดรับงานพิมพ์อยู่ งานพิมพ์ยังไม่ถูกส่ง (สาเหตุ: {detail}) โปรดให้ผู้ดูแลระบบเปิดรับงานพิมพ์อีกครั้ง หรือเลือกเครื่องพิมพ์อื่น',
  'error.print.paper_out':
    'เครื่องพิมพ์ {printer} กระดาษหมด ยังไม่ได้พิมพ์อะไรออกไป โปรดใส่ม้วนกระดาษใหม่และปิดฝาให้สนิท แล้วสั่งพิมพ์อีกครั้ง',
  'error.print.printer_not_found':
    'ไม่พบเครื่องพิมพ์ชื่อ "{printer}" ในระบบพิมพ์ของเครื่องนี้ งานพิมพ์ยังไม่ถูกส่ง โปรดเลือกเครื่องพิมพ์ใหม่ในหน้าตั้งค่า หรือให้ผู้ดูแลระบบติดตั้งเครื่องพิมพ์',
  'error.print.printer_required': 'กรุณาเลือกเครื่องพิมพ์',
  'error.print.printer_stopped':
    'เครื่องพิมพ์ {printer} ถูกหยุดใช้งานอยู่ในระบบพิมพ์ งานพิมพ์ยังไม่ถูกส่ง (สาเหตุ: {detail}) โปรดตรวจดูเครื่องพิมพ์ แล้วให้ผู้ดูแลระบบเปิดใช้งานเครื่องพิมพ์นี้อีกครั้ง',
  'error.print.reason.paper_jam': 'กระดาษติดในเครื่อง',
  'error.print.reason.unknown': 'ระบบพิมพ์ไม่ได้แจ้งสาเหตุ',
  'error.print.target_invalid':
    'ที่อยู่เครื่องพิมพ์ "{input}" ไม่ถูกต้อง ต้องเป็น tcp://ที่อยู่เครื่อง:พอร์ต เช่น tcp://192.168.1.50:9100 หรือชื่ออุปกรณ์ที่ขึ้นต้นด้วย / เช่น /dev/usb/lp0',
  'action.manage_queue': 'ตั้งค่าระบบคิว',
  'action.manage_tax': 'ตั้งค่าภาษีที่ดินและสิ่งปลูกสร้าง',
  'action.void_receipt': 'ยกเลิกใบเสร็จรับเงิน',
  'action.manage_request_categories': 'ตั้งค่าประเภทคำร้อง',
  'action.supervise_requests': 'ดูแลคำร้องทั้งสำนักงาน',
  'action.export_personal_data': 'ส่งออกข้อมูลส่วนบุคคล',
  'error.queue.nobody_waiting': 'ไม่มีคิวรอรับบริการที่ช่องบริการ {counter}',
  'error.queue.counter_unknown': 'ไม่พบช่องบริการหมายเลข {counter}',
  'error.queue.rating': 'คะแนนต้องเป็น 1 ถึง 5 (ได้รับ {input})',
  'error.queue.nothing_to_rate': 'ไม่มีคิวที่รอให้คะแนนที่ช่องบริการ {counter}',
  'error.queue.counter_busy': 'ช่องบริการนี้มีคิว {number} อยู่ ให้บริการให้เสร็จหรือพักคิวก่อน',
  'error.queue.no_current': 'ช่องบริการ {counter} ยังไม่มีคิวที่เรียกอยู่',
  'error.queue.no_show_serving': 'คิวนี้เริ่มรับบริการแล้ว จึงบันทึกว่าไม่มาแสดงตัวไม่ได้',
  'error.queue.nothing_held': 'ช่องบริการ {counter} ไม่มีคิวที่พักไว้',
  'error.queue.not_open': 'ไม่พบคิว {number} ที่ยังไม่เสร็จ',
  'error.queue.not_waiting': 'คิว {number} ไม่ได้รออยู่ในแถววันนี้',
  'error.queue.no_service': 'ไม่พบบริการรหัส "{code}"',
  'error.queue.call_specific_off': 'การเรียกคิวเจาะจงหมายเลขถูกปิดไว้ ขอให้หัวหน้างานเปิดในการตั้งค่าคิว หรือใช้ "เรียกคิวถัดไป"',
  'error.queue.transfer_same_counter': 'โอนไปช่องบริการเดิมไม่ได้ กรุณาเลือกช่องอื่น',
  'error.queue.kpi_range': 'วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น',
  'error.queue.setup.code': 'รหัสบริการ "{input}" ไม่ถูกต้อง: ใช้อักษรอังกฤษตัวเล็ก ตัวเลข หรือ _ ยาว 2–30 ตัว',
  'error.queue.setup.prefix': 'อักษรนำหน้าเลขคิว "{input}" ไม่ถูกต้อง: ใช้อักษรอังกฤษตัวใหญ่ 1–2 ตัว (เช่น A)',
  'error.queue.setup.prefix_taken': 'อักษร {prefix} ใช้กับบริการ "{code}" อยู่แล้ว',
  'error.queue.setup.required': 'กรุณากรอก{field}',
  'error.queue.setup.no_department': 'ไม่พบกอง/สำนัก รหัส "{code}"',
  'error.queue.setup.counter_number': 'หมายเลขช่องบริการต้องเป็น 1 ถึง 99 (ได้รับ {input})',
  'error.queue.setup.no_services': 'กรุณาเลือกบริการที่ช่องนี้ให้บริการอย่างน้อย 1 บริการ',
  'field.queue.counter_name': 'ชื่อช่องบริการ',
  'field.queue.location': 'ตำแหน่งของช่องบริการ',
  'field.queue.name_en': 'ชื่อบริการภาษาอังกฤษ',
  'field.queue.name_th': 'ชื่อบริการภาษาไทย',
  'setting.queue.max_wait_minutes': 'เวลารอสูงสุดก่อนได้เรียกก่อน (นาที)',
  'setting.queue.priority_streak': 'จำนวนคิวกลุ่มพิเศษติดกันก่อนเรียกคิวทั่วไป',
  'setting.queue.no_show_grace_minutes': 'เวลาผ่อนผันก่อนคิวที่ไม่มาแสดงตัวกลับเข้าแถว (นาที)',
  'setting.queue.reset_hour': 'เวลาเริ่มนับเลขคิวใหม่ (ชั่วโมง)',
  'setting.queue.issuer_block': 'ลำดับของเครื่องนี้',
  'setting.queue.issuer_blocks': 'จำนวนเครื่องที่ออกบัตรคิว',
  'setting.queue.rating_minutes': 'เวลาที่เปิดให้ประเมินความพึงพอใจหลังบริการเสร็จ (นาที)',
  'msg.document.queue_slip': 'บัตรคิว',
  'msg.document.receipt': 'ใบเสร็จรับเงิน',
  'msg.document.report': 'รายงาน',
  'msg.document.request_slip': 'ใบรับเรื่อง',
  'msg.document.tax_notice': 'หนังสือแจ้งประเมินภาษี',
  'msg.document.test_page': 'หน้าทดสอบ',
} as const;

/** A key of [`MESSAGES`]. */
export type MockMessageKey = keyof typeof MESSAGES;

/** The message `key` with `{name}` placeholders filled. */
export function mockMessage(key: MockMessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return MESSAGES[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The demo office's configuration (the users come from [`DEMO_USERS`]). */
export function demoOverview(): OfficeOverview {
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
    users: [],
    citizenCount: 0,
    parcelCount: 0,
  };
}

/**
 * The CUPS queues of the mock's pretend PC: the office's A4 laser (the default), and the finance division's
 * A5 printer, stopped with a paper jam (so a test page to it fails the way CUPS would refuse it).
 */
export function mockPrinters(): PrinterInfo[] {
  return [
    {
      name: 'Office-A4',
      description: 'HP LaserJet Pro M404dn',
      location: 'ห้องสำนักปลัด ชั้น 1',
      isDefault: true,
      state: 'idle',
      accepting: true,
      deviceUri: 'ipp://192.168.1.20/ipp/print',
      stateMessage: null,
    },
    {
      name: 'Finance-A5',
      description: 'Brother HL-L2370DN',
      location: 'ห้องกองคลัง',
      isDefault: false,
      state: 'stopped',
      accepting: false,
      deviceUri: 'socket://192.168.1.21:9100',
      stateMessage: 'Media jam',
    },
  ];
}

/** The thermal printer at the queue counter (ESC/POS over the network). */
const COUNTER_THERMAL = 'tcp://192.168.1.50:9100';

/** The demo office's routes on this PC: slips on the counter's thermal printer, A4 and A5 through CUPS, no test-page printer yet. */
export function demoPrintRoutes(): Route[] {
  const thermal = { type: 'escpos', target: COUNTER_THERMAL } as const;
  return [
    { kind: 'queue_slip', destination: thermal, paper: '80mm', cut: true, openDrawer: false },
    { kind: 'request_slip', destination: thermal, paper: '80mm', cut: true, openDrawer: false },
    {
      kind: 'tax_notice',
      destination: { type: 'cups', printer: 'Office-A4' },
      paper: 'a4',
      cut: false,
      openDrawer: false,
    },
    {
      kind: 'receipt',
      destination: { type: 'cups', printer: 'Finance-A5' },
      paper: 'a5',
      cut: false,
      openDrawer: false,
    },
    { kind: 'report', destination: { type: 'cups', printer: 'Office-A4' }, paper: 'a4', cut: false, openDrawer: false },
    { kind: 'test_page', destination: null, paper: 'a4', cut: true, openDrawer: false },
  ];
}

/** A demo print job and who printed it (`userName` comes from the user). */
export type DemoPrintJob = { userId: string; job: Omit<PrintJob, 'userName'> };

/** The demo office's recent jobs, oldest first, timed back from `nowMs`: a clerk's failed and printed queue tickets, a failed receipt, a printed report. */
export function demoPrintJobs(nowMs: number): DemoPrintJob[] {
  const at = (minutesAgo: number) => new Date(nowMs - minutesAgo * 60_000).toISOString();
  const job = (
    userId: string,
    id: string,
    kind: DocumentKind,
    title: string,
    destination: string,
    minutesAgo: number,
    outcome: Pick<PrintJob, 'status' | 'reason' | 'spoolJob'>,
  ): DemoPrintJob => ({
    userId,
    job: {
      id,
      kind,
      title,
      paper: kind === 'queue_slip' ? '80mm' : kind === 'receipt' ? 'a5' : 'a4',
      destination,
      reprintOf: null,
      createdAt: at(minutesAgo),
      updatedAt: at(minutesAgo),
      ...outcome,
    },
  });
  const ok = (spoolJob: string | null) => ({ status: 'sent', reason: null, spoolJob }) as const;
  return [
    job(
      'user-demo-palad',
      'job-demo-1',
      'report',
      'รายงานสรุปการให้บริการประจำวัน',
      'cups:Office-A4',
      95,
      ok('Office-A4-17'),
    ),
    job('user-demo-clerk', 'job-demo-2', 'queue_slip', 'บัตรคิว A011', `escpos:${COUNTER_THERMAL}`, 40, ok(null)),
    job('user-demo-finance', 'job-demo-3', 'receipt', 'ใบเสร็จรับเงิน เลขที่ 2569/0118', 'cups:Finance-A5', 30, {
      status: 'failed',
      reason: mockMessage('error.print.printer_stopped', {
        printer: 'Finance-A5',
        detail: mockMessage('error.print.reason.paper_jam'),
      }),
      spoolJob: null,
    }),
    job('user-demo-clerk', 'job-demo-4', 'queue_slip', 'บัตรคิว A012', `escpos:${COUNTER_THERMAL}`, 25, {
      status: 'failed',
      reason: mockMessage('error.print.paper_out', { printer: COUNTER_THERMAL }),
      spoolJob: null,
    }),
  ];
}
