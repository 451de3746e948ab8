/**
 * The browser mock's tax payments (see `mockBackend.ts`): a small in-memory stand-in for
 * `sala_core::tax::receipt` with the shapes of `src/generated` and the rules the UI can observe: notices with
 * instalments, part payments applied in order (counted per taxpayer and tax year across superseded notices),
 * a 10 % penalty and 1 % a month surcharge on late slices (0.5 % with a kept extension), the quote before
 * taking money, cash dated today and a transfer's bank date, book numbers gap-free per PC from the day written, voiding by a supervisor who did not take the money, a verification payload that is
 * refused when altered, the cash summary, the control register, the arrears and the receipt books. The real
 * rules and their tests live in core.
 */
/* eslint-disable @typescript-eslint/only-throw-error */
import type { Action } from '../generated/Action';
import type { Arrears } from '../generated/Arrears';
import type { CashSummary } from '../generated/CashSummary';
import type { ControlRegister } from '../generated/ControlRegister';
import type { InstalmentDue } from '../generated/InstalmentDue';
import type { IpcError } from '../generated/IpcError';
import type { Method } from '../generated/Method';
import type { MethodTotal } from '../generated/MethodTotal';
import type { Outstanding } from '../generated/Outstanding';
import type { PayableNotice } from '../generated/PayableNotice';
import type { PaymentInput } from '../generated/PaymentInput';
import type { PrintJob } from '../generated/PrintJob';
import type { Quote } from '../generated/Quote';
import type { Receipt } from '../generated/Receipt';
import type { ReceiptBook } from '../generated/ReceiptBook';
import type { ReceiptItem } from '../generated/ReceiptItem';
import type { ReceiptPrint } from '../generated/ReceiptPrint';
import type { VerifiedReceipt } from '../generated/VerifiedReceipt';
import type { CommandArgs } from './backend';

/** The signed-in user as payments see them. */
export type PaymentsActor = {
  id: string;
  name: string;
  can: (action: Action) => boolean;
  require: (action: Action) => void;
  /** Prints a document of `kind` titled `title` on this PC's route. */
  print: (kind: 'receipt' | 'report', title: string) => PrintJob;
};

/** What payments need from the rest of the mock. */
export type PaymentsDeps = {
  now: () => Date;
  asUser: (f: (actor: PaymentsActor, args: CommandArgs) => unknown) => (args: CommandArgs | undefined) => unknown;
};

/** The mock's payments: command handlers and the demo office's notices and books. */
export type MockPayments = {
  handlers: Record<string, (args: CommandArgs | undefined) => unknown>;
  seedDemo: () => void;
};

type MockNotice = {
  id: string;
  number: string;
  taxYear: number;
  taxpayerId: string;
  taxpayerName: string;
  address: string;
  tax: number;
  instalments: number;
  dueDates: string[];
  status: string;
};

const MESSAGES = {
  noNotice: 'ไม่พบหนังสือแจ้งการประเมินเลขที่ "{number}" กรุณาตรวจเลขที่อีกครั้ง',
  amountZero: 'กรุณาใส่จำนวนภาษีที่ชำระมากกว่าศูนย์',
  overpay: 'ยอดที่จะชำระ {amount} บาท มากกว่าภาษีที่ค้างอยู่ {unpaid} บาท กรุณาแก้จำนวนเงิน',
  overpaid:
    'ภาษีปีนี้ชำระไว้แล้ว {paid} บาท เกินภาษีตามหนังสือแจ้งการประเมินเลขที่ {number} ({tax} บาท) อยู่ {over} บาท จึงรับชำระเพิ่มไม่ได้ ผู้เสียภาษีขอคืนเงินได้ด้วยแบบคำร้อง ภ.ด.ส.9 ซึ่งระบบนี้ยังไม่รองรับ กรุณาดำเนินการตามระเบียบ',
  nothingDue: 'หนังสือแจ้งการประเมินเลขที่ {number} ชำระครบแล้ว ไม่มียอดค้างชำระ',
  superseded: 'หนังสือแจ้งการประเมินเลขที่ {number} ถูกแทนที่หรือยกเลิกแล้ว กรุณารับชำระตามหนังสือฉบับใหม่',
  future: 'วันที่ชำระ {date} ยังมาไม่ถึง กรุณาใส่วันที่วันนี้หรือก่อนหน้า',
  cashToday: 'รับเงินสดต้องลงวันที่วันนี้ ({today}) เท่านั้น ลงวันที่ {date} ไม่ได้ หากชำระโดยโอนเงินหรือเช็ค กรุณาเลือกวิธีชำระให้ถูกต้อง',
  refTransfer: 'การโอนเงินต้องมีเลขอ้างอิงของธนาคาร กรุณาใส่เลขอ้างอิง',
  refCheque: 'การชำระด้วยเช็คต้องมีชื่อธนาคารและเลขที่เช็ค กรุณาใส่ให้ครบ',
  noBook: 'เครื่องนี้ยังไม่มีเล่มใบเสร็จของปีงบประมาณ {year} ที่ยังใช้ได้ กรุณาให้หัวหน้าการเงินมอบเล่มใบเสร็จให้เครื่องนี้ในหน้าตั้งค่า ก่อนรับชำระ',
  voidReason: 'กรุณาระบุเหตุผลที่ยกเลิกใบเสร็จ',
  voidOwn: 'ผู้รับเงินยกเลิกใบเสร็จที่ตนเองออกไม่ได้ (เล่มที่/เลขที่ {book}) กรุณาให้ผู้บังคับบัญชาอีกคนเป็นผู้ยกเลิก',
  voidAlready: 'ใบเสร็จเล่มที่/เลขที่ {book} ถูกยกเลิกไปแล้ว',
  notSala: 'นี่ไม่ใช่คิวอาร์ตรวจสอบใบเสร็จของ Sala (ต้องขึ้นต้นด้วย SALA-R1)',
  malformed: 'รหัสตรวจสอบใบเสร็จไม่ครบหรือผิดรูปแบบ กรุณาสแกนใหม่หรือคัดลอกให้ครบทั้งข้อความ',
  tampered: 'ลายมือชื่ออิเล็กทรอนิกส์ไม่ตรงกับข้อมูล ข้อมูลในใบเสร็จถูกแก้ไข ห้ามรับใบเสร็จนี้เป็นหลักฐาน',
  voided: 'ใบเสร็จเล่มที่/เลขที่ {book} ถูกยกเลิกแล้ว ({reason}) ใช้เป็นหลักฐานการชำระไม่ได้',
  bookTaken: 'เล่มที่ {book} ของปีงบประมาณ {year} มอบให้เครื่องอื่นแล้ว กรุณาใช้เล่มที่อื่น',
  bookRange: 'ช่วงเลขที่ใบเสร็จไม่ถูกต้อง ({first}–{last})',
  receiptTitle: 'ใบเสร็จรับเงิน เล่มที่ {book} เลขที่ {number}',
  cashTitle: 'ใบสรุปการรับเงินประจำวัน {date}',
} as const;

function fail(
  code: IpcError['code'],
  key: keyof typeof MESSAGES,
  params: Record<string, string | number> = {},
): IpcError {
  const message = MESSAGES[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
  return { code, message };
}

const DEVICE = 'device-this-pc';
const baht = (satang: number) =>
  (satang / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** The trimmed text, or `null` when it is missing or blank. */
const filled = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** Started months from the day after `due` to `paid` (both `YYYY-MM-DD`). */
function monthsLate(due: string, paid: string): number {
  if (paid <= due) return 0;
  const [dy, dm, dd] = due.split('-').map(Number) as [number, number, number];
  const [py, pm, pd] = paid.split('-').map(Number) as [number, number, number];
  const whole = (py - dy) * 12 + (pm - dm) - (pd <= dd ? 1 : 0);
  return whole + 1;
}

/** The value of EMVCo tag `id` at the top level of `tlv` (a Thai QR payload or a template in it). */
function tag(tlv: string, id: string): string | null {
  for (let i = 0; i + 4 <= tlv.length;) {
    const len = Number(tlv.slice(i + 2, i + 4));
    if (tlv.slice(i, i + 2) === id) return tlv.slice(i + 4, i + 4 + len);
    i += 4 + len;
  }
  return null;
}

function fiscalYear(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return y + 543 + (m >= 10 ? 1 : 0);
}

function shares(tax: number, n: number): number[] {
  if (n <= 1 || tax < 300_000) return [tax];
  const share = Math.floor(tax / n);
  return [tax - share * (n - 1), ...Array.from({ length: n - 1 }, () => share)];
}

function encodeFacts(facts: string): string {
  return btoa(facts).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

export function createMockPayments(deps: PaymentsDeps): MockPayments {
  const notices: MockNotice[] = [];
  const receipts: Receipt[] = [];
  const books: { id: string; fiscalYear: number; bookNo: number; firstNo: number; lastNo: number; device: string }[] =
    [];
  let seq = 0;
  const today = () => {
    const d = new Date(deps.now().getTime() + 7 * 3600_000);
    return d.toISOString().slice(0, 10);
  };

  const notice = (id: string) => {
    const found = notices.find((n) => n.id === id || n.number === id);
    if (!found) throw fail('notFound', 'noNotice', { number: id });
    return found;
  };
  /** The notices whose receipts count for `n`: the taxpayer's issued and superseded ones of the year. */
  const chain = (n: MockNotice) =>
    notices
      .filter(
        (x) =>
          x.id === n.id ||
          (x.taxpayerId === n.taxpayerId &&
            x.taxYear === n.taxYear &&
            (x.status === 'issued' || x.status === 'superseded')),
      )
      .map((x) => x.id);
  const paidOf = (n: MockNotice, earlierOnly = false) => {
    const ids = chain(n).filter((id) => !earlierOnly || id !== n.id);
    return receipts.filter((r) => ids.includes(r.noticeId) && r.status === 'issued').reduce((sum, r) => sum + r.tax, 0);
  };

  const owed = (n: MockNotice, paidOn: string): Outstanding => {
    const paid = paidOf(n);
    const parts = shares(n.tax, n.instalments);
    let before = 0;
    let penalty = 0;
    let surcharge = 0;
    const instalments: InstalmentDue[] = parts.map((amount, k) => {
      const against = Math.min(Math.max(paid - before, 0), amount);
      before += amount;
      const unpaid = amount - against;
      const dueDate = n.dueDates[parts.length === 1 ? 0 : k] ?? n.dueDates[0] ?? paidOn;
      const months = monthsLate(dueDate, paidOn);
      const p = months > 0 ? Math.round(unpaid / 10) : 0;
      const s = months > 0 ? Math.min(unpaid, Math.round((unpaid * months) / 100)) : 0;
      penalty += p;
      surcharge += s;
      return {
        number: k + 1,
        of: parts.length,
        dueDate,
        amount,
        paid: against,
        unpaid,
        late: {
          tax: unpaid,
          months,
          penaltyPercent: months > 0 ? 10 : 0,
          penalty: p,
          surchargePermille: 10,
          surcharge: s,
          total: unpaid + p + s,
        },
      };
    });
    const unpaid = Math.max(n.tax - paid, 0);
    return {
      noticeId: n.id,
      noticeNumber: n.number,
      taxYear: n.taxYear,
      noticeStatus: n.status,
      taxpayerId: n.taxpayerId,
      taxpayerName: n.taxpayerName,
      tax: n.tax,
      paid,
      paidEarlier: paidOf(n, true),
      unpaid,
      overpaid: Math.max(paid - n.tax, 0),
      paidOn,
      stage: 'before-warning',
      instalments,
      penalty,
      surcharge,
      totalDue: unpaid + penalty + surcharge,
      suggested: parts.length === 1 ? unpaid : (instalments.find((i) => i.unpaid > 0)?.unpaid ?? 0),
    };
  };

  const payable = (n: MockNotice): PayableNotice => ({
    noticeId: n.id,
    number: n.number,
    taxYear: n.taxYear,
    status: n.status,
    taxpayerName: n.taxpayerName,
    tax: n.tax,
    unpaid: Math.max(n.tax - paidOf(n), 0),
    overpaid: Math.max(paidOf(n) - n.tax, 0),
  });

  const bookView = (b: (typeof books)[number]): ReceiptBook => {
    const used = receipts.filter((r) => r.fiscalYear === b.fiscalYear && r.bookNo === b.bookNo);
    const next = b.firstNo + used.length;
    return {
      id: b.id,
      fiscalYear: b.fiscalYear,
      bookNo: b.bookNo,
      firstNo: b.firstNo,
      lastNo: b.lastNo,
      deviceId: b.device,
      thisPc: b.device === DEVICE,
      status: next > b.lastNo ? 'full' : 'open',
      used: used.length,
      nextNo: next > b.lastNo ? null : next,
    };
  };

  /** The allocation and late charges a payment collects: what `tax_quote` shows and `tax_pay` records. */
  const quoteFor = (n: MockNotice, amount: number, paidOn: string, kept: boolean): Quote => {
    if (amount <= 0) throw fail('validation', 'amountZero');
    if (n.status !== 'issued') throw fail('conflict', 'superseded', { number: n.number });
    const o = owed(n, paidOn);
    if (o.overpaid > 0) {
      throw fail('conflict', 'overpaid', {
        number: n.number,
        paid: baht(o.paid),
        tax: baht(n.tax),
        over: baht(o.overpaid),
      });
    }
    if (o.unpaid === 0) throw fail('conflict', 'nothingDue', { number: n.number });
    if (amount > o.unpaid) throw fail('validation', 'overpay', { amount: baht(amount), unpaid: baht(o.unpaid) });
    const permille = kept ? 5 : 10;
    let left = amount;
    const lines: ReceiptItem[] = [];
    for (const due of o.instalments.filter((i) => i.unpaid > 0)) {
      if (left === 0) break;
      const slice = Math.min(left, due.unpaid);
      left -= slice;
      const months = monthsLate(due.dueDate, paidOn);
      lines.push({
        instalment: due.number,
        of: due.of,
        dueDate: due.dueDate,
        tax: slice,
        months,
        penaltyPercent: months > 0 ? 10 : 0,
        penalty: months > 0 ? Math.round(slice / 10) : 0,
        surchargePermille: permille,
        surcharge: months > 0 ? Math.min(slice, Math.round((slice * months * permille) / 1000)) : 0,
        extensionKept: kept,
      });
    }
    const penalty = lines.reduce((s, i) => s + i.penalty, 0);
    const surcharge = lines.reduce((s, i) => s + i.surcharge, 0);
    return {
      noticeId: n.id,
      paidOn,
      extensionKept: kept,
      tax: amount,
      penalty,
      surcharge,
      total: amount + penalty + surcharge,
      lines,
    };
  };

  const takePayment = (actor: PaymentsActor, input: PaymentInput, writtenOn = today()): Receipt => {
    actor.require('useTax');
    const asked = filled(input.paidOn);
    if (asked !== null && asked > writtenOn) throw fail('validation', 'future', { date: asked });
    if (input.method === 'cash' && asked !== null && asked !== writtenOn) {
      throw fail('validation', 'cashToday', { date: asked, today: writtenOn });
    }
    const paidOn = asked ?? writtenOn;
    if (input.taxAmount <= 0) throw fail('validation', 'amountZero');
    const reference = input.reference?.trim() ?? '';
    if (input.method === 'transfer' && !reference) throw fail('validation', 'refTransfer');
    if (input.method === 'cheque' && !reference) throw fail('validation', 'refCheque');
    const n = notice(input.noticeId);
    const q = quoteFor(n, input.taxAmount, paidOn, input.extensionKept ?? false);
    const fy = fiscalYear(writtenOn);
    const book = books
      .filter((b) => b.device === DEVICE && b.fiscalYear === fy)
      .sort((a, b) => a.bookNo - b.bookNo)
      .map(bookView)
      .find((b) => b.nextNo !== null);
    const next = book?.nextNo ?? null;
    if (!book || next === null) throw fail('conflict', 'noBook', { year: fy });
    const items = q.lines;
    const { penalty, surcharge, total } = q;
    seq += 1;
    const facts = `6310101|${fy}|${book.bookNo}|${next}|${paidOn.replace(/-/g, '')}|${n.number}|${n.taxYear}|${input.taxAmount}|${penalty}|${surcharge}|${total}|I`;
    const r: Receipt = {
      id: `receipt-${seq}`,
      fiscalYear: fy,
      bookNo: book.bookNo,
      number: next,
      noticeId: n.id,
      noticeNumber: n.number,
      taxYear: n.taxYear,
      instalments: n.instalments,
      taxpayerId: n.taxpayerId,
      taxpayerName: n.taxpayerName,
      payerName: filled(input.payerName) ?? n.taxpayerName,
      payerAddress: n.address,
      paidOn,
      writtenOn,
      method: input.method,
      reference: input.method === 'cash' ? null : reference,
      items,
      tax: input.taxAmount,
      penalty,
      surcharge,
      total,
      receivedBy: actor.id,
      receivedByName: actor.name,
      payload: `SALA-R1.mock0001.${encodeFacts(facts)}.sig${seq}`,
      status: 'issued',
      voidReason: null,
      voidedByName: null,
      voidedAt: null,
      createdAt: deps.now().toISOString(),
    };
    receipts.push(r);
    return r;
  };

  const printed = (actor: PaymentsActor, r: Receipt): ReceiptPrint => ({
    receipt: r,
    print: actor.print(
      'receipt',
      MESSAGES.receiptTitle.replace('{book}', String(r.bookNo)).replace('{number}', String(r.number)),
    ),
    printError: null,
  });

  const byMethod = (list: Receipt[]): MethodTotal[] =>
    (['cash', 'transfer', 'cheque'] as Method[]).map((method) => {
      const of = list.filter((r) => r.method === method);
      return { method, count: of.length, total: of.reduce((s, r) => s + r.total, 0) };
    });

  const summary = (day: string, userId: string | null): CashSummary => {
    const all = receipts.filter((r) => r.writtenOn === day && (userId === null || r.receivedBy === userId));
    const standing = all.filter((r) => r.status === 'issued');
    const clerkIds = [...new Set(standing.map((r) => r.receivedBy))];
    return {
      day,
      userId,
      clerks: clerkIds.map((id) => {
        const mine = standing.filter((r) => r.receivedBy === id);
        return {
          userId: id,
          name: mine[0]?.receivedByName ?? '',
          methods: byMethod(mine),
          count: mine.length,
          total: mine.reduce((s, r) => s + r.total, 0),
          receipts: mine,
        };
      }),
      methods: byMethod(standing),
      voided: all.filter((r) => r.status === 'voided'),
      count: standing.length,
      total: standing.reduce((s, r) => s + r.total, 0),
    };
  };

  const register = (fy: number): ControlRegister => {
    const list = books
      .filter((b) => b.fiscalYear === fy)
      .map((b) => {
        const used = receipts.filter((r) => r.fiscalYear === fy && r.bookNo === b.bookNo);
        const voided = used.filter((r) => r.status === 'voided').map((r) => r.number);
        const next = b.firstNo + used.length;
        const unused = Math.max(b.lastNo - next + 1, 0);
        return {
          bookNo: b.bookNo,
          firstNo: b.firstNo,
          lastNo: b.lastNo,
          deviceId: b.device,
          status: unused === 0 ? 'full' : 'open',
          issued: used.length - voided.length,
          voided: voided.length,
          unused,
          unusedRanges: unused > 0 ? [[next, b.lastNo] as [number, number]] : [],
          voidedNumbers: voided,
          missing: [] as number[],
          total: used.filter((r) => r.status === 'issued').reduce((s, r) => s + r.total, 0),
          accounted: true,
        };
      });
    return {
      fiscalYear: fy,
      books: list,
      issued: list.reduce((s, b) => s + b.issued, 0),
      voided: list.reduce((s, b) => s + b.voided, 0),
      total: list.reduce((s, b) => s + b.total, 0),
      missing: 0,
      accounted: true,
    };
  };

  const verify = (payload: string): VerifiedReceipt => {
    const text = payload.trim();
    if (!text.startsWith('SALA-R')) throw fail('validation', 'notSala');
    const parts = text.split('.');
    if (parts.length !== 4) throw fail('validation', 'malformed');
    const r = receipts.find((x) => x.payload === text);
    if (!r) throw fail('validation', 'tampered');
    if (r.status === 'voided') {
      throw fail('validation', 'voided', { book: `${r.bookNo}/${r.number}`, reason: r.voidReason ?? '' });
    }
    return {
      facts: {
        officeCode: '6310101',
        fiscalYear: r.fiscalYear,
        bookNo: r.bookNo,
        number: r.number,
        paidOn: r.paidOn,
        noticeNumber: r.noticeNumber,
        taxYear: r.taxYear,
        tax: r.tax,
        penalty: r.penalty,
        surcharge: r.surcharge,
        total: r.total,
        status: 'issued',
      },
      inDatabase: true,
      receiptId: r.id,
    };
  };

  const run = deps.asUser;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);

  const handlers: MockPayments['handlers'] = {
    tax_find_notice: run((actor, args) => {
      actor.require('useTax');
      const input = (str(args.input) ?? '').trim();
      const number = input.startsWith('|')
        ? (input.split(/[\r\n ]/)[1] ?? '')
        : input.startsWith('000201')
          ? (tag(tag(input, '30') ?? '', '02') ?? '')
          : input;
      return payable(notice(number));
    }),
    tax_payable_notices: run((actor, args) => {
      actor.require('useTax');
      return notices.filter((n) => n.taxpayerId === str(args.taxpayerId)).map(payable);
    }),
    tax_outstanding: run((actor, args) => {
      actor.require('useTax');
      return owed(notice(str(args.noticeId) ?? ''), filled(str(args.paidOn)) ?? today());
    }),
    tax_quote: run((actor, args) => {
      actor.require('useTax');
      const n = notice(str(args.noticeId) ?? '');
      return quoteFor(n, num(args.taxAmount) ?? 0, filled(str(args.paidOn)) ?? today(), args.extensionKept === true);
    }),
    tax_pay: run((actor, args) => printed(actor, takePayment(actor, args.input as PaymentInput))),
    tax_reprint_receipt: run((actor, args) => {
      actor.require('useTax');
      const r = receipts.find((x) => x.id === str(args.receiptId));
      if (!r) throw fail('notFound', 'malformed');
      return printed(actor, r);
    }),
    tax_notice_receipts: run((actor, args) => {
      actor.require('useTax');
      const ids = chain(notice(str(args.noticeId) ?? ''));
      return receipts.filter((r) => ids.includes(r.noticeId));
    }),
    tax_void_receipt: run((actor, args) => {
      actor.require('voidReceipt');
      const reason = (str(args.reason) ?? '').trim();
      if (!reason) throw fail('validation', 'voidReason');
      const r = receipts.find((x) => x.id === str(args.receiptId));
      if (!r) throw fail('notFound', 'malformed');
      const book = `${r.bookNo}/${r.number}`;
      if (r.status === 'voided') throw fail('conflict', 'voidAlready', { book });
      if (r.receivedBy === actor.id) throw fail('notPermitted', 'voidOwn', { book });
      Object.assign(r, {
        status: 'voided',
        voidReason: reason,
        voidedByName: actor.name,
        voidedAt: deps.now().toISOString(),
      });
      return r;
    }),
    tax_verify_receipt: run((_actor, args) => verify(str(args.payload) ?? '')),
    tax_cash_summary: run((actor, args) => {
      actor.require('useTax');
      return summary(filled(str(args.day)) ?? today(), str(args.userId));
    }),
    tax_print_cash_summary: run((actor, args) => {
      actor.require('useTax');
      return actor.print('report', MESSAGES.cashTitle.replace('{date}', filled(str(args.day)) ?? today()));
    }),
    tax_control_register: run((actor, args) => {
      actor.require('useTax');
      return register(num(args.fiscalYear) ?? fiscalYear(today()));
    }),
    tax_arrears: run((actor, args): Arrears => {
      actor.require('useTax');
      const asOf = filled(str(args.asOf)) ?? today();
      const lines = notices
        .filter((n) => n.taxYear === num(args.taxYear) && n.status === 'issued')
        .map((n) => owed(n, asOf))
        .map((o) => ({ o, overdue: o.instalments.filter((i) => i.unpaid > 0 && i.dueDate < asOf) }))
        .filter(({ overdue }) => overdue.length > 0)
        .map(({ o, overdue }) => {
          const unpaid = overdue.reduce((s, i) => s + i.unpaid, 0);
          const penalty = overdue.reduce((s, i) => s + i.late.penalty, 0);
          const surcharge = overdue.reduce((s, i) => s + i.late.surcharge, 0);
          return {
            noticeId: o.noticeId,
            number: o.noticeNumber,
            taxpayerId: o.taxpayerId,
            taxpayerName: o.taxpayerName,
            tax: o.tax,
            paid: o.paid,
            unpaid,
            penalty,
            surcharge,
            totalDue: unpaid + penalty + surcharge,
            monthsLate: Math.max(0, ...overdue.map((i) => i.late.months)),
          };
        })
        .sort((a, b) => b.totalDue - a.totalDue);
      return {
        taxYear: num(args.taxYear) ?? 0,
        asOf,
        lines,
        unpaid: lines.reduce((s, l) => s + l.unpaid, 0),
        totalDue: lines.reduce((s, l) => s + l.totalDue, 0),
      };
    }),
    tax_receipt_books: run((actor, args) => {
      actor.require('useTax');
      const fy = num(args.fiscalYear);
      return books.filter((b) => fy === null || b.fiscalYear === fy).map(bookView);
    }),
    tax_assign_book: run((actor, args) => {
      actor.require('manageTax');
      const [fy, bookNo, firstNo, lastNo] = [args.fiscalYear, args.bookNo, args.firstNo, args.lastNo].map(
        (v) => num(v) ?? 0,
      ) as [number, number, number, number];
      if (bookNo < 1 || firstNo < 1 || lastNo < firstNo)
        throw fail('validation', 'bookRange', { first: firstNo, last: lastNo });
      if (books.some((b) => b.fiscalYear === fy && b.bookNo === bookNo)) {
        throw fail('conflict', 'bookTaken', { book: bookNo, year: fy });
      }
      const b = { id: `book-${fy}-${bookNo}`, fiscalYear: fy, bookNo, firstNo, lastNo, device: DEVICE };
      books.push(b);
      return bookView(b);
    }),
  };

  const seedDemo = () => {
    const due = ['2026-06-30', '2026-07-31', '2026-08-31'];
    notices.push(
      {
        id: 'notice-1',
        number: '256900001',
        taxYear: 2569,
        taxpayerId: 'taxpayer-1',
        taxpayerName: 'นายบุญมี ศรีสุข',
        address: '12 หมู่ที่ 1 ตำบลบ้านสาธิต',
        tax: 900_000,
        instalments: 3,
        dueDates: due,
        status: 'issued',
      },
      {
        id: 'notice-2',
        number: '256900002',
        taxYear: 2569,
        taxpayerId: 'taxpayer-2',
        taxpayerName: 'นางสาวกาญจนา ทองดี',
        address: '45 หมู่ที่ 2 ตำบลบ้านสาธิต',
        tax: 125_050,
        instalments: 1,
        dueDates: due,
        status: 'issued',
      },
    );
    books.push(
      { id: 'book-2569-1', fiscalYear: 2569, bookNo: 1, firstNo: 1, lastNo: 500, device: DEVICE },
      { id: 'book-2570-1', fiscalYear: 2570, bookNo: 1, firstNo: 1, lastNo: 500, device: DEVICE },
    );
    // A reassessment that lowered the tax after 1,500 baht were paid: the new notice is overpaid by 500.
    const earlier: MockNotice = {
      id: 'notice-9a',
      number: '256900009',
      taxYear: 2569,
      taxpayerId: 'taxpayer-9',
      taxpayerName: 'นายสมปอง ประเมินใหม่',
      address: '9 หมู่ที่ 3 ตำบลบ้านสาธิต',
      tax: 200_000,
      instalments: 1,
      dueDates: due,
      status: 'issued',
    };
    notices.push(earlier);
    const seedActor: PaymentsActor = {
      id: 'user-demo-finance',
      name: 'นางสาวการเงิน ตัวอย่าง',
      can: () => true,
      require: () => undefined,
      print: () => {
        throw new Error('the demo seed prints nothing');
      },
    };
    const cashIn = { reference: null, payerName: null, paidOn: null, method: 'cash' as const };
    takePayment(seedActor, { ...cashIn, noticeId: earlier.id, taxAmount: 150_000 }, '2026-06-01');
    earlier.status = 'superseded';
    notices.push({ ...earlier, id: 'notice-9b', number: '256900010', tax: 100_000, status: 'issued' });
  };

  return { handlers, seedDemo };
}
