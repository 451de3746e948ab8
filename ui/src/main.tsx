/** Start-up: pick the backend (Tauri inside the desktop window, the in-memory mock elsewhere) and render. */
import './styles/fonts.css';
import './styles/app.css';

import { render } from 'preact';

import { App } from './app/App';
import { isTauri, setBackend, tauriBackend } from './lib/backend';

async function start(): Promise<void> {
  const inTauri = isTauri();
  if (inTauri) {
    setBackend(tauriBackend);
  } else {
    // Loaded only in a plain browser (`npm run dev`), so the desktop bundle never runs the mock.
    const { createMockBackend } = await import('./lib/mockBackend');
    setBackend(createMockBackend());
  }
  const root = document.getElementById('app');
  if (root) render(<App mock={!inTauri} />, root);
}

void start();
