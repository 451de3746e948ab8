/** Runs before every test file: a fresh DOM, Thai UI, and a mock backend per test. */
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';

import { lang } from '../i18n';
import { setBackend } from '../lib/backend';
import { createMockBackend } from '../lib/mockBackend';

beforeEach(() => {
  localStorage.clear();
  lang.value = 'th';
  setBackend(createMockBackend());
});

afterEach(() => {
  cleanup();
});
