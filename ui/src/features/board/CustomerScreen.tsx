import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { getQueueBoard, getRatingPrompt, rateAtCounter, type RatingPrompt } from '../../api/board';
import { toIpcError, type IpcError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t, type MessageKey } from '../../i18n';
import { useFullscreenKey } from './useFullscreenKey';
import { usePoll } from './usePoll';

import './board.css';

/** How long the thank-you stays on screen. */
export const THANKS_MS = 5000;

/** The five scores, worst first. */
const SCORES = [1, 2, 3, 4, 5] as const;

type Score = (typeof SCORES)[number];

type Props = {
  /** The counter this screen faces the citizen at; `null` when the page was opened without a valid one. */
  counter: number | null;
  /** How often the screen asks (default every second). */
  pollMs?: number;
};

/**
 * The small screen turned towards the citizen at a counter (`?view=customer&counter=N`, no sign-in): the
 * counter and the number it serves, and, once that ticket is finished, five large faces to rate the service
 * (also keys 1–5). A rating shows a thank-you for five seconds. Nothing here names a person.
 */
export function CustomerScreen({ counter, pollMs }: Props) {
  useFullscreenKey();
  if (counter === null) {
    return (
      <div class="customer" data-testid="customer">
        <p class="customer-message" data-testid="customer-no-counter">
          {t('customer.no_counter')}
        </p>
      </div>
    );
  }
  return <CounterScreen counter={counter} pollMs={pollMs} />;
}

function CounterScreen({ counter, pollMs }: { counter: number; pollMs: number | undefined }) {
  const { data: board } = usePoll(getQueueBoard, pollMs);
  const loadPrompt = useCallback(() => getRatingPrompt(counter), [counter]);
  const { data: polled, error: promptError } = usePoll(loadPrompt, pollMs, counter);
  const [thanks, setThanks] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  // Tickets rated here: a poll that was under way while the rating was saved must not bring its prompt back.
  const rated = useRef(new Set<string>());

  const prompt = polled && !rated.current.has(polled.ticketId) ? polled : null;
  const here = board?.counters.find((c) => c.number === counter);

  const rate = useCallback(
    (score: Score) => {
      if (!prompt || busy) return;
      setBusy(true);
      setError(null);
      rateAtCounter(counter, score).then(
        () => {
          rated.current.add(prompt.ticketId);
          setBusy(false);
          setThanks(true);
        },
        (err: unknown) => {
          setBusy(false);
          setError(toIpcError(err));
        },
      );
    },
    [prompt, busy, counter],
  );

  useEffect(() => {
    if (!thanks) return;
    const timer = setTimeout(() => setThanks(false), THANKS_MS);
    return () => clearTimeout(timer);
  }, [thanks]);

  useEffect(() => {
    if (!prompt || thanks) return;
    const onKey = (event: KeyboardEvent) => {
      const score = SCORES.find((s) => event.key === String(s));
      if (score !== undefined) rate(score);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [prompt, thanks, rate]);

  return (
    <div class="customer" data-testid="customer">
      <header class="customer-header">
        <span class="customer-counter" data-testid="customer-counter">
          {t('board.counter', { number: counter })}
        </span>
        {here && <span class="customer-counter-name">{here.name}</span>}
      </header>
      <main class="customer-main">
        {thanks ? (
          <p class="customer-thanks" role="status" data-testid="customer-thanks">
            {t('customer.thanks')}
          </p>
        ) : prompt ? (
          <RatingPanel prompt={prompt} busy={busy} onRate={rate} />
        ) : (
          <div class="customer-serving-panel">
            {here?.serving ? (
              <>
                <p class="customer-serving-label">{t('customer.serving')}</p>
                <p class="customer-serving" data-testid="customer-serving">
                  {here.serving}
                </p>
              </>
            ) : (
              <p class="customer-welcome" data-testid="customer-welcome">
                {t('customer.welcome')}
              </p>
            )}
          </div>
        )}
        <ErrorAlert error={error ?? (prompt || thanks ? null : promptError)} />
      </main>
    </div>
  );
}

function RatingPanel({
  prompt,
  busy,
  onRate,
}: {
  prompt: RatingPrompt;
  busy: boolean;
  onRate: (score: Score) => void;
}) {
  return (
    <section class="customer-rating" aria-labelledby="customer-rate-title" data-testid="customer-rating">
      <h1 id="customer-rate-title" class="customer-rate-title">
        {t('customer.rate_title')}
      </h1>
      <p class="customer-rate-for">{t('customer.rate_for', { number: prompt.number, service: prompt.serviceName })}</p>
      <div class="customer-scores">
        {SCORES.map((score) => {
          const label = t(`customer.score.${String(score)}` as MessageKey);
          return (
            <button
              key={score}
              type="button"
              class={`customer-score customer-score-${String(score)}`}
              data-testid={`rate-${String(score)}`}
              disabled={busy}
              onClick={() => onRate(score)}
            >
              <Face score={score} />
              <span class="customer-score-number">{score}</span>
              <span class="customer-score-label">{label}</span>
            </button>
          );
        })}
      </div>
      <p class="customer-rate-hint">{t('customer.rate_hint')}</p>
    </section>
  );
}

/** A face drawn in SVG (no emoji font needed): the mouth turns from a frown at 1 to a wide smile at 5. */
function Face({ score }: { score: Score }) {
  const curve = (score - 3) * 9; // the mouth's control point below (smile) or above (frown) its ends
  const mouth = `M 30 ${String(66 - curve / 3)} Q 50 ${String(66 + curve)} 70 ${String(66 - curve / 3)}`;
  return (
    <svg class="customer-face" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle class="customer-face-head" cx="50" cy="50" r="46" />
      <circle class="customer-face-eye" cx="35" cy="40" r="6" />
      <circle class="customer-face-eye" cx="65" cy="40" r="6" />
      <path class="customer-face-mouth" d={mouth} />
    </svg>
  );
}
