/**
 * The browser mock's tax settings and notices (see `mockBackend.ts`): a small in-memory stand-in for
 * `sala_core::tax::{settings, notice}` with the shapes of `src/generated` and the rules the UI can observe:
 * calendars per year (notices refused without one), a biller ID of 15 digits, this PC's notice block,
 * assessments per taxpayer, notices numbered year + block + sequence that are reused while the tax stands,
 * instalments from 3,000 baht, printing, and a year's batch in steps. The real rules live in core.
 */
/* eslint-disable @typescript-eslint/only-throw-error */
import type { Action } from '../generated/Action';
import type { Assessment } from '../generated/Assessment';
import type { BatchProgress } from '../generated/BatchProgress';
import type { BatchStepResult } from '../generated/BatchStepResult';
import type { IpcError } from '../generated/IpcError';
import type { Notice } from '../generated/Notice';

import type { NoticePreview } from '../generated/NoticePreview';
import type { NoticePrint } from '../generated/NoticePrint';
import type { PlannedInstalment } from '../generated/PlannedInstalment';
import type { PrintJob } from '../generated/PrintJob';
import type { TaxSettingsView } from '../generated/TaxSettingsView';
import type { TaxYearSettings } from '../generated/TaxYearSettings';
import type { CommandArgs } from './backend';

/** Core's `late::INSTALMENT_MINIMUM` (3,000 baht in satang); the mock mirrors core, the screens ask core. */
const INSTALMENT_MINIMUM = 300_000;

/** The signed-in user as notices see them. */
export type NoticesActor = {
  can: (action: Action) => boolean;
  require: (action: Action) => void;
  /** Prints a notice titled `title` on this PC's tax-notice route. */
  print: (title: string) => PrintJob;
};

/** What notices need from the rest of the mock. */
export type NoticesDeps = {
  asUser: (f: (actor: NoticesActor, args: CommandArgs) => unknown) => (args: CommandArgs | undefined) => unknown;
};

/** Test hooks: change what the register and the payments would say. */
export type MockNoticeHooks = {
  /** Changes a taxpayer's assessed tax (as if the register changed), for tests of reassessment. */
  setTax: (taxpayerId: string, tax: number) => void;
  /** Records `satang` of tax paid on the taxpayer's current notice of the year (a receipt). */
  setPaid: (taxpayerId: string, year: number, satang: number) => void;
  /** Makes the taxpayer's assessment fail with `message` (as a register the engine refuses). */
  failAssessment: (taxpayerId: string, message: string) => void;
};

/** The mock's notices: command handlers, the demo office's settings and register, and test hooks. */
export type MockNotices = MockNoticeHooks & {
  handlers: Record<string, (args: CommandArgs | undefined) => unknown>;
  seedDemo: () => void;
  hooks: MockNoticeHooks;
};

const MESSAGES = {
  noCalendar:
    'ยังไม่ได้ตั้งปฏิทินภาษีปี {year} จึงออกหนังสือแจ้งประเมินไม่ได้ กรุณาให้เจ้าหน้าที่การเงินหรือปลัดตั้งวันแจ้งและวันครบกำหนดที่ ตั้งค่า > ภาษีที่ดินและสิ่งปลูกสร้าง',
  noBiller:
    'ยังไม่ได้ตั้งรหัสผู้รับชำระ (Biller ID) ของสำนักงาน จึงพิมพ์คิวอาร์โค้ดชำระเงินบนหนังสือแจ้งไม่ได้ กรุณาให้เจ้าหน้าที่การเงินหรือปลัดตั้งที่ ตั้งค่า > ภาษีที่ดินและสิ่งปลูกสร้าง',
  biller:
    'รหัสผู้รับชำระ (Biller ID) "{input}" ต้องเป็นตัวเลข 15 หลัก คือเลขประจำตัวผู้เสียภาษีของสำนักงาน 13 หลักต่อด้วยรหัส 2 หลักที่ธนาคารให้',
  dueYear: 'วันครบกำหนดชำระ {due} ไม่อยู่ในปีภาษี {year} กรุณาระบุวันครบกำหนดในปีภาษีนั้น',
  order: 'วันครบกำหนดของงวดผ่อนชำระต้องเรียงกัน งวดที่ 1 ก่อนงวดที่ 2 และงวดที่ 2 ก่อนงวดที่ 3 กรุณาแก้วันที่',
  noticeOrder: 'วันที่แจ้งประเมิน {notice} ต้องไม่หลังวันครบกำหนดชำระ {due} กรุณาแก้วันที่ให้ถูกลำดับ',
  minimum: 'ภาษี {tax} บาท ผ่อนชำระไม่ได้ ผ่อนได้เมื่อภาษีตั้งแต่ 3,000 บาทขึ้นไป',
  block: 'ชุดเลขที่หนังสือแจ้งของเครื่องนี้ต้องเป็น 1 ถึง 99 (ระบุมา {input})',
  rates: 'อ่านตารางอัตราภาษีไม่ได้ ({cause}) กรุณาตรวจรูปแบบ JSON',
  noTaxpayer: 'ไม่พบผู้เสียภาษี {what} ในทะเบียน กรุณาค้นหาผู้เสียภาษีอีกครั้ง',
  noNotice: 'ไม่พบหนังสือแจ้งประเมิน {what} กรุณาตรวจเลขที่หนังสือแจ้งอีกครั้ง',
  words: '{baht}บาทถ้วน',
  supersededPaid: 'หนังสือแจ้งเดิมมีการชำระแล้ว {paid} บาท ยอดที่ชำระแล้วจะนำมาหักจากหนังสือแจ้งฉบับใหม่ (เลขที่ {number})',
  keptPaid:
    'หนังสือแจ้งเลขที่ {number} ของ{name} มีการชำระแล้ว {paid} บาท จึงคงหนังสือแจ้งเดิมไว้ แม้ภาษีที่ประเมินได้ตอนนี้เป็น {tax} บาท หากต้องการออกฉบับใหม่แทน ให้สั่งออกทั้งปีอีกครั้งแบบประเมินใหม่ หรือออกทีละรายที่หน้าประเมินภาษี',
} as const;

function fail(
  code: IpcError['code'],
  key: keyof typeof MESSAGES,
  params: Record<string, string | number> = {},
): IpcError {
  const message = MESSAGES[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
  return { code, message };
}

const grouped = (satang: number) =>
  `${Math.floor(satang / 100).toLocaleString('en-US')}.${String(satang % 100).padStart(2, '0')}`;

type MockTaxpayer = { id: string; name: string; idNoMasked: string | null; value: number; tax: number };

/** What issuing did (core's `IssueResult`). */
type Issued = {
  notice: Notice;
  outcome: 'issued' | 'reused' | 'superseded' | 'kept';
  hadPayments: boolean;
  paid: number;
  previousNumber: string | null;
  warning: string | null;
};

const message = (key: keyof typeof MESSAGES, params: Record<string, string | number>) =>
  MESSAGES[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

/** An "other use" part of `value` satang at 0.3 %. */
function assessment(year: number, t: MockTaxpayer): Assessment {
  return {
    taxYear: year,
    ownerKind: 'individual',
    tax: t.tax,
    parts: [
      {
        use: 'other',
        label: 'โฉนดที่ดิน เลขที่ 12345',
        land: [],
        buildings: [],
        value: t.value,
        exemption: 0,
        net: t.value,
        vacantSteps: 0,
        bands: [{ from: 0, to: t.value, ratePercent: '0.3', tax: t.tax }],
        taxBeforeReduction: t.tax,
        reductionPercent: '0',
        tax: t.tax,
      },
    ],
  };
}

function calendar(year: number, due: string, i2: string, i3: string): TaxYearSettings {
  const ce = year - 543;
  return {
    taxYear: year,
    noticeDate: `${ce}-02-01`,
    dueDate: `${ce}-${due}`,
    instalmentDates: [`${ce}-${due}`, `${ce}-${i2}`, `${ce}-${i3}`],
    warningDate: null,
    warningDays: 30,
    rates: null,
    reductions: null,
  };
}

export function createMockNotices(deps: NoticesDeps): MockNotices {
  const years = new Map<number, TaxYearSettings>();
  const taxpayers = new Map<string, MockTaxpayer>();
  const notices: Notice[] = [];
  let billerId = '';
  let block = 1;
  const officeTaxId = '0994000526016';

  const requireYear = (year: number): TaxYearSettings => {
    const y = years.get(year);
    if (!y) throw fail('conflict', 'noCalendar', { year });
    return y;
  };
  const taxpayer = (id: string): MockTaxpayer => {
    const t = taxpayers.get(id);
    if (!t) throw fail('notFound', 'noTaxpayer', { what: id });
    return t;
  };
  const current = (id: string, year: number) =>
    notices.find((n) => n.taxpayerId === id && n.taxYear === year && n.status === 'issued') ?? null;
  const byId = (id: string): Notice => {
    const n = notices.find((it) => it.id === id);
    if (!n) throw fail('notFound', 'noNotice', { what: id });
    return n;
  };
  const plan = (tax: number, y: TaxYearSettings): PlannedInstalment[] => {
    if (tax < 300_000) return [];
    const share = Math.floor(tax / 3);
    const amounts = [tax - 2 * share, share, share];
    return amounts.map((amount, i) => ({ number: i + 1, amount, due: y.instalmentDates[i] ?? y.dueDate }));
  };

  const paidOn = new Map<string, number>();
  const failing = new Map<string, string>();
  const paidForYear = (id: string, year: number) =>
    notices
      .filter((n) => n.taxpayerId === id && n.taxYear === year && n.status !== 'cancelled')
      .reduce((sum, n) => sum + (paidOn.get(n.id) ?? 0), 0);

  /** Like core's `issue_full`: says when the notice replaced has payments; `keepPaid` keeps it instead. */
  const issueFull = (id: string, year: number, keepPaid: boolean): Issued => {
    requireYear(year);
    const t = taxpayer(id);
    const failure = failing.get(id);
    if (failure) throw { code: 'validation', message: failure } satisfies IpcError;
    const cur = current(id, year);
    const plain = { hadPayments: false, paid: 0, previousNumber: null, warning: null };
    if (!cur) return { notice: issue(id, year), outcome: 'issued', ...plain };
    if (cur.tax === t.tax) return { notice: cur, outcome: 'reused', ...plain };
    const paid = paidForYear(id, year);
    if (paid > 0 && keepPaid) {
      const warning = message('keptPaid', {
        number: cur.number,
        name: t.name,
        paid: grouped(paid),
        tax: grouped(t.tax),
      });
      return { notice: cur, outcome: 'kept', hadPayments: true, paid, previousNumber: cur.number, warning };
    }
    const n = issue(id, year);
    const warning = paid > 0 ? message('supersededPaid', { paid: grouped(paid), number: n.number }) : null;
    return { notice: n, outcome: 'superseded', hadPayments: paid > 0, paid, previousNumber: cur.number, warning };
  };

  const issue = (id: string, year: number): Notice => {
    const y = requireYear(year);
    const t = taxpayer(id);
    const cur = current(id, year);
    if (cur?.tax === t.tax) return cur;
    const prefix = `${year}${String(block).padStart(2, '0')}`;
    const seq = notices.filter((n) => n.number.startsWith(prefix)).length + 1;
    const notice: Notice = {
      id: `notice-${notices.length + 1}`,
      number: `${prefix}${String(seq).padStart(6, '0')}`,
      taxpayerId: id,
      taxpayerName: t.name,
      taxYear: year,
      issuedOn: y.noticeDate,
      dueDate: y.dueDate,
      tax: t.tax,
      status: 'issued',
      supersededBy: null,
      instalments: cur && cur.instalments > 1 && t.tax >= INSTALMENT_MINIMUM ? cur.instalments : 1,
      instalmentsAllowed: t.tax >= INSTALMENT_MINIMUM,
      assessment: assessment(year, t),
    };
    if (cur) {
      cur.status = 'superseded';
      cur.supersededBy = notice.id;
    }
    notices.push(notice);
    return notice;
  };

  const print = (actor: NoticesActor, n: Notice): NoticePrint => {
    const none = { hadPayments: false, warning: null };
    if (n.tax > 0 && !billerId) return { notice: n, print: null, printError: fail('conflict', 'noBiller'), ...none };
    return { notice: n, print: actor.print(`ภ.ด.ส.6 ${n.number}`), printError: null, ...none };
  };

  const checkYear = (y: TaxYearSettings) => {
    if (Number(y.dueDate.slice(0, 4)) + 543 !== y.taxYear) {
      throw fail('validation', 'dueYear', { due: y.dueDate, year: y.taxYear });
    }
    if (y.noticeDate > y.dueDate) throw fail('validation', 'noticeOrder', { notice: y.noticeDate, due: y.dueDate });
    const [a, b, c] = y.instalmentDates;
    if (!(a < b && b < c)) throw fail('validation', 'order');
  };

  const printed = new Set<string>();
  const written = new Set<string>();

  const handlers: Record<string, (args: CommandArgs | undefined) => unknown> = {
    tax_settings: deps.asUser((actor): TaxSettingsView => {
      actor.require('useTax');
      return {
        years: [...years.values()].sort((a, b) => b.taxYear - a.taxYear),
        billerId,
        officeTaxId,
        noticeBlock: block,
      };
    }),
    tax_year_save: deps.asUser((actor, args) => {
      actor.require('manageTax');
      const y = args.year as TaxYearSettings;
      checkYear(y);
      years.set(y.taxYear, { ...y });
      return y;
    }),
    tax_built_in_rules: deps.asUser((actor) => {
      actor.require('useTax');
      return JSON.stringify({ rates: { other: [{ up_to: null, rate: '0.3' }] }, reductions: [] }, null, 2);
    }),
    tax_check_rules: deps.asUser((actor, args) => {
      actor.require('manageTax');
      const parse = (text: unknown) => {
        if (typeof text !== 'string' || !text.trim()) return null;
        try {
          return JSON.parse(text) as unknown;
        } catch (e) {
          throw fail('validation', 'rates', { cause: String(e) });
        }
      };
      return { rates: parse(args.rates), reductions: parse(args.reductions) };
    }),
    tax_biller_set: deps.asUser((actor, args) => {
      actor.require('manageTax');
      const input = typeof args.billerId === 'string' ? args.billerId : '';
      const digits = input.replace(/[\s-]/g, '');
      if (!/^\d{15}$/.test(digits)) throw fail('validation', 'biller', { input: input.trim() });
      billerId = digits;
      return digits;
    }),
    tax_notice_block_set: deps.asUser((actor, args) => {
      actor.require('manageTax');
      const n = Number(args.block);
      if (!Number.isInteger(n) || n < 1 || n > 99) throw fail('validation', 'block', { input: String(args.block) });
      block = n;
      return n;
    }),
    tax_notice_preview: deps.asUser((actor, args): NoticePreview => {
      actor.require('useTax');
      const id = String(args.taxpayerId);
      const year = Number(args.taxYear);
      const t = taxpayer(id);
      const y = years.get(year) ?? null;
      const notice = current(id, year);
      return {
        taxpayerId: id,
        taxpayerName: t.name,
        taxYear: year,
        assessment: assessment(year, t),
        taxWords: MESSAGES.words.replace('{baht}', grouped(t.tax)),
        calendar: y,
        instalmentPlan: y ? plan(t.tax, y) : [],
        notice,
        changed: notice !== null && notice.tax !== t.tax,
      };
    }),
    tax_issue_notice: deps.asUser((actor, args): NoticePrint => {
      actor.require('useTax');
      const r = issueFull(String(args.taxpayerId), Number(args.taxYear), false);
      const printed = args.print ? print(actor, r.notice) : { notice: r.notice, print: null, printError: null };
      return { ...printed, hadPayments: r.hadPayments, warning: r.warning };
    }),
    tax_print_notice: deps.asUser((actor, args): NoticePrint => {
      actor.require('useTax');
      return print(actor, byId(String(args.noticeId)));
    }),
    tax_save_notice_pdf: deps.asUser((actor, args) => {
      actor.require('useTax');
      const n = byId(String(args.noticeId));
      if (n.tax > 0 && !billerId) throw fail('conflict', 'noBiller');
      return `/home/sala/.local/share/sala/notices/${n.taxYear}/${n.number}.pdf`;
    }),
    tax_set_instalments: deps.asUser((actor, args) => {
      actor.require('useTax');
      const n = byId(String(args.noticeId));
      const count = Number(args.count);
      if (count > 1 && n.tax < 300_000) throw fail('validation', 'minimum', { tax: grouped(n.tax) });
      n.instalments = count;
      return n;
    }),
    tax_notice_batch_step: deps.asUser((actor, args): BatchStepResult => {
      actor.require('useTax');
      const year = Number(args.taxYear);
      requireYear(year);
      const all = [...taxpayers.keys()];
      const after = args.after as string | null;
      const start = after ? all.indexOf(after) + 1 : 0;
      const end = Math.min(all.length, start + Math.max(1, Number(args.max)));
      const ids: string[] = [];
      let issued = 0;
      let made = 0;
      const problems: string[] = [];
      const failures: BatchProgress['failures'] = [];
      const paid: BatchProgress['paid'] = [];
      for (const id of all.slice(start, end)) {
        const t = taxpayer(id);
        let r: Issued;
        try {
          r = issueFull(id, year, !args.reassess);
        } catch (e) {
          const err = e as IpcError;
          if (err.code !== 'validation') throw e;
          failures.push({ taxpayerId: id, taxpayerName: t.name, idNoMasked: t.idNoMasked, message: err.message });
          continue;
        }
        const n = r.notice;
        if (r.outcome === 'issued' || r.outcome === 'superseded') issued += 1;
        if (r.hadPayments) {
          paid.push({
            taxpayerId: id,
            taxpayerName: t.name,
            idNoMasked: t.idNoMasked,
            number: r.outcome === 'kept' ? n.number : (r.previousNumber ?? ''),
            paid: r.paid,
            kept: r.outcome === 'kept',
            message: r.warning ?? '',
          });
        }
        ids.push(n.id);
        const done = args.print ? printed : written;
        if (!done.has(n.id)) {
          if (args.print) {
            const p = print(actor, n);
            if (p.printError) problems.push(p.printError.message);
            else if (p.print?.status === 'failed') problems.push(p.print.reason ?? '');
            else made += 1;
          } else {
            made += 1;
          }
          done.add(n.id);
        }
      }
      return {
        progress: {
          taxYear: year,
          done: end,
          total: all.length,
          last: all[end - 1] ?? after,
          notices: ids,
          issued,
          failures,
          paid,
        },
        folder: args.print ? null : `/home/sala/.local/share/sala/notices/${year}`,
        made,
        problems,
      };
    }),
  };

  const seedDemo = () => {
    years.set(2569, { ...calendar(2569, '06-30', '07-31', '08-31'), warningDate: '2026-07-15' });
    years.set(2570, calendar(2570, '04-30', '05-31', '06-30'));
    billerId = `${officeTaxId}00`;
    const demo: [string, string, string, number, number][] = [
      ['taxpayer-1', 'นายบุญมี ศรีสุข', '3-3101-xxxxx-xx-3', 400_000_000, 1_200_000],
      ['taxpayer-2', 'นางสาวกาญจนา ทองดี', '1-3101-xxxxx-xx-7', 80_000_000, 240_000],
      ['taxpayer-3', 'นางสมศรี มีสุข', '3-3104-xxxxx-xx-4', 150_000_000, 450_000],
    ];
    for (const [id, name, idNoMasked, value, tax] of demo) taxpayers.set(id, { id, name, idNoMasked, value, tax });
    for (const id of taxpayers.keys()) issue(id, 2569);
  };

  const setTax = (taxpayerId: string, tax: number) => {
    const t = taxpayer(taxpayerId);
    t.tax = tax;
    t.value = Math.round(tax / 0.003);
  };

  const setPaid = (taxpayerId: string, year: number, satang: number) => {
    const n = current(taxpayerId, year);
    if (!n) throw new Error(`mock notices: no notice of ${taxpayerId} in ${year}`);
    paidOn.set(n.id, (paidOn.get(n.id) ?? 0) + satang);
  };
  const failAssessment = (taxpayerId: string, reason: string) => {
    failing.set(taxpayerId, reason);
  };
  const hooks = { setTax, setPaid, failAssessment };

  return { handlers, seedDemo, hooks, ...hooks };
}
