import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

import { revealCitizen, searchCitizens, type CitizenListItem, type CitizenPersonal } from '../../api/citizens';
import { toIpcError, type IpcError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

type Props = {
  /** The user may see a citizen's full ID and phone (each look is recorded). */
  canReveal: boolean;
  /** Offers "use this citizen" on each row (the intake form links a returning citizen). */
  onPick?: ((citizen: CitizenListItem) => void) | undefined;
};

type Results = { query: string; items: CitizenListItem[] };

/**
 * Finding a citizen at the counter by name, ID or phone. Lists show IDs and phones masked; the full values
 * are shown for one person at a time on request, and the backend records who looked.
 */
export function CitizenLookup({ canReveal, onPick }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [revealed, setRevealed] = useState<Record<string, CitizenPersonal>>({});
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The latest search: answers to earlier ones (typing went on) are dropped. */
  const latest = useRef(0);
  /** The citizen just revealed: focus moves from the (now gone) button to the note in that row. */
  const justRevealed = useRef<string | null>(null);
  const table = useRef<HTMLTableElement>(null);

  useLayoutEffect(() => {
    const id = justRevealed.current;
    if (id === null) return;
    justRevealed.current = null;
    table.current
      ?.querySelector<HTMLElement>(`[data-citizen-id="${CSS.escape(id)}"] [data-testid="citizen-reveal-note"]`)
      ?.focus();
  }, [revealed]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const search = (text: string) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    latest.current += 1;
    const asked = latest.current;
    const trimmed = text.trim();
    if (trimmed === '') {
      setResults(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    searchCitizens(trimmed).then(
      (items) => {
        if (asked !== latest.current) return;
        setError(null);
        setResults({ query: trimmed, items });
        setRevealed({});
        setSearching(false);
      },
      (err: unknown) => {
        if (asked !== latest.current) return;
        setError(toIpcError(err));
        setSearching(false);
      },
    );
  };

  const onInput = (text: string) => {
    setQuery(text);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => search(text), SEARCH_DEBOUNCE_MS);
  };

  const reveal = (citizen: CitizenListItem) => {
    setError(null);
    revealCitizen(citizen.id).then(
      (personal) => {
        justRevealed.current = citizen.id;
        setRevealed((shown) => ({ ...shown, [citizen.id]: personal }));
      },
      (err: unknown) => setError(toIpcError(err)),
    );
  };

  return (
    <section class="card" data-testid="citizen-lookup" aria-labelledby="citizen-lookup-title">
      <h2 id="citizen-lookup-title">{t('citizen.title')}</h2>
      <form
        role="search"
        class="citizen-search"
        onSubmit={(e) => {
          e.preventDefault();
          search(query);
        }}
      >
        <label class="field-label" for="field-citizen-search">
          {t('citizen.search_label')}
        </label>
        <p class="field-hint" id="field-citizen-search-hint">
          {t('citizen.search_hint')}
        </p>
        <input
          id="field-citizen-search"
          type="search"
          class="search-input"
          data-testid="citizen-search"
          autoComplete="off"
          aria-describedby="field-citizen-search-hint"
          value={query}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </form>
      <p class="note">{t(canReveal ? 'citizen.masked_note_reveal' : 'citizen.masked_note')}</p>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      <div role="status" class="form-status">
        {searching && <p class="muted">{t('citizen.searching')}</p>}
        {!searching && results?.items.length === 0 && (
          <p class="muted" data-testid="citizen-empty">
            {t('citizen.empty', { query: results.query })}
          </p>
        )}
        {!searching && results && results.items.length > 0 && (
          <p class="visually-hidden">{t('citizen.found', { count: results.items.length })}</p>
        )}
      </div>
      {results && results.items.length > 0 && (
        <table ref={table} class="table citizen-table">
          <thead>
            <tr>
              <th scope="col">{t('citizen.col_name')}</th>
              <th scope="col">{t('citizen.col_id')}</th>
              <th scope="col">{t('citizen.col_phone')}</th>
              <th scope="col">{t('citizen.col_address')}</th>
              {canReveal && (
                <th scope="col">
                  <span class="visually-hidden">{t('citizen.col_actions')}</span>
                </th>
              )}
              {onPick && (
                <th scope="col">
                  <span class="visually-hidden">{t('citizen.col_pick')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {results.items.map((c) => {
              const full = revealed[c.id];
              return (
                <tr key={c.id} data-testid="citizen-result" data-citizen-id={c.id}>
                  <th scope="row">
                    <span data-testid="citizen-name">{c.fullName}</span>
                    {c.restricted && (
                      <span class="badge badge-restricted" data-testid="citizen-restricted">
                        {t('citizen.restricted')}
                      </span>
                    )}
                  </th>
                  <td class="num">
                    <span data-testid="citizen-id-masked">{c.thaiIdMasked ?? t('citizen.none')}</span>
                    {full && (
                      <span class="revealed" data-testid="citizen-full-id">
                        {full.thaiId ?? t('citizen.none')}
                      </span>
                    )}
                  </td>
                  <td class="num">
                    <span data-testid="citizen-phone-masked">{c.phoneMasked ?? t('citizen.none')}</span>
                    {full && (
                      <span class="revealed" data-testid="citizen-full-phone">
                        {full.phone ?? t('citizen.none')}
                      </span>
                    )}
                  </td>
                  <td>{c.address}</td>
                  {canReveal && (
                    <td>
                      {full ? (
                        <span class="muted" data-testid="citizen-reveal-note" tabIndex={-1}>
                          {t('citizen.revealed_note')}
                        </span>
                      ) : (
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          data-testid="citizen-reveal"
                          aria-label={t('citizen.reveal_label', { name: c.fullName })}
                          onClick={() => reveal(c)}
                        >
                          {t('citizen.reveal')}
                        </button>
                      )}
                    </td>
                  )}
                  {onPick && (
                    <td>
                      <button
                        type="button"
                        class="button button-small"
                        data-testid="citizen-pick"
                        aria-label={t('citizen.pick_label', { name: c.fullName })}
                        onClick={() => onPick(c)}
                      >
                        {t('citizen.pick')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
