import { useEffect, useId, useRef, useState } from 'preact/hooks';

import { toIpcError } from '../../../api/errors';
import { t } from '../../../i18n';

type ConfirmProps = {
  /** The question: "ลบ … หรือไม่". */
  title: string;
  /** What will go. */
  goes: string;
  /** What stays. */
  stays: string;
  /** The confirm button's text ("ลบ", "นำออก"). */
  confirmLabel: string;
  /** The delete; a refusal from core is shown here in its words and nothing changes. */
  action: () => Promise<void>;
  onDone: () => void;
  onCancel: () => void;
};

/**
 * An inline confirm for a delete: says what goes and what stays. The safe choice (cancel) has the focus;
 * Escape cancels; focus goes back to the button that opened it.
 */
export function Confirm({ title, goes, stays, confirmLabel, action, onDone, onCancel }: ConfirmProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelButton.current?.focus();
  }, []);

  const cancel = () => {
    onCancel();
    opener.current?.focus();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(toIpcError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-goes ${id}-stays`}
      class="tax-confirm card"
      data-testid="tax-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <p id={`${id}-title`} class="tax-confirm-title">
        {title}
      </p>
      <p id={`${id}-goes`}>{goes}</p>
      <p id={`${id}-stays`} class="field-hint">
        {stays}
      </p>
      {error && (
        <p class="field-error" role="alert" data-testid="tax-confirm-error">
          {error}
        </p>
      )}
      <div class="tax-form-buttons">
        <button
          type="button"
          class="button button-danger"
          disabled={busy}
          data-testid="tax-confirm-yes"
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          class="button button-secondary"
          ref={cancelButton}
          data-testid="tax-confirm-no"
          onClick={cancel}
        >
          {t('tax.register.cancel')}
        </button>
      </div>
    </div>
  );
}

type ConfirmButtonProps = Omit<ConfirmProps, 'onCancel'> & {
  testId: string;
  /** The button's text ("ลบ"). */
  label: string;
  /** What a screen reader hears: the button with what it deletes ("ลบ โฉนดที่ดิน 12345"). */
  ariaLabel: string;
};

/** A delete button that asks first, right where it stands. */
export function ConfirmButton({ testId, label, ariaLabel, ...confirm }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        class="button button-secondary button-small"
        data-testid={testId}
        aria-label={ariaLabel}
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open && (
        <Confirm
          {...confirm}
          onDone={() => {
            setOpen(false);
            confirm.onDone();
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </>
  );
}
