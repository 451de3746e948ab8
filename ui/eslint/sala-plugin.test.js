// The boundary rule, tested with ESLint's RuleTester on made-up files under a fake ui/src.
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';

import sala from './sala-plugin.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const SRC = '/repo/ui/src';
const ok = (file, code) => ({ filename: `${SRC}/${file}`, code });
const bad = (file, code, messageId) => ({ filename: `${SRC}/${file}`, code, errors: [{ messageId }] });

tester.run('sala/boundaries', sala.rules.boundaries, {
  valid: [
    ok('features/setup/SetupWizard.tsx', "import { readLogo } from './logo';"),
    ok('features/setup/SetupWizard.tsx', "import { setupOffice } from '../../api/office';"),
    ok('features/setup/SetupWizard.tsx', "import { t } from '../../i18n';"),
    ok('features/setup/SetupWizard.tsx', "import { TextField } from '../../components/TextField';"),
    ok('features/queue/QueueArea.tsx', "import { SyncArea } from '../sync';"),
    ok('app/Shell.tsx', "import { QueueArea } from '../features/queue';"),
    ok('app/Shell.tsx', "import { QueueArea } from '../features/queue/index';"),
    ok('lib/backend.ts', "import { invoke } from '@tauri-apps/api/core';"),
    ok('lib/dates.ts', "import { translate } from '../i18n';"),
    ok('api/call.ts', "import { getBackend } from '../lib/backend';"),
    ok('main.tsx', "import { setBackend } from './lib/backend'; const m = import('./lib/mockBackend');"),
    ok('features/setup/SetupWizard.test.tsx', "import { createMockBackend } from '../../lib/mockBackend';"),
    ok('features/setup/SetupWizard.test.tsx', "import { setBackend } from '../../lib/backend';"),
    ok('test/setup.ts', "import { setBackend } from '../lib/backend';"),
  ],
  invalid: [
    bad('features/queue/QueueArea.tsx', "import { readLogo } from '../setup/logo';", 'featureInternals'),
    bad('features/queue/QueueArea.tsx', "export { readLogo } from '../setup/logo';", 'featureInternals'),
    bad('app/Shell.tsx', "import { SetupWizard } from '../features/setup/SetupWizard';", 'featureInternals'),
    bad('features/queue/QueueArea.tsx', "import { Shell } from '../../app/Shell';", 'layer'),
    bad('components/StatusBar.tsx', "import { SyncArea } from '../features/sync';", 'layer'),
    bad('lib/dates.ts', "import { getAppStatus } from '../api/app';", 'layer'),
    bad('i18n/index.ts', "import { formatIsoDate } from '../lib/dates';", 'layer'),
    bad('features/sync/SyncArea.tsx', "import { getBackend } from '../../lib/backend';", 'backend'),
    bad('components/StatusBar.tsx', "import { getBackend } from '../lib/backend';", 'backend'),
    bad('features/sync/SyncArea.tsx', "import { createMockBackend } from '../../lib/mockBackend';", 'mock'),
    bad('features/sync/SyncArea.tsx', "import { invoke } from '@tauri-apps/api/core';", 'tauri'),
    bad('api/app.ts', "import { invoke } from '@tauri-apps/api/core';", 'tauri'),
    bad('features/sync/SyncArea.tsx', "const m = import('../setup/logo');", 'featureInternals'),
    bad('lib/dates.ts', "import x from '../../package.json';", 'outside'),
  ],
});
