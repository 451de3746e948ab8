import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import type { CitizenListItem } from '../../api/citizens';
import { toIpcError, type IpcError } from '../../api/errors';
import { reprintJob, type PrintJob } from '../../api/printing';
import {
  CHANNELS,
  intakeRequest,
  KINDS,
  listRequestCategories,
  type AttachmentInput,
  type AttributeDef,
  type Category,
  type ContactChannel,
  type IntakeResult,
  type Kind,
} from '../../api/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ThaiDateInput } from '../../components/ThaiDateInput';
import { lang, t } from '../../i18n';
import { formatIsoDate } from '../../lib/dates';
import { CitizenLookup } from './CitizenLookup';
import { categoryName, channelLabel, choiceText, fileSize, kindLabel, questionText, readBase64 } from './labels';

type Props = {
  /** The user may search citizens (the returning-citizen lookup). */
  canSearchCitizens: boolean;
  /** The user may see a citizen's full ID and phone. */
  canReveal: boolean;
  /** A request was taken: counts and lists are stale. */
  onTaken: () => void;
};

type Answer = string | string[];

type File64 = AttachmentInput & { size: number };

/** The office's date today (`YYYY-MM-DD`, UTC+7: Thailand has no daylight saving time). */
export function officeToday(at: Date = new Date()): string {
  return new Date(at.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function emptyAnswer(a: Answer | undefined): boolean {
  return a === undefined || (Array.isArray(a) ? a.length === 0 : a.trim() === '');
}

/**
 * The channel core will pick when none is chosen, for the option's label only: it mirrors core's
 * `ContactChannel::default_for`, which decides (the taken panel shows core's choice).
 */
function autoChannel(phone: string, email: string, anonymous: boolean): ContactChannel {
  if (phone.trim() !== '') return 'sms';
  if (email.trim() !== '') return 'email';
  return anonymous ? 'none' : 'call_back';
}

/**
 * Taking a request at the counter, fast for a practised clerk: kind, category and its questions, the citizen
 * (a returning one found by name, phone or ID, or typed; or anonymous for complaints), what and where, when,
 * attachments and how they hear back. Enter moves to the next field and submits from the last; Ctrl+Enter
 * submits from anywhere. The slip prints at once; the tracking code shows large.
 */
export function IntakePanel({ canSearchCitizens, canReveal, onTaken }: Props) {
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [kind, setKind] = useState<Kind>('service');
  const [categoryCode, setCategoryCode] = useState('');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [lookup, setLookup] = useState(false);
  const [citizen, setCitizen] = useState<CitizenListItem | null>(null);
  const [name, setName] = useState('');
  const [thaiId, setThaiId] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [contactAddress, setContactAddress] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [area, setArea] = useState('');
  const [lat, setLat] = useState('');
  const [long, setLong] = useState('');
  const [occurredOn, setOccurredOn] = useState(officeToday);
  const [files, setFiles] = useState<File64[]>([]);
  const [channel, setChannel] = useState<ContactChannel | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const [reprinting, setReprinting] = useState(false);
  const [reprintError, setReprintError] = useState<IpcError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const categorySelect = useRef<HTMLSelectElement>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(() => {
    setLoadError(null);
    listRequestCategories(false).then(setCategories, (err: unknown) => setLoadError(toIpcError(err)));
  }, []);
  useEffect(load, [load]);

  const ofKind = (categories ?? []).filter((c) => c.active && c.kind === kind);
  const category = ofKind.find((c) => c.code === categoryCode) ?? null;
  const questions = [...(category?.attributes ?? [])].sort((a, b) => a.order - b.order);
  const mayBeAnonymous = kind !== 'service';
  const isAnonymous = mayBeAnonymous && anonymous;

  useEffect(() => {
    if (result) newButton.current?.focus();
  }, [result]);

  const chooseKind = (next: Kind) => {
    setKind(next);
    setCategoryCode('');
    setAnswers({});
    setMissing([]);
    if (next === 'service') setAnonymous(false);
  };

  const chooseCategory = (code: string) => {
    setCategoryCode(code);
    setAnswers({});
    setMissing([]);
  };

  const answer = (code: string, value: Answer) => {
    setAnswers((prev) => ({ ...prev, [code]: value }));
    setMissing((prev) => prev.filter((c) => c !== code));
  };

  const pick = (c: CitizenListItem) => {
    setCitizen(c);
    setName(c.fullName);
    setContactAddress(c.address);
    setLookup(false);
  };

  const addFiles = async (list: FileList | null) => {
    if (!list) return;
    const read: File64[] = [];
    for (const file of Array.from(list)) {
      read.push({ fileName: file.name, dataBase64: await readBase64(file), size: file.size });
    }
    setFiles((prev) => [...prev, ...read]);
  };

  const clear = () => {
    setCategoryCode('');
    setAnswers({});
    setMissing([]);
    setAnonymous(false);
    setCitizen(null);
    setLookup(false);
    setName('');
    setThaiId('');
    setPhone('');
    setEmail('');
    setContactAddress('');
    setDescription('');
    setAddress('');
    setArea('');
    setLat('');
    setLong('');
    setOccurredOn(officeToday());
    setFiles([]);
    setChannel('');
    setError(null);
  };

  const startNew = () => {
    setResult(null);
    setReprintError(null);
    clear();
    // The form renders again first; then the clerk starts from the category.
    setTimeout(() => categorySelect.current?.focus(), 0);
  };

  const submit = async () => {
    if (busy) return;
    const unanswered = questions.filter((q) => q.required && emptyAnswer(answers[q.code])).map((q) => q.code);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      form.current?.querySelector<HTMLElement>(`[data-question="${unanswered[0] ?? ''}"]`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const cleanAnswers: Record<string, unknown> = {};
      for (const [code, value] of Object.entries(answers)) if (!emptyAnswer(value)) cleanAnswers[code] = value;
      const taken = await intakeRequest({
        category: categoryCode,
        citizenId: isAnonymous ? null : (citizen?.id ?? null),
        thaiId: isAnonymous || citizen || thaiId.trim() === '' ? null : thaiId.trim(),
        anonymous: isAnonymous,
        contactName: isAnonymous ? '' : name.trim(),
        contactPhone: phone.trim(),
        contactEmail: email.trim(),
        contactAddress: isAnonymous ? '' : contactAddress.trim(),
        contactChannel: channel === '' ? null : channel,
        description,
        answers: cleanAnswers,
        address: address.trim(),
        area: area.trim(),
        lat: lat.trim() === '' ? null : lat.trim(),
        long: long.trim() === '' ? null : long.trim(),
        occurredOn: occurredOn === '' ? null : occurredOn,
        source: null,
        confidentiality: null,
        attachments: files.map(({ fileName, dataBase64 }) => ({ fileName, dataBase64 })),
      });
      setResult(taken);
      onTaken();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  /** Enter moves to the next field (the last one submits); Ctrl+Enter submits from anywhere. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    const target = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      void submit();
      return;
    }
    if (e.shiftKey || e.altKey) return;
    const isField =
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && !['checkbox', 'radio', 'file', 'button', 'submit'].includes(target.type));
    if (!isField) return;
    e.preventDefault();
    if (target.dataset.last === 'true') {
      void submit();
      return;
    }
    const fields = Array.from(form.current?.querySelectorAll<HTMLInputElement>('input, select, textarea') ?? []).filter(
      (el) => !el.disabled && el.type !== 'file',
    );
    fields[fields.indexOf(target as HTMLInputElement) + 1]?.focus();
  };

  const reprint = async (job: PrintJob) => {
    setReprinting(true);
    setReprintError(null);
    try {
      const again = await reprintJob(job.id);
      setResult((r) => (r ? { ...r, print: again } : r));
    } catch (caught) {
      setReprintError(toIpcError(caught));
    } finally {
      setReprinting(false);
    }
  };

  if (result) {
    return (
      <Taken
        result={result}
        reprinting={reprinting}
        reprintError={reprintError}
        onReprint={(job) => void reprint(job)}
        onNew={startNew}
        newButton={newButton}
      />
    );
  }

  const defaultChannel = autoChannel(phone, email, isAnonymous);

  return (
    <div class="requests-intake" data-testid="request-intake">
      <ErrorAlert error={loadError}>
        <button type="button" class="button" onClick={load} data-testid="intake-retry">
          {t('app.retry')}
        </button>
      </ErrorAlert>
      {canSearchCitizens && !isAnonymous && lookup && (
        <div class="requests-lookup">
          <CitizenLookup canReveal={canReveal} onPick={pick} />
        </div>
      )}
      <form
        ref={form}
        class="card requests-form"
        aria-labelledby="intake-title"
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="intake-title">{t('requests.intake.title')}</h2>
        <p class="muted">{t('requests.intake.hint')}</p>

        <fieldset class="requests-kinds">
          <legend>{t('requests.intake.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} class="checkbox">
              <input
                type="radio"
                name="intake-kind"
                value={k}
                checked={kind === k}
                data-testid={`intake-kind-${k}`}
                onChange={() => chooseKind(k)}
              />{' '}
              {kindLabel(k)}
            </label>
          ))}
        </fieldset>

        <div class="field">
          <label class="field-label" for="field-intake-category">
            {t('requests.intake.category')}
            <span class="required" aria-hidden="true">
              {' *'}
            </span>
          </label>
          <select
            id="field-intake-category"
            ref={categorySelect}
            class="select"
            required
            data-testid="intake-category"
            value={categoryCode}
            onChange={(e) => chooseCategory(e.currentTarget.value)}
          >
            <option value="">{t('requests.intake.category_choose')}</option>
            {ofKind.map((c) => (
              <option key={c.code} value={c.code}>
                {categoryName(c)}
              </option>
            ))}
          </select>
          {category && (
            <p class="field-hint" data-testid="intake-category-facts">
              {t('requests.intake.category_facts', {
                division: category.departmentName ?? t('requests.none'),
                days: category.expectedDays,
              })}
            </p>
          )}
        </div>

        {questions.length > 0 && (
          <fieldset class="requests-questions" data-testid="intake-questions">
            <legend>{t('requests.intake.questions')}</legend>
            {missing.length > 0 && (
              <p class="alert alert-error" role="alert" data-testid="intake-missing">
                {t('requests.intake.missing', {
                  questions: questions
                    .filter((q) => missing.includes(q.code))
                    .map(questionText)
                    .join(', '),
                })}
              </p>
            )}
            {questions.map((q) => (
              <Question
                key={q.code}
                q={q}
                value={answers[q.code]}
                invalid={missing.includes(q.code)}
                onValue={(v) => answer(q.code, v)}
              />
            ))}
          </fieldset>
        )}

        <fieldset class="requests-citizen">
          <legend>{t('requests.intake.citizen')}</legend>
          {mayBeAnonymous && (
            <label class="checkbox">
              <input
                type="checkbox"
                data-testid="intake-anonymous"
                checked={anonymous}
                onChange={(e) => setAnonymous(e.currentTarget.checked)}
              />{' '}
              {t('requests.intake.anonymous')}
            </label>
          )}
          {isAnonymous && (
            <p class="note" data-testid="intake-anonymous-note">
              {t('requests.intake.anonymous_note')}
            </p>
          )}
          {!isAnonymous && (
            <div data-testid="intake-identity">
              {canSearchCitizens && (
                <p>
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid="intake-find-citizen"
                    aria-expanded={lookup}
                    onClick={() => setLookup((v) => !v)}
                  >
                    {lookup ? t('requests.intake.lookup_close') : t('requests.intake.lookup')}
                  </button>
                </p>
              )}
              {citizen && (
                <p class="note" data-testid="intake-linked">
                  {t('requests.intake.linked', { name: citizen.fullName })}{' '}
                  <button
                    type="button"
                    class="link-button"
                    data-testid="intake-unlink"
                    onClick={() => {
                      setCitizen(null);
                      setName('');
                      setContactAddress('');
                    }}
                  >
                    {t('requests.intake.unlink')}
                  </button>
                </p>
              )}
              <Input id="intake-name" label={t('requests.intake.name')} value={name} onValue={setName} />
              {!citizen && (
                <Input
                  id="intake-thai-id"
                  label={t('requests.intake.thai_id')}
                  hint={t('requests.intake.thai_id_hint')}
                  value={thaiId}
                  onValue={setThaiId}
                  inputMode="numeric"
                />
              )}
              <Input
                id="intake-contact-address"
                label={t('requests.intake.contact_address')}
                value={contactAddress}
                onValue={setContactAddress}
              />
            </div>
          )}
          <Input
            id="intake-phone"
            label={t('requests.intake.phone')}
            value={phone}
            onValue={setPhone}
            inputMode="tel"
          />
          <Input
            id="intake-email"
            label={t('requests.intake.email')}
            value={email}
            onValue={setEmail}
            inputMode="email"
          />
        </fieldset>

        <div class="field">
          <label class="field-label" for="field-intake-description">
            {t('requests.intake.description')}
            <span class="required" aria-hidden="true">
              {' *'}
            </span>
          </label>
          <textarea
            id="field-intake-description"
            data-testid="intake-description"
            rows={3}
            required
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </div>
        <Input id="intake-address" label={t('requests.intake.address')} value={address} onValue={setAddress} />
        <div class="requests-row">
          <Input id="intake-area" label={t('requests.intake.area')} value={area} onValue={setArea} />
          <Input id="intake-lat" label={t('requests.intake.lat')} value={lat} onValue={setLat} inputMode="decimal" />
          <Input
            id="intake-long"
            label={t('requests.intake.long')}
            value={long}
            onValue={setLong}
            inputMode="decimal"
          />
          <div class="field">
            <label class="field-label" for="field-intake-date">
              {t('requests.intake.date')}
            </label>
            <ThaiDateInput
              id="field-intake-date"
              data-testid="intake-date"
              value={occurredOn}
              onValue={setOccurredOn}
            />
          </div>
        </div>

        <div class="field">
          <label class="field-label" for="field-intake-files">
            {t('requests.intake.files')}
          </label>
          <p class="field-hint" id="field-intake-files-hint">
            {t('requests.intake.files_hint')}
          </p>
          <input
            id="field-intake-files"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf"
            data-testid="intake-files"
            aria-describedby="field-intake-files-hint"
            onChange={(e) => {
              const input = e.currentTarget;
              void addFiles(input.files).then(() => {
                input.value = '';
              });
            }}
          />
          {files.length > 0 && (
            <ul class="requests-files" data-testid="intake-file-list">
              {files.map((f, i) => (
                <li key={`${f.fileName}-${String(i)}`} data-testid="intake-file">
                  {f.fileName} <span class="muted">({fileSize(f.size)})</span>{' '}
                  <button
                    type="button"
                    class="link-button"
                    aria-label={t('requests.intake.file_remove', { name: f.fileName })}
                    onClick={() => setFiles((prev) => prev.filter((_, j) => j !== i))}
                  >
                    {t('requests.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>

        <div class="field">
          <label class="field-label" for="field-intake-channel">
            {t('requests.intake.channel')}
          </label>
          <select
            id="field-intake-channel"
            class="select"
            data-testid="intake-channel"
            data-last="true"
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value as ContactChannel | '')}
          >
            <option value="">{t('requests.intake.channel_auto', { channel: channelLabel(defaultChannel) })}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(c)}
              </option>
            ))}
          </select>
        </div>

        <ErrorAlert error={error} onDismiss={() => setError(null)} />
        <div class="form-actions">
          <button type="submit" class="button button-primary" data-testid="intake-submit" disabled={busy}>
            {busy ? t('requests.intake.submitting') : t('requests.intake.submit')}
          </button>
          <span class="muted">{t('requests.intake.submit_keys')}</span>
        </div>
      </form>
    </div>
  );
}

type InputProps = {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  hint?: string;
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'email';
};

function Input({ id, label, value, onValue, hint, inputMode }: InputProps) {
  return (
    <div class="field">
      <label class="field-label" for={`field-${id}`}>
        {label}
      </label>
      {hint && (
        <p class="field-hint" id={`field-${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={`field-${id}`}
        class="text-input"
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        data-testid={id}
        aria-describedby={hint ? `field-${id}-hint` : undefined}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </div>
  );
}

type QuestionProps = {
  q: AttributeDef;
  value: Answer | undefined;
  invalid: boolean;
  onValue: (v: Answer) => void;
};

/** One of the category's questions, rendered by its Open311 datatype. */
function Question({ q, value, invalid, onValue }: QuestionProps) {
  const id = `field-q-${q.code}`;
  const msgId = `${id}-msg`;
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    'data-testid': `intake-q-${q.code}`,
    'data-question': q.code,
    'data-datatype': q.datatype,
    required: q.required,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': invalid ? msgId : undefined,
  };
  const label = (
    <>
      {questionText(q)}
      {q.required && (
        <span class="required" aria-hidden="true">
          {' *'}
        </span>
      )}
    </>
  );
  const error = invalid && (
    <p id={msgId} class="field-error" data-testid={`intake-q-${q.code}-error`}>
      {t('requests.intake.answer_required')}
    </p>
  );
  if (q.datatype === 'multivaluelist') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset
        class={`field${invalid ? ' field-invalid' : ''}`}
        data-testid={`intake-q-${q.code}`}
        data-datatype={q.datatype}
      >
        <legend class="field-label">{label}</legend>
        {q.values.map((v, i) => (
          <label key={v.key} class="checkbox">
            <input
              type="checkbox"
              data-question={i === 0 ? q.code : undefined}
              data-testid={`intake-q-${q.code}-${v.key}`}
              checked={chosen.includes(v.key)}
              aria-describedby={invalid ? msgId : undefined}
              onChange={(e) =>
                onValue(e.currentTarget.checked ? [...chosen, v.key] : chosen.filter((k) => k !== v.key))
              }
            />{' '}
            {choiceText(v)}
          </label>
        ))}
        {error}
      </fieldset>
    );
  }
  return (
    <div class={`field${invalid ? ' field-invalid' : ''}`}>
      <label class="field-label" for={id}>
        {label}
      </label>
      {q.datatype === 'text' && (
        <textarea {...common} rows={2} value={text} onInput={(e) => onValue(e.currentTarget.value)} />
      )}
      {q.datatype === 'singlevaluelist' && (
        <select {...common} class="select" value={text} onChange={(e) => onValue(e.currentTarget.value)}>
          <option value="">{t('requests.intake.choose')}</option>
          {q.values.map((v) => (
            <option key={v.key} value={v.key}>
              {choiceText(v)}
            </option>
          ))}
        </select>
      )}
      {(q.datatype === 'string' || q.datatype === 'number') && (
        <input
          {...common}
          class="text-input"
          type="text"
          inputMode={q.datatype === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          value={text}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
      {q.datatype === 'datetime' && (
        <ThaiDateInput
          id={id}
          data-testid={common['data-testid']}
          data={{ question: q.code, datatype: q.datatype }}
          required={q.required}
          aria-invalid={common['aria-invalid']}
          aria-describedby={common['aria-describedby']}
          value={text}
          onValue={onValue}
        />
      )}
      {error}
    </div>
  );
}

type TakenProps = {
  result: IntakeResult;
  reprinting: boolean;
  reprintError: IpcError | null;
  onReprint: (job: PrintJob) => void;
  onNew: () => void;
  newButton: { current: HTMLButtonElement | null };
};

/** The request just taken: its tracking code large, the due date, the slip's print outcome. */
function Taken({ result, reprinting, reprintError, onReprint, onNew, newButton }: TakenProps) {
  const { received, print, printError } = result;
  return (
    <section class="card requests-taken" data-testid="intake-taken" aria-labelledby="intake-code" aria-live="polite">
      <p class="muted">{t('requests.taken.title')}</p>
      <p class="requests-code" id="intake-code" data-testid="intake-code">
        {received.trackingCode}
      </p>
      <p>{lang.value === 'en' ? received.categoryNameEn : received.categoryNameTh}</p>
      <dl class="facts">
        <div class="fact">
          <dt>{t('requests.taken.due')}</dt>
          <dd data-testid="intake-due">{formatIsoDate(received.dueOn, lang.value)}</dd>
        </div>
        {received.departmentName && (
          <div class="fact">
            <dt>{t('requests.taken.division')}</dt>
            <dd>{received.departmentName}</dd>
          </div>
        )}
        <div class="fact">
          <dt>{t('requests.taken.channel')}</dt>
          <dd data-testid="intake-taken-channel">{channelLabel(received.contactChannel)}</dd>
        </div>
      </dl>
      {received.restricted && (
        <p class="alert alert-warning" data-testid="intake-restricted-note">
          {t('requests.taken.restricted')}
        </p>
      )}
      <div class="requests-print" data-testid="intake-print" data-status={print?.status ?? 'error'}>
        {print && print.status !== 'failed' && (
          <p class="form-success">{print.status === 'sent' ? t('requests.print.sent') : t('requests.print.queued')}</p>
        )}
        {(print?.status === 'failed' || (!print && printError)) && (
          <div class="alert alert-error" role="alert">
            <p class="alert-title">{t('requests.print.failed')}</p>
            <p class="alert-message" data-testid="intake-print-reason">
              {print?.reason ?? printError?.message}
            </p>
            <p class="alert-message">{t('requests.print.failed_hint', { code: received.trackingCode })}</p>
          </div>
        )}
        {print && (
          <button
            type="button"
            class="button button-secondary"
            data-testid="intake-reprint"
            disabled={reprinting}
            onClick={() => onReprint(print)}
          >
            {reprinting ? t('print.reprinting') : t('requests.print.reprint')}
          </button>
        )}
        <ErrorAlert error={reprintError} />
      </div>
      <div class="form-actions">
        <button ref={newButton} type="button" class="button button-primary" data-testid="intake-new" onClick={onNew}>
          {t('requests.taken.new')}
        </button>
      </div>
    </section>
  );
}
