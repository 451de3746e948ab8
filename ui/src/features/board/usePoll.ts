import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';

/** How often the board and the customer screen ask again. */
export const BOARD_POLL_MS = 1000;

export type Poll<T> = {
  /** The latest answer, kept while later asks fail; `undefined` until the first answer. */
  data: T | undefined;
  /** The latest ask failed with this error (cleared by the next answer). */
  error: IpcError | null;
  /** Asks again now, and drops the answer of any ask already under way. */
  refresh: () => void;
};

/**
 * Calls `load` at once and then every `ms`. An ask still under way when the next one is due is not doubled
 * (a slow disk must not pile up calls), and an answer that arrives after `refresh` or after the component
 * went away is dropped. `key` restarts the poll (a new counter).
 */
export function usePoll<T>(load: () => Promise<T>, ms: number = BOARD_POLL_MS, key: unknown = null): Poll<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<IpcError | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  const [refreshes, setRefreshes] = useState(0);

  useEffect(() => {
    generation.current += 1;
    const mine = generation.current;
    busy.current = false;
    const ask = () => {
      if (busy.current) return;
      busy.current = true;
      loadRef.current().then(
        (next) => {
          if (generation.current !== mine) return;
          busy.current = false;
          setData(next);
          setError(null);
        },
        (err: unknown) => {
          if (generation.current !== mine) return;
          busy.current = false;
          setError(toIpcError(err));
        },
      );
    };
    ask();
    const timer = setInterval(ask, ms);
    return () => {
      generation.current += 1;
      clearInterval(timer);
    };
  }, [ms, key, refreshes]);

  return { data, error, refresh: () => setRefreshes((n) => n + 1) };
}
