/**
 * An in-memory stand-in for the Rust backend, for `npm run dev` in a plain browser and for tests.
 *
 * It implements the same commands with the same shapes (from `src/generated`) and the same rules that the UI
 * can observe: sign-in with a password or PIN, lockout after repeated failures, idle lock, the role
 * permission table, must-change-password after a reset, masked citizen lists and an audit log that every
 * change appends to. It never pretends to be the real thing: `kind` is `mock`, and the app shows a banner
 * when it runs on it. Its demo data (`mockData.ts`) is only for the browser; the desktop app's demo office
 * comes from the Rust side.
 *
 * Like Tauri, it rejects with the plain serialized `IpcError` object, not an `Error`; hence the rules below.
 */
/* eslint-disable @typescript-eslint/only-throw-error, @typescript-eslint/prefer-promise-reject-errors */
import type { Action } from '../generated/Action';
import type { AppStatus } from '../generated/AppStatus';
import type { Area } from '../generated/Area';
import type { AuditChainStatus } from '../generated/AuditChainStatus';
import type { AuditEntryView } from '../generated/AuditEntryView';
import type { AuditFilter } from '../generated/AuditFilter';
import type { AuditFilterOptions } from '../generated/AuditFilterOptions';
import type { AuditPage } from '../generated/AuditPage';
import type { Board } from '../generated/Board';
import type { CitizenListItem } from '../generated/CitizenListItem';
import type { CitizenPersonal } from '../generated/CitizenPersonal';
import type { Destination } from '../generated/Destination';
import type { DocumentKind } from '../generated/DocumentKind';
import type { FieldChange } from '../generated/FieldChange';
import type { IpcError } from '../generated/IpcError';
import type { NewUserInput } from '../generated/NewUserInput';
import type { OfficeOverview } from '../generated/OfficeOverview';
import type { OfficeSetup } from '../generated/OfficeSetup';
import type { Paper } from '../generated/Paper';
import type { PrinterInfo } from '../generated/PrinterInfo';
import type { PrintJob } from '../generated/PrintJob';
import type { RatingPrompt } from '../generated/RatingPrompt';
import type { Role } from '../generated/Role';
import type { Route } from '../generated/Route';
import type { SecurityPolicy } from '../generated/SecurityPolicy';
import type { SecurityPolicySettings } from '../generated/SecurityPolicySettings';
import type { SessionState } from '../generated/SessionState';
import type { SessionView } from '../generated/SessionView';
import type { SignInScreen } from '../generated/SignInScreen';
import type { UserAccount } from '../generated/UserAccount';
import type { UserSummary } from '../generated/UserSummary';
import type { Backend, CommandArgs } from './backend';
import {
  DEMO_CITIZENS,
  DEMO_PASSWORD,
  DEMO_USERS,
  demoOverview,
  demoPrintJobs,
  demoPrintRoutes,
  mockMessage,
  mockPrinters,
  type MockMessageKey,
} from './mockData';
import { createMockBoard } from './mockBoard';
import { createMockQueue } from './mockQueue';
import { createMockRequests, DEMO_DIVISIONS } from './mockRequests';
import { createMockRegister } from './mockTaxRegister';
import { createMockNotices, type MockNoticeHooks } from './mockTaxNotices';
import { createMockPayments } from './mockTaxPayments';
import { checkTaxId, formatTaxId } from './taxId';

/** How to start the mock. */
export type MockOptions = {
  /** Start with the demo office already created (default: a first start, `needsSetup`). */
  withDemoOffice?: boolean;
  /** Start signed in as this user (a demo username: `admin`, `palad`, `finance`, `clerk`). */
  signedInAs?: string;
  /** The clock (default: the real one, which Vitest's fake timers also move). */
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
  /** Makes the audit chain check report `problem` from now on, as if an entry had been changed outside Sala. */
  breakAuditChain(problem: string): void;
  /** The signed-in user's session view, as `get_session` would give it (without recording a call). */
  activeSession(): SessionView | null;
  /** Makes `queue_board` answer `board` from now on (`null`: the demo office's moving picture, or empty). */
  setBoard(board: Board | null): void;
  /** Makes `queue_rating_prompt(counter)` answer `prompt` until it is rated (`null`: none). */
  setRatingPrompt(counter: number, prompt: RatingPrompt | null): void;
  /** Test hooks of the tax notices mock (a changed tax, a payment, a failing assessment). */
  readonly taxNotices: MockNoticeHooks;
};

/** Who may do what: the same table as `crates/core/src/auth/permissions.rs`. */
const PERMISSIONS: Record<Action, readonly Role[]> = {
  viewOffice: ['clerk', 'finance', 'supervisor', 'admin'],
  useQueue: ['clerk', 'finance', 'supervisor'],
  useRequests: ['clerk', 'finance', 'supervisor'],
  useTax: ['finance', 'supervisor'],
  viewReports: ['supervisor'],
  viewAuditLog: ['supervisor'],
  searchCitizens: ['clerk', 'finance', 'supervisor'],
  revealPersonalData: ['clerk', 'finance', 'supervisor'],
  manageUsers: ['admin'],
  manageSecurity: ['admin'],
  managePrinters: ['supervisor', 'admin'],
  manageQueue: ['supervisor', 'admin'],
  manageTax: ['finance', 'supervisor'],
  voidReceipt: ['supervisor'],
  manageRequestCategories: ['supervisor'],
  superviseRequests: ['supervisor'],
  exportPersonalData: ['supervisor'],
};

const ACTIONS = Object.keys(PERMISSIONS) as Action[];

const ACTION_LABELS: Record<Action, MockMessageKey> = {
  viewOffice: 'action.view_office',
  useQueue: 'action.use_queue',
  useRequests: 'action.use_requests',
  useTax: 'action.use_tax',
  viewReports: 'action.view_reports',
  viewAuditLog: 'action.view_audit_log',
  searchCitizens: 'action.search_citizens',
  revealPersonalData: 'action.reveal_personal_data',
  manageUsers: 'action.manage_users',
  manageSecurity: 'action.manage_security',
  managePrinters: 'action.manage_printers',
  manageQueue: 'action.manage_queue',
  manageTax: 'action.manage_tax',
  voidReceipt: 'action.void_receipt',
  manageRequestCategories: 'action.manage_request_categories',
  superviseRequests: 'action.supervise_requests',
  exportPersonalData: 'action.export_personal_data',
};

/** The areas in navigation order, each with the action that opens it (none: open to everyone signed in). */
const AREAS: readonly (readonly [Area, Action | null])[] = [
  ['queue', 'useQueue'],
  ['requests', 'useRequests'],
  ['tax', 'useTax'],
  ['reports', 'viewReports'],
  ['sync', null],
  ['settings', null],
];

/** Every kind of document, in core's order (`DocumentKind::ALL`), with its name for messages. */
const DOCUMENT_KINDS: Record<DocumentKind, MockMessageKey> = {
  queue_slip: 'msg.document.queue_slip',
  request_slip: 'msg.document.request_slip',
  tax_notice: 'msg.document.tax_notice',
  receipt: 'msg.document.receipt',
  report: 'msg.document.report',
  test_page: 'msg.document.test_page',
};

const KINDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

/** The paper a kind gets until someone chooses (core's `DocumentKind::default_paper`). */
const DEFAULT_PAPER: Record<DocumentKind, Paper> = {
  queue_slip: '80mm',
  request_slip: '80mm',
  tax_notice: 'a4',
  receipt: 'a5',
  report: 'a4',
  test_page: 'a4',
};

/** How many jobs `list_print_jobs` returns (core's limit). */
const PRINT_JOBS_LIMIT = 100;

const ROLE_ORDER: Record<Role, number> = { admin: 0, supervisor: 1, finance: 2, clerk: 3 };

const DEFAULT_POLICY: SecurityPolicy = { maxFailures: 5, lockMinutes: 5, idleLockMinutes: 10 };
/** The ranges core's `auth::POLICY_MIN` / `POLICY_MAX` accept (the mock stands in for core). */
const POLICY_MIN: SecurityPolicy = { maxFailures: 3, lockMinutes: 1, idleLockMinutes: 1 };
const POLICY_MAX: SecurityPolicy = { maxFailures: 10, lockMinutes: 60, idleLockMinutes: 240 };

/** The office's time zone (Thailand has no daylight saving time). */
const OFFICE_OFFSET_MS = 7 * 60 * 60 * 1000;

const MINUTE_MS = 60 * 1000;

type MockUser = {
  summary: UserSummary;
  password: string;
  pin: string | null;
  active: boolean;
  mustChangePassword: boolean;
};

type Token = { userId: string; lastActivity: number; locked: boolean };

type Failures = { failures: number; lockedUntil: number | null };

type MockCitizen = {
  id: string;
  fullName: string;
  thaiId: string;
  phone: string;
  address: string;
  restricted: boolean;
};

/** A print job as the mock keeps it: the job, who printed it, and its order of creation. */
type MockPrintJob = { seq: number; userId: string; job: Omit<PrintJob, 'userName'> };

type Entry = {
  seq: number;
  at: number;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: FieldChange[];
};

type Handler = (args: CommandArgs | undefined) => unknown;

/** Creates a fresh mock backend with its own state. */
export function createMockBackend(options: MockOptions = {}): MockBackend {
  const now = options.now ?? (() => new Date());
  const calls: MockCall[] = [];
  const failures = new Map<string, IpcError>();
  let statusPatch: Partial<AppStatus> = {};
  let overview: OfficeOverview | null = null;
  let demo = false;
  let outbox: string[] = [];
  const users = new Map<string, MockUser>();
  const signInFailures = new Map<string, Failures>();
  let token: Token | null = null;
  let policy: SecurityPolicy = { ...DEFAULT_POLICY };
  let citizens: MockCitizen[] = [];
  const log: Entry[] = [];
  let chainProblem: string | null = null;
  // This PC's printing: its CUPS queues (the same on every start), routes, and print jobs.
  const printers: PrinterInfo[] = mockPrinters();
  const routes = new Map<DocumentKind, Route>(KINDS.map((kind) => [kind, defaultRoute(kind)]));
  let printJobs: MockPrintJob[] = [];

  const nowMs = () => now().getTime();

  // ---- audit log ----

  const audit = (actorId: string | null, entity: string, entityId: string, action: string, changes: FieldChange[]) => {
    log.push({ seq: log.length + 1, at: nowMs(), actorId, entity, entityId, action, changes });
  };

  const auditInsert = (actorId: string | null, entity: string, entityId: string, row: Record<string, Scalar>) => {
    audit(actorId, entity, entityId, 'insert', detailChanges(row));
  };

  const auditUpdate = (
    actorId: string | null,
    entity: string,
    entityId: string,
    fields: Record<string, readonly [Scalar, Scalar]>,
  ) => {
    const changes = Object.keys(fields)
      .sort()
      .map((field) => {
        const [before, after] = fields[field] ?? [null, null];
        return { field, before: text(before), after: text(after) };
      });
    audit(actorId, entity, entityId, 'update', changes);
  };

  // ---- users and sessions ----

  const listUsers = (): MockUser[] =>
    [...users.values()].sort(
      (a, b) =>
        Number(b.active) - Number(a.active) ||
        ROLE_ORDER[a.summary.role] - ROLE_ORDER[b.summary.role] ||
        a.summary.username.localeCompare(b.summary.username),
    );

  const findUser = (id: unknown): MockUser => {
    const user = typeof id === 'string' ? users.get(id) : undefined;
    if (!user) throw fail('notFound', 'error.user.not_found');
    return user;
  };

  const addUser = (actorId: string | null, user: MockUser) => {
    users.set(user.summary.id, user);
    auditInsert(actorId, 'app_user', user.summary.id, {
      username: user.summary.username,
      display_name: user.summary.displayName,
      role: user.summary.role,
      password_hash: '[redacted]',
      pin_hash: user.pin === null ? null : '[redacted]',
      must_change_password: Number(user.mustChangePassword),
      active: 1,
    });
  };

  const allowed = (user: MockUser, action: Action) =>
    !user.mustChangePassword && PERMISSIONS[action].includes(user.summary.role);

  const requirePasswordCurrent = (user: MockUser) => {
    if (user.mustChangePassword) throw fail('notPermitted', 'error.session.must_change_password');
  };

  const require = (user: MockUser, action: Action) => {
    requirePasswordCurrent(user);
    if (!allowed(user, action)) {
      throw fail('notPermitted', 'error.not_permitted', { action: mockMessage(ACTION_LABELS[action]) });
    }
  };

  const view = (user: MockUser): SessionView => ({
    user: user.summary,
    areas: AREAS.filter(([, action]) => !user.mustChangePassword && (action === null || allowed(user, action))).map(
      ([area]) => area,
    ),
    permissions: ACTIONS.filter((action) => allowed(user, action)),
    mustChangePassword: user.mustChangePassword,
    hasPin: user.pin !== null,
    idleLockMinutes: policy.idleLockMinutes,
  });

  /** The token's user, or why not; locks an idle token on the way. Does not count as activity. */
  const check = (): MockUser => {
    if (!token) throw fail('signInRequired', 'error.session.none');
    if (token.locked) throw fail('signInRequired', 'error.session.locked');
    if (nowMs() - token.lastActivity > policy.idleLockMinutes * MINUTE_MS) {
      token.locked = true;
      throw fail('signInRequired', 'error.session.idle');
    }
    const user = users.get(token.userId);
    if (!user?.active) throw fail('signInRequired', 'error.session.ended');
    return user;
  };

  /** This call's acting user: checked, and the call counts as activity (like the shell's `resume`). */
  const resume = (): MockUser => {
    const user = check();
    if (token) token.lastActivity = Math.max(token.lastActivity, nowMs());
    return user;
  };

  const sessionState = (): SessionState => {
    if (!token) return { active: null, locked: null };
    try {
      return { active: view(check()), locked: null };
    } catch {
      const user = users.get(token.userId);
      return { active: null, locked: token.locked && user ? user.summary : null };
    }
  };

  const startSession = (user: MockUser) => {
    token = { userId: user.summary.id, lastActivity: nowMs(), locked: false };
  };

  const signIn = (username: string, secret: string): SessionView => {
    const name = username.trim();
    if (name === '' || secret === '') throw fail('signInFailed', 'error.auth.empty');
    const user = [...users.values()].find((u) => u.summary.username === name);
    if (!user) {
      audit(null, 'app_user', '', 'sign_in_failed', detailChanges({ username: name }));
      throw fail('signInFailed', 'error.auth.invalid');
    }
    const id = user.summary.id;
    const record = signInFailures.get(id) ?? { failures: 0, lockedUntil: null };
    if (record.lockedUntil !== null && record.lockedUntil > nowMs()) {
      throw fail('signInFailed', 'error.auth.locked', { minutes: minutesLeft(record.lockedUntil, nowMs()) });
    }
    const pin = isPin(secret);
    const method = pin ? 'pin' : 'password';
    const ok = pin ? user.pin !== null && user.pin === secret : user.password === secret;
    if (!ok) {
      const count = record.failures + 1;
      if (count >= policy.maxFailures) {
        const until = nowMs() + policy.lockMinutes * MINUTE_MS;
        signInFailures.set(id, { failures: 0, lockedUntil: until });
        audit(
          null,
          'app_user',
          id,
          'account_locked',
          detailChanges({ method, failures: count, locked_until: new Date(until).toISOString() }),
        );
        throw fail('signInFailed', 'error.auth.locked', { minutes: policy.lockMinutes });
      }
      signInFailures.set(id, { failures: count, lockedUntil: null });
      audit(null, 'app_user', id, 'sign_in_failed', detailChanges({ method, failures: count }));
      throw fail('signInFailed', 'error.auth.invalid_tries', { tries: policy.maxFailures - count });
    }
    signInFailures.delete(id);
    if (!user.active) {
      audit(null, 'app_user', id, 'sign_in_failed', detailChanges({ inactive: true, method }));
      throw fail('signInFailed', 'error.auth.inactive');
    }
    audit(id, 'app_user', id, 'sign_in', detailChanges({ method }));
    startSession(user);
    return view(user);
  };

  const keepAnAdmin = (changing: MockUser) => {
    if (changing.summary.role !== 'admin') return;
    const others = [...users.values()].filter(
      (u) => u.summary.role === 'admin' && u.active && u.summary.id !== changing.summary.id,
    );
    if (others.length === 0) throw fail('conflict', 'error.user.last_admin');
  };

  // ---- office ----

  const status = (): AppStatus => ({
    needsSetup: overview === null,
    office: overview?.office ?? null,
    session: sessionState(),
    outboxPending: outbox.length,
    oldestPendingAt: outbox[0] ?? null,
    online: false,
    syncEndpoint: null,
    today: localIsoDate(now()),
    demo,
    ...statusPatch,
  });

  const createDemo = (): AppStatus => {
    if (overview) throw fail('conflict', 'error.office.exists');
    overview = demoOverview();
    demo = true;
    auditInsert(null, 'office', overview.office.id, {
      code: overview.office.code,
      name: overview.office.name,
      is_demo: 1,
    });
    for (const counter of overview.counters) {
      auditInsert(null, 'counter', counter.id, { number: counter.number, name: counter.name });
    }
    for (const [id, username, displayName, role, pin] of DEMO_USERS) {
      addUser(null, {
        summary: { id, username, displayName, role },
        password: DEMO_PASSWORD,
        pin,
        active: true,
        mustChangePassword: false,
      });
    }
    citizens = DEMO_CITIZENS.map(([thaiId, title, first, last, phone, address, restricted], i) => ({
      id: `citizen-${String(i + 1)}`,
      fullName: `${title}${first} ${last}`,
      thaiId,
      phone,
      address,
      restricted,
    }));
    for (const c of citizens) {
      auditInsert(null, 'citizen', c.id, {
        full_name: c.fullName,
        thai_id: maskThaiId(c.thaiId),
        confidentiality: c.restricted ? 'restricted' : 'internal',
      });
    }
    for (const route of demoPrintRoutes()) routes.set(route.kind, route);
    queue.seedDemo(overview);
    for (const [userId, code] of DEMO_DIVISIONS) divisions.set(userId, code);
    requestsMock.seedDemo();
    register.seedDemo();
    payments.seedDemo();
    notices.seedDemo();
    printJobs = demoPrintJobs(nowMs()).map((j, i) => ({ ...j, seq: i + 1 }));
    return status();
  };

  const setup = (input: OfficeSetup): AppStatus => {
    if (overview) throw fail('conflict', 'error.office.exists');
    validateSetup(input);
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
      users: [],
      citizenCount: 0,
      parcelCount: 0,
    };
    demo = false;
    auditInsert(null, 'office', overview.office.id, { code: overview.office.code, name: overview.office.name });
    const admin: MockUser = {
      summary: {
        id: 'user-1',
        username: input.admin.username.trim(),
        displayName: input.admin.displayName.trim(),
        role: 'admin',
      },
      password: input.admin.password,
      pin: null,
      active: true,
      mustChangePassword: false,
    };
    addUser(null, admin);
    // The wizard signs the new administrator in: they typed the password a moment ago.
    startSession(admin);
    // The office, each counter and the admin are new rows waiting for the first sync.
    const at = now().toISOString();
    outbox = Array.from({ length: input.counters.length + 2 }, () => at);
    return status();
  };

  // ---- printing ----

  const printJobView = (j: MockPrintJob): PrintJob => ({
    ...j.job,
    userName: users.get(j.userId)?.summary.displayName ?? null,
  });

  /** Core's `print::jobs`: the user's own, or everyone's for those who manage printers; newest first. */
  const listJobs = (user: MockUser, problemsOnly: boolean): PrintJob[] => {
    const everyone = allowed(user, 'managePrinters');
    const reprintedOk = new Set(
      printJobs.filter((j) => j.job.status === 'sent' && j.job.reprintOf !== null).map((j) => j.job.reprintOf),
    );
    return printJobs
      .filter((j) => everyone || j.userId === user.summary.id)
      .filter((j) => !problemsOnly || (j.job.status !== 'sent' && !reprintedOk.has(j.job.id)))
      .sort((a, b) => b.job.createdAt.localeCompare(a.job.createdAt) || b.seq - a.seq)
      .slice(0, PRINT_JOBS_LIMIT)
      .map(printJobView);
  };

  /**
   * Records a job and "prints" it. The mock's printers behave like the demo's: the thermal printer and the
   * A4 laser print; the stopped A5 printer, a queue that is not there, or no printer at all fail with core's
   * reasons. A reprint (`reprintOf`) always prints when the kind has a printer: the mock takes the problem
   * as fixed.
   */
  const printJob = (user: MockUser, kind: DocumentKind, title: string, reprintOf: string | null): PrintJob => {
    const route = routes.get(kind) ?? defaultRoute(kind);
    const destination = route.destination;
    const seq = printJobs.length + 1;
    const at = now().toISOString();
    let outcome: Pick<PrintJob, 'status' | 'reason' | 'spoolJob'> = { status: 'sent', reason: null, spoolJob: null };
    const failed = (key: MockMessageKey, params?: Readonly<Record<string, string>>) => {
      outcome = { status: 'failed', reason: mockMessage(key, params), spoolJob: null };
    };
    if (destination === null) {
      failed('error.print.no_printer', { kind: mockMessage(DOCUMENT_KINDS[kind]) });
    } else if (destination.type === 'cups') {
      const printer = printers.find((p) => p.name === destination.printer);
      const detail =
        printer?.stateMessage === 'Media jam' ? 'error.print.reason.paper_jam' : 'error.print.reason.unknown';
      if (reprintOf !== null) outcome.spoolJob = `${destination.printer}-${String(100 + seq)}`;
      else if (!printer) failed('error.print.printer_not_found', { printer: destination.printer });
      else if (printer.state === 'stopped') {
        failed('error.print.printer_stopped', { printer: printer.name, detail: mockMessage(detail) });
      } else if (!printer.accepting) {
        failed('error.print.not_accepting', { printer: printer.name, detail: mockMessage(detail) });
      } else outcome.spoolJob = `${printer.name}-${String(100 + seq)}`;
    }
    const record: MockPrintJob = {
      seq,
      userId: user.summary.id,
      job: {
        id: `job-${String(seq)}`,
        kind,
        title,
        paper: route.paper,
        destination: destination === null ? '' : destinationLabel(destination),
        reprintOf,
        createdAt: at,
        updatedAt: at,
        ...outcome,
      },
    };
    printJobs.push(record);
    auditInsert(user.summary.id, 'print_job', record.job.id, {
      kind,
      title,
      paper: record.job.paper,
      destination: record.job.destination,
      status: record.job.status,
      reprint_of: reprintOf,
      user_id: user.summary.id,
    });
    return printJobView(record);
  };

  /** Core's `print::set_route` checks, in its order; returns the route as it is stored. */
  const checkRoute = (input: Route): Route => {
    if (!Object.hasOwn(DOCUMENT_KINDS, input.kind))
      throw ipcError('internal', `mock backend: unknown kind ${input.kind}`);
    let destination: Destination | null = input.destination;
    if (destination?.type === 'cups') {
      const printer = destination.printer.trim();
      if (printer === '') throw fail('validation', 'error.print.printer_required');
      destination = { type: 'cups', printer };
    } else if (destination?.type === 'escpos') {
      destination = { type: 'escpos', target: parseEscposTarget(destination.target) };
      if (input.paper !== '80mm' && input.paper !== '58mm') throw fail('validation', 'error.print.escpos_needs_roll');
    }
    if (input.openDrawer && destination?.type !== 'escpos') throw fail('validation', 'error.print.drawer_needs_escpos');
    return { kind: input.kind, destination, paper: input.paper, cut: input.cut, openDrawer: input.openDrawer };
  };

  const visibleTo = (user: MockUser) => (c: MockCitizen) => !c.restricted || user.summary.role === 'supervisor';

  // ---- commands ----

  /** A command that needs a signed-in user (the shell's `run_as`). */
  const asUser =
    (f: (user: MockUser, args: CommandArgs) => unknown): Handler =>
    (args) =>
      f(resume(), args ?? {});

  const queue = createMockQueue({
    now,
    asUser: (f) =>
      asUser((user, args) =>
        f(
          {
            id: user.summary.id,
            name: user.summary.displayName,
            can: (action) => allowed(user, action),
            require: (action) => require(user, action),
            printSlip: (title) => printJob(user, 'queue_slip', title, null),
          },
          args,
        ),
      ),
  });

  /** Each user's division (`app_user.department_id` as a department code). */
  const divisions = new Map<string, string | null>();

  const requestsMock = createMockRequests({
    now,
    asUser: (f) =>
      asUser((user, args) =>
        f(
          {
            id: user.summary.id,
            name: user.summary.displayName,
            division: divisions.get(user.summary.id) ?? null,
            can: (action) => allowed(user, action),
            require: (action) => require(user, action),
            printSlip: (title) => printJob(user, 'request_slip', title, null),
          },
          args,
        ),
      ),
    divisions: () => (overview?.departments ?? []).map((d) => ({ code: d.code, nameTh: d.nameTh })),
    staff: () =>
      listUsers()
        .filter((u) => u.active && u.summary.role !== 'admin')
        .map((u) => ({
          id: u.summary.id,
          displayName: u.summary.displayName,
          departmentCode: divisions.get(u.summary.id) ?? null,
        })),
    citizen: (id) => {
      const c = citizens.find((it) => it.id === id);
      return c ? { id: c.id, fullName: c.fullName, phone: c.phone, address: c.address } : null;
    },
  });

  const payments = createMockPayments({
    now,
    asUser: (f) =>
      asUser((user, args) =>
        f(
          {
            id: user.summary.id,
            name: user.summary.displayName,
            can: (action) => allowed(user, action),
            require: (action) => require(user, action),
            print: (kind, title) => printJob(user, kind, title, null),
          },
          args,
        ),
      ),
  });

  const register = createMockRegister({
    asUser: (f) => asUser((user, args) => f({ require: (action) => require(user, action) }, args)),
  });

  const notices = createMockNotices({
    asUser: (f) =>
      asUser((user, args) =>
        f(
          {
            can: (action) => allowed(user, action),
            require: (action) => require(user, action),
            print: (title) => printJob(user, 'tax_notice', title, null),
          },
          args,
        ),
      ),
  });

  // The display board and the customer screens need no sign-in (the shell's `run`).
  const board = createMockBoard({
    now,
    overview: () => overview,
    fail: (code, what, value) =>
      what === 'counter'
        ? fail(code, 'error.queue.counter_unknown', { counter: value })
        : what === 'score'
          ? fail(code, 'error.queue.rating', { input: value })
          : fail(code, 'error.queue.nothing_to_rate', { counter: value }),
  });

  const handlers: Record<string, Handler> = {
    ...queue.handlers,
    ...requestsMock.handlers,
    ...register.handlers,
    ...payments.handlers,
    ...notices.handlers,
    ...board.handlers,
    get_app_status: () => status(),
    set_language: () => null,
    create_demo_office: () => createDemo(),
    setup_office: (args) => setup(args?.setup as OfficeSetup),
    get_office_overview: asUser((user) => {
      require(user, 'viewOffice');
      if (!overview) throw fail('notFound', 'error.office.missing');
      return {
        ...overview,
        users: listUsers().map((u) => u.summary),
        citizenCount: citizens.filter(visibleTo(user)).length,
      } satisfies OfficeOverview;
    }),

    get_sign_in_screen: (): SignInScreen => ({
      office: overview?.office ?? null,
      demoAccounts: overview?.office.isDemo
        ? DEMO_USERS.map(([, username, displayName, role, pin]) => ({
            username,
            displayName,
            role,
            password: DEMO_PASSWORD,
            pin,
          }))
        : [],
    }),
    get_session: () => sessionState(),
    sign_in: (args) => signIn(str(args, 'username'), str(args, 'secret')),
    sign_out: () => {
      if (token) audit(token.userId, 'app_user', token.userId, 'sign_out', []);
      token = null;
      return null;
    },
    lock_session: () => {
      if (token) token.locked = true;
      return null;
    },
    touch_session: asUser(() => null),
    open_area: asUser((user, args) => {
      const area = AREAS.find(([id]) => id === args.area);
      if (!area) throw ipcError('internal', `mock backend: unknown area ${String(args.area)}`);
      if (area[1] === null) requirePasswordCurrent(user);
      else require(user, area[1]);
      return null;
    }),

    change_own_password: asUser((user, args) => {
      const current = str(args, 'current');
      const next = str(args, 'newPassword');
      if (current !== user.password) throw fail('validation', 'error.user.current_password');
      checkPassword(next);
      if (next === current) throw fail('validation', 'error.user.password_same');
      const before = user.mustChangePassword;
      user.password = next;
      user.mustChangePassword = false;
      auditUpdate(user.summary.id, 'app_user', user.summary.id, {
        password_hash: ['[redacted]', '[redacted]'],
        ...(before ? { must_change_password: [1, 0] as const } : {}),
      });
      return view(user);
    }),
    set_own_pin: asUser((user, args) => {
      requirePasswordCurrent(user);
      if (str(args, 'currentPassword') !== user.password) throw fail('validation', 'error.user.current_password');
      const pin = typeof args.pin === 'string' ? args.pin : null;
      if (pin !== null) checkPin(pin);
      const had = user.pin !== null;
      user.pin = pin;
      auditUpdate(user.summary.id, 'app_user', user.summary.id, {
        pin_hash: [had ? '[redacted]' : null, pin === null ? null : '[redacted]'],
      });
      return view(user);
    }),

    list_user_accounts: asUser((user): UserAccount[] => {
      require(user, 'manageUsers');
      return listUsers().map((u) => {
        const lockedUntil = signInFailures.get(u.summary.id)?.lockedUntil ?? null;
        return {
          ...u.summary,
          active: u.active,
          hasPin: u.pin !== null,
          mustChangePassword: u.mustChangePassword,
          lockedUntil: lockedUntil !== null && lockedUntil > nowMs() ? new Date(lockedUntil).toISOString() : null,
          departmentCode: divisions.get(u.summary.id) ?? null,
        };
      });
    }),
    create_user: asUser((user, args) => {
      require(user, 'manageUsers');
      const input = args.input as NewUserInput;
      const username = input.username.trim();
      if (!/^[a-z0-9._]{3,32}$/.test(username)) throw fail('validation', 'error.user.username', { input: username });
      if (input.displayName.trim() === '') throw fail('validation', 'error.user.display_name');
      checkPassword(input.password);
      if ([...users.values()].some((u) => u.summary.username === username)) {
        throw fail('conflict', 'error.user.taken', { input: username });
      }
      const created: MockUser = {
        summary: {
          id: `user-${String(users.size + 1)}-${username}`,
          username,
          displayName: input.displayName.trim(),
          role: input.role,
        },
        password: input.password,
        pin: null,
        active: true,
        mustChangePassword: true,
      };
      addUser(user.summary.id, created);
      return created.summary;
    }),
    reset_user_password: asUser((user, args) => {
      require(user, 'manageUsers');
      const target = findUser(args.userId);
      const password = str(args, 'newPassword');
      checkPassword(password);
      auditUpdate(user.summary.id, 'app_user', target.summary.id, {
        password_hash: ['[redacted]', '[redacted]'],
        ...(target.pin !== null ? { pin_hash: ['[redacted]', null] as const } : {}),
        ...(!target.mustChangePassword ? { must_change_password: [0, 1] as const } : {}),
      });
      target.password = password;
      target.pin = null;
      target.mustChangePassword = true;
      signInFailures.delete(target.summary.id);
      return null;
    }),
    set_user_active: asUser((user, args) => {
      require(user, 'manageUsers');
      const target = findUser(args.userId);
      const active = args.active === true;
      if (!active) {
        if (target.summary.id === user.summary.id) throw fail('conflict', 'error.user.deactivate_self');
        keepAnAdmin(target);
      }
      if (target.active !== active) {
        auditUpdate(user.summary.id, 'app_user', target.summary.id, {
          active: [Number(target.active), Number(active)],
        });
        target.active = active;
      }
      return null;
    }),
    user_set_department: asUser((user, args) => {
      require(user, 'manageUsers');
      const target = findUser(args.userId);
      const code = typeof args.departmentCode === 'string' && args.departmentCode !== '' ? args.departmentCode : null;
      if (code !== null && !(overview?.departments ?? []).some((d) => d.code === code)) {
        throw { code: 'validation', message: `ไม่พบกอง/สำนัก รหัส "${code}" โปรดเลือกจากรายการ` } satisfies IpcError;
      }
      divisions.set(target.summary.id, code);
      return null;
    }),
    set_user_role: asUser((user, args) => {
      require(user, 'manageUsers');
      const target = findUser(args.userId);
      const role = args.role as Role;
      if (role !== 'admin') keepAnAdmin(target);
      if (target.summary.role !== role) {
        auditUpdate(user.summary.id, 'app_user', target.summary.id, { role: [target.summary.role, role] });
        target.summary = { ...target.summary, role };
      }
      return null;
    }),
    get_security_policy: asUser((user): SecurityPolicySettings => {
      require(user, 'manageSecurity');
      return { policy, min: POLICY_MIN, max: POLICY_MAX };
    }),
    set_security_policy: asUser((user, args): SecurityPolicySettings => {
      require(user, 'manageSecurity');
      const next = args.policy as SecurityPolicy;
      const ranges: readonly (readonly [number, number, number, MockMessageKey])[] = [
        [next.maxFailures, POLICY_MIN.maxFailures, POLICY_MAX.maxFailures, 'setting.auth.max_failures'],
        [next.lockMinutes, POLICY_MIN.lockMinutes, POLICY_MAX.lockMinutes, 'setting.auth.lock_minutes'],
        [
          next.idleLockMinutes,
          POLICY_MIN.idleLockMinutes,
          POLICY_MAX.idleLockMinutes,
          'setting.auth.idle_lock_minutes',
        ],
      ];
      for (const [value, min, max, label] of ranges) {
        if (!Number.isInteger(value) || value < min || value > max) {
          throw fail('validation', 'error.policy.range', { setting: mockMessage(label), min, max, input: value });
        }
      }
      const old = policy;
      policy = { maxFailures: next.maxFailures, lockMinutes: next.lockMinutes, idleLockMinutes: next.idleLockMinutes };
      const changed = (Object.keys(policy) as (keyof SecurityPolicy)[]).filter((k) => old[k] !== policy[k]);
      if (changed.length > 0) {
        audit(
          user.summary.id,
          'setting',
          'auth',
          'setting',
          changed.sort().map((field) => ({ field, before: String(old[field]), after: String(policy[field]) })),
        );
      }
      return { policy, min: POLICY_MIN, max: POLICY_MAX };
    }),

    browse_audit: asUser((user, args): AuditPage => {
      require(user, 'viewAuditLog');
      const filter = (args.filter ?? {}) as Partial<AuditFilter>;
      const from = filter.from ?? null;
      const to = filter.to ?? null;
      if (from !== null && to !== null && from > to) throw fail('validation', 'error.audit.dates');
      const limit = Math.min(200, Math.max(1, filter.limit ?? 50));
      const before = filter.beforeSeq ?? null;
      const matching = log
        .filter((e) => {
          const day = officeTimestamp(e.at).slice(0, 10);
          if (from !== null && day < from) return false;
          if (to !== null && day > to) return false;
          if (filter.actorId === 'system' && e.actorId !== null) return false;
          if (filter.actorId && filter.actorId !== 'system' && e.actorId !== filter.actorId) return false;
          if (filter.entity && e.entity !== filter.entity) return false;
          if (filter.action && e.action !== filter.action) return false;
          return before === null || e.seq < before;
        })
        .reverse()
        .slice(0, limit + 1);
      const more = matching.length > limit;
      const entries = matching.slice(0, limit).map((e): AuditEntryView => ({
        seq: e.seq,
        at: officeTimestamp(e.at),
        actor: e.actorId === null ? null : (users.get(e.actorId)?.summary ?? null),
        deviceId: 'device-mock',
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        changes: e.changes,
      }));
      const last = entries[entries.length - 1];
      return { entries, nextBeforeSeq: more && last ? last.seq : null };
    }),
    get_audit_filter_options: asUser((user): AuditFilterOptions => {
      require(user, 'viewAuditLog');
      return {
        users: listUsers().map((u) => u.summary),
        entities: [...new Set(log.map((e) => e.entity))].sort(),
        actions: [...new Set(log.map((e) => e.action))].sort(),
      };
    }),
    get_audit_chain_status: asUser((user): AuditChainStatus => {
      require(user, 'viewAuditLog');
      return { entries: log.length, intact: chainProblem === null, problem: chainProblem };
    }),

    list_printers: asUser((user): PrinterInfo[] => {
      require(user, 'managePrinters');
      return printers;
    }),
    get_print_routes: asUser((): Route[] => KINDS.map((kind) => routes.get(kind) ?? defaultRoute(kind))),
    set_print_route: asUser((user, args): Route[] => {
      require(user, 'managePrinters');
      const route = checkRoute(args.route as Route);
      const old = routes.get(route.kind) ?? defaultRoute(route.kind);
      if (JSON.stringify(old) !== JSON.stringify(route)) {
        routes.set(route.kind, route);
        audit(user.summary.id, 'setting', `print.route.${route.kind}`, 'setting', [
          { field: 'route', before: JSON.stringify(old), after: JSON.stringify(route) },
        ]);
      }
      return KINDS.map((kind) => routes.get(kind) ?? defaultRoute(kind));
    }),
    print_test_page: asUser((user, args): PrintJob => {
      require(user, 'managePrinters');
      const kind = args.kind as DocumentKind;
      if (!Object.hasOwn(DOCUMENT_KINDS, kind)) throw ipcError('internal', `mock backend: unknown kind ${kind}`);
      return printJob(user, kind, 'Sala test page', null);
    }),
    list_print_jobs: asUser((user, args): PrintJob[] => listJobs(user, args.problemsOnly === true)),
    reprint_job: asUser((user, args): PrintJob => {
      const original = printJobs.find((j) => j.job.id === args.id);
      if (!original) throw fail('notFound', 'error.print.job_not_found');
      if (original.userId !== user.summary.id) require(user, 'managePrinters');
      return printJob(user, original.job.kind, original.job.title, original.job.id);
    }),
    // Nothing in the mock is ever left queued or half-sent, so there is nothing to bring up to date.
    refresh_print_jobs: asUser((user): PrintJob[] => listJobs(user, true)),

    search_citizens: asUser((user, args): CitizenListItem[] => {
      require(user, 'searchCitizens');
      const query = str(args, 'query').trim();
      if (query === '') return [];
      const compact = query.replace(/[\s-]/g, '');
      const digits = /^\d+$/.test(compact);
      return citizens
        .filter(visibleTo(user))
        .filter((c) =>
          digits
            ? c.thaiId.includes(compact) || c.phone.replace(/\D/g, '').includes(compact)
            : c.fullName.includes(query),
        )
        .map((c) => ({
          id: c.id,
          fullName: c.fullName,
          thaiIdMasked: maskThaiId(c.thaiId),
          phoneMasked: c.phone === '' ? null : maskPhone(c.phone),
          address: c.address,
          restricted: c.restricted,
        }));
    }),
    reveal_citizen: asUser((user, args): CitizenPersonal => {
      require(user, 'revealPersonalData');
      const citizen = citizens.filter(visibleTo(user)).find((c) => c.id === args.citizenId);
      if (!citizen) throw fail('notFound', 'error.citizen.not_found');
      const fields = [citizen.thaiId && 'thai_id', citizen.phone && 'phone'].filter(Boolean);
      audit(user.summary.id, 'citizen', citizen.id, 'reveal', [
        { field: 'fields', before: null, after: JSON.stringify(fields) },
      ]);
      return {
        id: citizen.id,
        thaiId: formatTaxId(citizen.thaiId),
        phone: citizen.phone === '' ? null : citizen.phone,
      };
    }),
  };

  if (options.withDemoOffice) createDemo();
  if (options.signedInAs !== undefined) {
    const user = [...users.values()].find((u) => u.summary.username === options.signedInAs);
    if (!user) throw new Error(`mock backend: no user ${options.signedInAs}`);
    audit(user.summary.id, 'app_user', user.summary.id, 'sign_in', detailChanges({ method: 'password' }));
    startSession(user);
  }

  return {
    kind: 'mock',
    calls,
    taxNotices: notices.hooks,
    failNext(cmd, error) {
      failures.set(cmd, error);
    },
    patchStatus(patch) {
      statusPatch = { ...statusPatch, ...patch };
    },
    breakAuditChain(problem) {
      chainProblem = problem;
    },
    setBoard(next) {
      board.setBoard(next);
    },
    setRatingPrompt(counter, prompt) {
      board.setRatingPrompt(counter, prompt);
    },
    activeSession() {
      return sessionState().active;
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

type Scalar = string | number | boolean | null;

function ipcError(code: IpcError['code'], message: string): IpcError {
  return { code, message };
}

function fail(
  code: IpcError['code'],
  key: MockMessageKey,
  params?: Readonly<Record<string, string | number>>,
): IpcError {
  return ipcError(code, mockMessage(key, params));
}

/** An event's details as the log shows them: one field per key, its value after. */
function detailChanges(details: Record<string, Scalar>): FieldChange[] {
  return Object.keys(details)
    .sort()
    .map((field) => ({ field, before: null, after: text(details[field] ?? null) }));
}

/** A string argument, or `''` when it is missing or not a string. */
function str(args: CommandArgs | undefined, key: string): string {
  const value = args?.[key];
  return typeof value === 'string' ? value : '';
}

function text(value: Scalar): string | null {
  return value === null ? null : String(value);
}

function isPin(secret: string): boolean {
  return /^\d{6}$/.test(secret);
}

function checkPassword(password: string): void {
  if (Array.from(password).length < 8) throw fail('validation', 'error.user.password_short', { min: 8 });
}

function checkPin(pin: string): void {
  if (!isPin(pin)) throw fail('validation', 'error.user.pin_format');
  const digits = Array.from(pin, Number);
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  const first = steps[0] ?? 0;
  if (steps.every((s) => s === first) && Math.abs(first) <= 1) throw fail('validation', 'error.user.pin_weak');
}

function minutesLeft(until: number, at: number): number {
  return Math.max(1, Math.floor((until - at) / MINUTE_MS) + 1);
}

/** `1-2345-xxxxx-xx-1`. */
function maskThaiId(digits: string): string {
  return /^\d{13}$/.test(digits)
    ? `${digits.slice(0, 1)}-${digits.slice(1, 5)}-xxxxx-xx-${digits.slice(12)}`
    : 'x'.repeat(13);
}

/** `0812345678` → `08x-xxx-5678`. */
function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return 'x'.repeat(Math.max(3, digits.length));
  return `${digits.slice(0, 2)}x-xxx-${digits.slice(-4)}`;
}

/** RFC 3339 in the office's zone, as the backend gives audit times: `2026-11-24T09:15:07+07:00`. */
function officeTimestamp(ms: number): string {
  const local = new Date(ms + OFFICE_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${String(local.getUTCFullYear())}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())}` +
    `T${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}+07:00`
  );
}

function defaultRoute(kind: DocumentKind): Route {
  return { kind, destination: null, paper: DEFAULT_PAPER[kind], cut: true, openDrawer: false };
}

/** How a job records its printer: `cups:NAME` or `escpos:ADDRESS`. */
function destinationLabel(destination: Destination): string {
  return destination.type === 'cups' ? `cups:${destination.printer}` : `escpos:${destination.target}`;
}

/** Core's `escpos::parse_target`: `tcp://HOST[:PORT]` (9100 by default) or a device path; returns it normalized. */
function parseEscposTarget(input: string): string {
  const text = input.trim();
  const bad = () => fail('validation', 'error.print.target_invalid', { input });
  if (text.startsWith('tcp://')) {
    let rest = text.slice('tcp://'.length);
    if (rest.endsWith('/')) rest = rest.slice(0, -1);
    let host: string;
    let port: string | undefined;
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close < 0) throw bad();
      host = rest.slice(1, close);
      const after = rest.slice(close + 1);
      if (after !== '' && !after.startsWith(':')) throw bad();
      port = after === '' ? undefined : after.slice(1);
    } else {
      const colon = rest.indexOf(':');
      host = colon < 0 ? rest : rest.slice(0, colon);
      port = colon < 0 ? undefined : rest.slice(colon + 1);
    }
    const number = port === undefined ? 9100 : /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(number >= 1 && number <= 65535)) throw bad();
    if (host === '' || /[\s/@[\]]/.test(host)) throw bad();
    return host.includes(':') ? `tcp://[${host}]:${String(number)}` : `tcp://${host}:${String(number)}`;
  }
  if (text.startsWith('/') && text.length > 1 && !text.endsWith('/')) return text;
  throw bad();
}

function validateSetup(input: OfficeSetup): void {
  if (!input.name.trim()) throw fail('validation', 'error.setup.name');
  if (!input.code.trim()) throw fail('validation', 'error.setup.code');
  if (checkTaxId(input.taxId) !== 'ok') throw fail('validation', 'error.setup.tax_id');
  if (input.counters.length === 0) throw fail('validation', 'error.setup.counters');
  if (new Set(input.counters.map((c) => c.number)).size !== input.counters.length) {
    throw fail('validation', 'error.setup.counter_dup');
  }
  if (!input.admin.username.trim()) throw fail('validation', 'error.setup.username');
  checkPassword(input.admin.password);
}

function localIsoDate(at: Date): string {
  const mm = String(at.getMonth() + 1).padStart(2, '0');
  const dd = String(at.getDate()).padStart(2, '0');
  return `${String(at.getFullYear())}-${mm}-${dd}`;
}
