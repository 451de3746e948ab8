type Props = {
  /** The control's test id. */
  testId: string;
  /** The test id of the error message. */
  errorTestId: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** Shown under the label. */
  hint?: string | undefined;
  /** What is wrong (already translated), or nothing. */
  error?: string | null | undefined;
  /** Shown instead of the hint when the value is known to be good. */
  success?: string | null | undefined;
  required?: boolean;
  /** `password` hides what is typed. */
  password?: boolean;
  multiline?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  maxLength?: number;
};

/** A labelled text input with its hint and error message wired up for screen readers. */
export function TextField(props: Props) {
  const id = `field-${props.testId}`;
  const hintId = `${id}-hint`;
  const msgId = `${id}-msg`;
  const describedBy = [props.hint ? hintId : null, props.error || props.success ? msgId : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'data-testid': props.testId,
    value: props.value,
    required: props.required,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id} class="field-label">
        {props.label}
        {props.required && (
          <span class="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {props.hint && (
        <p id={hintId} class="field-hint">
          {props.hint}
        </p>
      )}
      {props.multiline ? (
        <textarea {...common} rows={3} onInput={(e) => props.onValue(e.currentTarget.value)} />
      ) : props.password ? (
        <input
          {...common}
          type="password"
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )}
      {props.error ? (
        <p id={msgId} class="field-error" data-testid={props.errorTestId}>
          {props.error}
        </p>
      ) : (
        props.success && (
          <p id={msgId} class="field-success">
            {props.success}
          </p>
        )
      )}
    </div>
  );
}
