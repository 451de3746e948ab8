import type { ComponentChildren } from 'preact';

import type { IpcError } from '../generated/IpcError';
import { t } from '../i18n';

type Props = {
  /** The error to show; nothing is rendered when `null`. */
  error: IpcError | null;
  /** Shows a dismiss button when given. */
  onDismiss?: () => void;
  /** Extra controls (e.g. a retry button). */
  children?: ComponentChildren;
};

/** The alert region for backend errors: `{ code, message }`, message already in the user's language. */
export function ErrorAlert({ error, onDismiss, children }: Props) {
  if (!error) return null;
  return (
    <div class="alert alert-error" role="alert" data-testid="error-message" data-code={error.code}>
      <p class="alert-title">{t('error.title')}</p>
      <p class="alert-message">{error.message}</p>
      {(onDismiss ?? children) && (
        <div class="alert-actions">
          {children}
          {onDismiss && (
            <button type="button" class="button button-secondary" onClick={onDismiss} data-testid="error-dismiss">
              {t('error.dismiss')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
