import { useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { createDemoOffice } from '../../api/office';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { AppStatus } from '../../generated/AppStatus';
import { t } from '../../i18n';
import { SetupWizard } from './SetupWizard';

type Props = {
  /** The office now exists; `status` is the backend's new status. */
  onDone: (status: AppStatus) => void;
};

/** First start (`needsSetup`): choose the demo office or set up the real one. */
export function SetupScreen({ onDone }: Props) {
  const [mode, setMode] = useState<'choose' | 'real'>('choose');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  if (mode === 'real') return <SetupWizard onDone={onDone} onBack={() => setMode('choose')} />;

  const chooseDemo = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await createDemoOffice());
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="setup-choice" data-testid="setup-choice" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p class="lead">{t('setup.intro')}</p>
      <div class="choices">
        <div class="choice card">
          <button
            type="button"
            class="button button-primary button-large"
            data-testid="setup-real"
            aria-describedby="setup-real-hint"
            onClick={() => setMode('real')}
          >
            {t('setup.real')}
          </button>
          <p id="setup-real-hint">{t('setup.real_hint')}</p>
        </div>
        <div class="choice card">
          <button
            type="button"
            class="button button-secondary button-large"
            data-testid="setup-demo"
            aria-describedby="setup-demo-hint"
            disabled={busy}
            onClick={() => void chooseDemo()}
          >
            {busy ? t('setup.working') : t('setup.demo')}
          </button>
          <p id="setup-demo-hint">{t('setup.demo_hint')}</p>
        </div>
      </div>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
