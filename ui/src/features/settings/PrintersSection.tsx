import { useCallback, useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import {
  getPrintRoutes,
  listPrinters,
  printTestPage,
  reprintJob,
  setPrintRoute,
  type DocumentKind,
  type Paper,
  type PrinterInfo,
  type PrintJob,
  type Route,
} from '../../api/printing';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { JobOutcome, kindLabel, PAPERS, paperLabel, PrinterStateBadge } from './printLabels';

/** The note every cash-drawer checkbox points to (said once, under the table). */
const DRAWER_HINT_ID = 'print-drawer-hint';

/**
 * "Printers" for supervisors and administrators: which printer and paper each kind of document uses on this
 * PC (saved one row at a time, with a test page per row), and the CUPS printers this PC can reach.
 */
export function PrintersSection() {
  const [routes, setRoutes] = useState<Route[] | null>(null);
  const [routesError, setRoutesError] = useState<IpcError | null>(null);
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [printersError, setPrintersError] = useState<IpcError | null>(null);

  const loadRoutes = useCallback(() => {
    setRoutesError(null);
    getPrintRoutes().then(setRoutes, (err: unknown) => setRoutesError(toIpcError(err)));
  }, []);

  const loadPrinters = useCallback(() => {
    setPrintersError(null);
    listPrinters().then(setPrinters, (err: unknown) => {
      // CUPS not running is not the end of the page: the routes stay editable (ESC/POS, or a name already set).
      setPrinters(null);
      setPrintersError(toIpcError(err));
    });
  }, []);

  useEffect(() => {
    loadRoutes();
    loadPrinters();
  }, [loadRoutes, loadPrinters]);

  return (
    <section class="card" data-testid="printers-section" aria-labelledby="printers-title">
      <h2 id="printers-title">{t('printers.title')}</h2>
      <p class="muted">{t('printers.intro')}</p>

      <h3>{t('printers.routes_title')}</h3>
      <ErrorAlert error={routesError}>
        <button type="button" class="button" data-testid="print-routes-retry" onClick={loadRoutes}>
          {t('app.retry')}
        </button>
      </ErrorAlert>
      {routes === null && !routesError && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {routes && (
        <div class="table-scroll">
          <table class="table routes-table">
            <thead>
              <tr>
                <th scope="col">{t('printers.col_kind')}</th>
                <th scope="col">{t('printers.col_printer')}</th>
                <th scope="col">{t('printers.col_paper')}</th>
                <th scope="col">{t('printers.col_options')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('printers.col_actions')}</span>
                </th>
              </tr>
            </thead>
            {routes.map((route) => (
              <RouteRow key={route.kind} route={route} printers={printers} onSaved={setRoutes} />
            ))}
          </table>
          <p class="field-hint" id={DRAWER_HINT_ID}>
            {t('printers.drawer_hint')}
          </p>
        </div>
      )}

      <div class="section-heading-row">
        <h3>{t('printers.list_title')}</h3>
        <button
          type="button"
          class="button button-secondary button-small"
          data-testid="printers-refresh"
          onClick={loadPrinters}
        >
          {t('printers.refresh')}
        </button>
      </div>
      {printersError && (
        <div data-testid="printers-list-error">
          <ErrorAlert error={printersError} />
        </div>
      )}
      {printers === null && !printersError && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {printers && <PrinterList printers={printers} />}
    </section>
  );
}

/** The row's form: `printer` is `''` (none), `escpos`, or `cups:NAME`; the ESC/POS address is kept while another printer is chosen. */
type Draft = { printer: string; target: string; paper: Paper; cut: boolean; openDrawer: boolean };

function toDraft(route: Route): Draft {
  const d = route.destination;
  return {
    printer: d === null ? '' : d.type === 'escpos' ? 'escpos' : `cups:${d.printer}`,
    target: d?.type === 'escpos' ? d.target : '',
    paper: route.paper,
    cut: route.cut,
    openDrawer: route.openDrawer,
  };
}

function toRoute(kind: DocumentKind, draft: Draft): Route {
  const escpos = draft.printer === 'escpos';
  return {
    kind,
    destination:
      draft.printer === ''
        ? null
        : escpos
          ? { type: 'escpos', target: draft.target }
          : { type: 'cups', printer: draft.printer.slice('cups:'.length) },
    paper: draft.paper,
    cut: draft.cut,
    // The cash drawer hangs off a receipt printer: with any other printer it is off (core refuses it).
    openDrawer: escpos && draft.openDrawer,
  };
}

function sameRoute(a: Route, b: Route): boolean {
  return JSON.stringify(toRoute(a.kind, toDraft(a))) === JSON.stringify(toRoute(b.kind, toDraft(b)));
}

type RowProps = {
  /** The route as stored. */
  route: Route;
  /** The CUPS printers, or `null` when they could not be listed (yet). */
  printers: PrinterInfo[] | null;
  /** The core saved the route; every route as now stored. */
  onSaved: (routes: Route[]) => void;
};

/** One kind of document: its printer, paper and options, saved on its own, and a test page. */
function RouteRow({ route, printers, onSaved }: RowProps) {
  const { kind } = route;
  const [draft, setDraft] = useState<Draft>(() => toDraft(route));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [test, setTest] = useState<PrintJob | null>(null);
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<IpcError | null>(null);

  const name = kindLabel(kind);
  const id = `print-route-${kind}`;
  const dirty = !sameRoute(toRoute(kind, draft), route);
  const escpos = draft.printer === 'escpos';
  const described = [escpos ? `${id}-address-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');

  const change = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const save = async () => {
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      const stored = await setPrintRoute(toRoute(kind, draft));
      const mine = stored.find((r) => r.kind === kind);
      // The core tidies what it stores (a trimmed name, `tcp://HOST` with its port): show that.
      if (mine) setDraft(toDraft(mine));
      setSaved(true);
      onSaved(stored);
    } catch (caught) {
      // The user's input stays as typed, with the core's reason beside it.
      setError(toIpcError(caught));
    } finally {
      setSaving(false);
    }
  };

  const print = async (run: () => Promise<PrintJob>) => {
    setTesting(true);
    setTestError(null);
    try {
      setTest(await run());
    } catch (caught) {
      setTestError(toIpcError(caught));
    } finally {
      setTesting(false);
    }
  };

  // The CUPS queues to offer: the listed ones, and the one this route names if CUPS does not list it.
  const cupsNames = printers?.map((p) => p.name) ?? [];
  const current = draft.printer.startsWith('cups:') ? draft.printer.slice('cups:'.length) : null;
  const unlisted = current !== null && !cupsNames.includes(current) ? current : null;

  return (
    <tbody data-testid={id} data-dirty={dirty}>
      <tr>
        <th scope="row">{name}</th>
        <td>
          <select
            id={`${id}-printer`}
            class="select"
            data-testid={`${id}-printer`}
            aria-label={t('printers.printer_of', { kind: name })}
            aria-describedby={error ? `${id}-error` : undefined}
            value={draft.printer}
            onChange={(e) => change({ printer: e.currentTarget.value })}
          >
            <option value="">{t('printers.none')}</option>
            {(cupsNames.length > 0 || unlisted !== null) && (
              <optgroup label={t('printers.cups_group')}>
                {printers?.map((p) => (
                  <option key={p.name} value={`cups:${p.name}`}>
                    {p.isDefault ? `${p.name} (${t('printers.default')})` : p.name}
                  </option>
                ))}
                {unlisted !== null && (
                  <option value={`cups:${unlisted}`}>
                    {printers ? t('printers.missing', { name: unlisted }) : unlisted}
                  </option>
                )}
              </optgroup>
            )}
            <option value="escpos">{t('printers.escpos')}</option>
          </select>
          {escpos && (
            <div class="route-address">
              <label class="visually-hidden" for={`${id}-address`}>
                {t('printers.address_of', { kind: name })}
              </label>
              <input
                id={`${id}-address`}
                type="text"
                class="text-input"
                data-testid={`${id}-address`}
                autocomplete="off"
                spellcheck={false}
                aria-describedby={described}
                value={draft.target}
                onInput={(e) => change({ target: e.currentTarget.value })}
              />
              <p class="field-hint" id={`${id}-address-hint`}>
                {t('printers.address_hint')}
              </p>
            </div>
          )}
        </td>
        <td>
          <select
            class="select"
            data-testid={`${id}-paper`}
            aria-label={t('printers.paper_of', { kind: name })}
            aria-describedby={error ? `${id}-error` : undefined}
            value={draft.paper}
            onChange={(e) => change({ paper: e.currentTarget.value as Paper })}
          >
            {PAPERS.map((paper) => (
              <option key={paper} value={paper}>
                {paperLabel(paper)}
              </option>
            ))}
          </select>
        </td>
        <td class="route-options">
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid={`${id}-cut`}
              aria-label={t('printers.cut_of', { kind: name })}
              checked={draft.cut}
              onChange={(e) => change({ cut: e.currentTarget.checked })}
            />
            {t('printers.cut')}
          </label>
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid={`${id}-drawer`}
              aria-label={t('printers.drawer_of', { kind: name })}
              aria-describedby={DRAWER_HINT_ID}
              checked={escpos && draft.openDrawer}
              disabled={!escpos}
              onChange={(e) => change({ openDrawer: e.currentTarget.checked })}
            />
            {t('printers.drawer')}
          </label>
        </td>
        <td class="row-actions">
          <div class="button-row">
            <button
              type="button"
              class="button button-primary button-small"
              data-testid={`print-route-save-${kind}`}
              aria-label={t('printers.save_of', { kind: name })}
              disabled={saving}
              onClick={() => void save()}
            >
              {saving ? t('app.saving') : t('printers.save')}
            </button>
            <button
              type="button"
              class="button button-secondary button-small"
              data-testid={`print-test-${kind}`}
              aria-label={t('printers.test_of', { kind: name })}
              disabled={testing || dirty}
              onClick={() => void print(() => printTestPage(kind))}
            >
              {testing ? t('printers.testing') : t('printers.test')}
            </button>
          </div>
          <p class="route-status" role="status" data-testid={`${id}-status`}>
            {saved && !dirty && <span class="route-saved">{t('printers.saved')}</span>}
            {dirty && t('printers.unsaved')}
          </p>
        </td>
      </tr>
      {(error ?? test ?? testError) && (
        <tr class="route-messages">
          <td colSpan={5}>
            {error && (
              <p class="field-error" role="alert" id={`${id}-error`} data-testid={`${id}-error`}>
                {error.message}
              </p>
            )}
            {test && (
              <JobOutcome
                job={test}
                testId={`print-test-result-${kind}`}
                busy={testing}
                onReprint={() => void print(() => reprintJob(test.id))}
              />
            )}
            {testError && (
              <p class="field-error" role="alert" data-testid={`print-test-error-${kind}`}>
                {testError.message}
              </p>
            )}
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** The CUPS queues with their state, default marker, whether they take jobs, and what they last said. */
function PrinterList({ printers }: { printers: PrinterInfo[] }) {
  if (printers.length === 0) {
    return (
      <p class="muted" data-testid="printers-empty">
        {t('printers.list_empty')}
      </p>
    );
  }
  return (
    <div class="table-scroll">
      <table class="table printers-table" data-testid="printers-list">
        <thead>
          <tr>
            <th scope="col">{t('printers.col_name')}</th>
            <th scope="col">{t('printers.col_location')}</th>
            <th scope="col">{t('printers.col_state')}</th>
            <th scope="col">{t('printers.col_accepting')}</th>
            <th scope="col">{t('printers.col_message')}</th>
          </tr>
        </thead>
        <tbody>
          {printers.map((p) => (
            <tr key={p.name} data-testid={`printer-${p.name}`} data-state={p.state}>
              <th scope="row">
                <span class="printer-name">{p.name}</span>
                {p.isDefault && (
                  <span class="badge badge-default" data-testid={`printer-default-${p.name}`}>
                    {t('printers.default')}
                  </span>
                )}
                {p.description && <span class="printer-description muted">{p.description}</span>}
              </th>
              <td>{p.location ?? ''}</td>
              <td data-testid={`printer-state-${p.name}`}>
                <PrinterStateBadge state={p.state} />
              </td>
              <td data-testid={`printer-accepting-${p.name}`}>
                {p.accepting ? t('printers.accepting') : t('printers.not_accepting')}
              </td>
              <td data-testid={`printer-message-${p.name}`}>
                {/* CUPS says this in English; it is shown as the printer said it. */}
                {p.stateMessage && <span lang="en">{p.stateMessage}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
