import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../../api/errors';
import { searchTaxpayers, type TaxpayerHit } from '../../../api/taxRegister';
import { t } from '../../../i18n';

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

type Props = {
  /** Prefix of every id and test id: `{name}-search`, `{name}-result-{i}`, `{name}-no-results`. */
  name: string;
  label: string;
  hint: string;
  onPick: (hit: TaxpayerHit) => void;
  onError: (error: IpcError | null) => void;
  /** Escape in the box (the co-owner search closes). */
  onEscape?: () => void;
  autoFocus?: boolean;
};

/**
 * The register's search as you type (IDs masked): arrow keys move through the results, Enter picks one.
 * The main box and the co-owner picker are this one component.
 */
export function TaxpayerSearch({ name, label, hint, onPick, onError, onEscape, autoFocus = false }: Props) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<TaxpayerHit[]>([]);
  const [active, setActive] = useState(0);
  const searchSeq = useRef(0);
  const box = useRef<HTMLInputElement>(null);
  // The latest callback without re-running the search when a parent re-renders.
  const reportError = useRef(onError);
  reportError.current = onError;

  useEffect(() => {
    if (autoFocus) box.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    const seq = ++searchSeq.current;
    const timer = setTimeout(() => {
      searchTaxpayers(q)
        .then((found) => {
          if (seq !== searchSeq.current) return;
          setHits(found);
          setActive(0);
          reportError.current(null);
        })
        .catch((err: unknown) => reportError.current(toIpcError(err)));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const pick = (hit: TaxpayerHit | undefined) => {
    if (hit) onPick(hit);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(hits[active]);
    } else if (e.key === 'Escape' && onEscape) {
      e.preventDefault();
      e.stopPropagation();
      onEscape();
    }
  };

  return (
    <div class="tax-search-box">
      <label id={`${name}-search-label`} for={`${name}-search`} class="field-label">
        {label}
      </label>
      <p class="field-hint" id={`${name}-search-hint`}>
        {hint}
      </p>
      <input
        id={`${name}-search`}
        ref={box}
        type="search"
        data-testid={`${name}-search`}
        value={query}
        role="combobox"
        list={undefined}
        aria-expanded={hits.length > 0}
        aria-controls={`${name}-results`}
        aria-describedby={`${name}-search-hint`}
        aria-activedescendant={hits.length ? `${name}-result-${String(active)}` : undefined}
        autoComplete="off"
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKey}
      />
      {query.trim() && hits.length === 0 && <p data-testid={`${name}-no-results`}>{t('tax.register.no_results')}</p>}
      <ul id={`${name}-results`} role="listbox" class="tax-results" aria-label={t('tax.register.results')}>
        {hits.map((h, i) => (
          <li
            key={h.id}
            id={`${name}-result-${String(i)}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'tax-result tax-result-active' : 'tax-result'}
            data-testid={`${name}-result-${String(i)}`}
            onClick={() => pick(h)}
          >
            <span class="tax-result-name">{h.fullName}</span>{' '}
            <span class="tax-result-id">{h.idNoMasked ?? t('tax.register.no_id')}</span>{' '}
            <span class="tax-result-address">{h.address}</span>{' '}
            <span class="tax-result-count">{t('tax.register.property_count', { count: h.properties })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
