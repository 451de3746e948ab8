import { defineConfig } from 'vitest/config';

// Preact's automatic JSX runtime comes from tsconfig.json (`jsx: react-jsx`, `jsxImportSource: preact`),
// which Vite's transformer reads; no framework plugin is needed.
export default defineConfig({
  // Tauri serves ui/dist from its own origin; the dev server is its devUrl (http://localhost:5173).
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Never inline fonts or images as data: URLs; every asset is a file served from 'self' (CSP).
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    // Timestamps are shown in local time; pin the zone so `09:05 น.` is the same on every machine.
    env: { TZ: 'Asia/Bangkok' },
    css: false,
  },
});
