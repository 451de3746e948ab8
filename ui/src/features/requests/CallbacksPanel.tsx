import { useEffect, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { listCallbacks, markCalled, type CallBack } from '../../api/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lang, t } from '../../i18n';
import { formatTimestamp } from '../../lib/dates';

type Props = {
  refreshKey: number;
  onOpen: (requestId: string) => void;
  /** A call-back was marked: counts are stale. */
  onChanged: () => void;
};

/**
 * The call-back list: citizens without phone or e-mail (or who asked for a call) to be told of a change.
 * Each entry says whom to tell and what; "told" records what happened (reached, no answer, …).
 */
export function CallbacksPanel({ refreshKey, onOpen, onChanged }: Props) {
  const [items, setItems] = useState<CallBack[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    listCallbacks().then(setItems, (err: unknown) => setError(toIpcError(err)));
  }, [refreshKey]);

  const mark = async (c: CallBack) => {
    setBusy(c.id);
    setError(null);
    try {
      setItems(await markCalled(c.id, outcomes[c.id] ?? t('requests.callbacks.default_outcome')));
      onChanged();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="requests-callbacks" data-testid="requests-callbacks" aria-labelledby="callbacks-title">
      <h2 id="callbacks-title">{t('requests.callbacks.title')}</h2>
      <p class="muted">{t('requests.callbacks.hint')}</p>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {items === null && !error && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {items?.length === 0 && (
        <p class="muted" role="status" data-testid="callbacks-empty">
          {t('requests.callbacks.empty')}
        </p>
      )}
      {items && items.length > 0 && (
        <ul class="requests-callback-list">
          {items.map((c) => (
            <li key={c.id} class="card" data-testid="callback" data-callback-id={c.id}>
              <p>
                <button
                  type="button"
                  class="link-button"
                  data-testid="callback-open"
                  onClick={() => onOpen(c.requestId)}
                >
                  {c.trackingCode}
                </button>{' '}
                <span class="muted">{formatTimestamp(c.at, lang.value, 'short')}</span>
              </p>
              <p data-testid="callback-recipient">
                <strong>{t('requests.callbacks.recipient')}</strong> {c.recipient}
              </p>
              <p data-testid="callback-message">
                <strong>{t('requests.callbacks.message')}</strong> {c.message}
              </p>
              <div class="requests-row">
                <div class="field">
                  <label class="field-label" for={`field-outcome-${c.id}`}>
                    {t('requests.callbacks.outcome')}
                  </label>
                  <input
                    id={`field-outcome-${c.id}`}
                    class="text-input"
                    type="text"
                    autoComplete="off"
                    data-testid="callback-outcome"
                    placeholder={t('requests.callbacks.default_outcome')}
                    value={outcomes[c.id] ?? ''}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setOutcomes((o) => ({ ...o, [c.id]: value }));
                    }}
                  />
                </div>
                <button
                  type="button"
                  class="button"
                  data-testid="callback-done"
                  disabled={busy === c.id}
                  onClick={() => void mark(c)}
                >
                  {t('requests.callbacks.done')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
