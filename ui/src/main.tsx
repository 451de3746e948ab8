/** Start-up: pick the backend (Tauri inside the desktop window, the in-memory mock elsewhere) and render. */
import './styles/fonts.css';
import './styles/app.css';

import { render } from 'preact';

import { App } from './app/App';
import { AREAS } from './app/areas';
import { displayView } from './features/board';
import { isTauri, setBackend, tauriBackend } from './lib/backend';

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  // `?view=board` and `?view=customer&counter=N` are the public screens (their own windows, no sign-in).
  const display = displayView(window.location.search);
  if (isTauri()) {
    setBackend(tauriBackend);
    render(display ?? <App />, root);
    return;
  }
  // A plain browser (`npm run dev`): the in-memory mock, loaded only here so the desktop bundle never runs it.
  // For design work, `?demo` starts with the demo office (on its sign-in screen, with the demo accounts) and
  // `?area=settings` opens that area once signed in, if the user may open it; `?view=board&demo` shows the board
  // with a moving demo queue (a call every 15 seconds).
  const params = new URLSearchParams(window.location.search);
  const { createMockBackend } = await import('./lib/mockBackend');
  setBackend(createMockBackend({ withDemoOffice: params.has('demo') }));
  const area = AREAS.find((it) => it.id === params.get('area'))?.id;
  render(display ?? <App mock initialArea={area} />, root);
}

void start();
