import type { JSX } from 'preact';

import { Board } from './Board';
import { CustomerScreen } from './CustomerScreen';

/**
 * The public screen a page address asks for, or `null` for the app: `?view=board` is the display board,
 * `?view=customer&counter=N` the customer screen of counter N (1–99). Neither needs a sign-in.
 */
export function displayView(search: string): JSX.Element | null {
  const params = new URLSearchParams(search);
  switch (params.get('view')) {
    case 'board':
      return <Board />;
    case 'customer':
      return <CustomerScreen counter={counterParam(params.get('counter'))} />;
    default:
      return null;
  }
}

function counterParam(value: string | null): number | null {
  if (value === null || !/^\d{1,2}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}
