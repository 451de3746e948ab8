import { useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import {
  addRequestAttachment,
  addRequestNote,
  assignRequest,
  changeRequestState,
  getRequest,
  getRequestAttachment,
  rateRequest,
  type AttachmentData,
  type AttachmentMeta,
  type AttributeDef,
  type RequestDetail,
  type RequestState,
  type StaffOption,
} from '../../api/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lang, t, type MessageKey } from '../../i18n';
import { formatIsoDate, formatTimestamp } from '../../lib/dates';
import {
  categoryName,
  channelLabel,
  choiceText,
  fileSize,
  kindLabel,
  questionText,
  readBase64,
  stateLabel,
} from './labels';

/** A division to route requests to. */
export type Division = { code: string; name: string };

type Props = {
  id: string;
  /** The signed-in user (for "take this one"). */
  userId: string | null;
  divisions: readonly Division[];
  staff: readonly StaffOption[];
  onBack: () => void;
  /** The request changed: counts and lists are stale. */
  onChanged: () => void;
};

/** An answer as people read it: a choice's name, several joined, or the text. */
function answerText(q: AttributeDef | undefined, value: unknown): string {
  const choice = (key: unknown) => {
    const v = q?.values.find((it) => it.key === key);
    return v ? choiceText(v) : String(key);
  };
  if (Array.isArray(value)) return value.map(choice).join(', ');
  if (q && (q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist')) return choice(value);
  if (q?.datatype === 'datetime' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatIsoDate(value, lang.value);
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function parseAnswers(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const EVENT_KINDS = ['received', 'state', 'assigned', 'note', 'attachment', 'escalated', 'rated', 'called'];

/**
 * One request: everything about it this user may see, its timeline, the messages queued for the citizen, and
 * (when they may work it) the state buttons core allows, assignment, notes, attachments and the rating.
 */
export function RequestDetailPanel({ id, userId, divisions, staff, onBack, onChanged }: Props) {
  const [detail, setDetail] = useState<RequestDetail | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const [stateNote, setStateNote] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [division, setDivision] = useState('');
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  const [notePublic, setNotePublic] = useState(false);
  const [completion, setCompletion] = useState(false);
  const [opened, setOpened] = useState<Record<string, AttachmentData>>({});
  const [done, setDone] = useState<MessageKey | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setDetail(null);
    setLoadError(null);
    getRequest(id).then(
      (d) => {
        setDetail(d);
        setDivision(d.departmentCode ?? '');
        setAssignee(d.assigneeId ?? '');
      },
      (err: unknown) => setLoadError(toIpcError(err)),
    );
  }, [id]);

  useEffect(() => {
    if (detail) heading.current?.focus();
    // Only when a request is first shown, not after each change.
  }, [detail?.id]);

  const act = async (f: () => Promise<RequestDetail>, success: MessageKey, after?: () => void) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const next = await f();
      setDetail(next);
      setDone(success);
      after?.();
      onChanged();
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <section class="card" data-testid="request-detail">
        <ErrorAlert error={loadError} />
        <button type="button" class="button button-secondary" data-testid="detail-back" onClick={onBack}>
          {t('requests.detail.back')}
        </button>
      </section>
    );
  }
  if (!detail) {
    return (
      <p class="muted" role="status">
        {t('app.loading')}
      </p>
    );
  }

  const d = detail;
  const answers = parseAnswers(d.answers);
  const questions = [...d.attributes].sort((a, b) => a.order - b.order);
  const extra = Object.keys(answers).filter((code) => !questions.some((q) => q.code === code));
  const divisionStaff = staff.filter((s) => division === '' || s.departmentCode === division);
  const stepNeedsNote = (to: RequestState) =>
    to === 'not_our_remit' || to === 'forwarded' || to === 'cancelled' || (to === 'checking' && !isOpenState(d.state));

  const open = async (a: AttachmentMeta) => {
    try {
      const data = await getRequestAttachment(a.id);
      setOpened((o) => ({ ...o, [a.id]: data }));
    } catch (caught) {
      setError(toIpcError(caught));
    }
  };

  return (
    <section class="card requests-detail" data-testid="request-detail" aria-labelledby="detail-title">
      <div class="section-heading-row">
        <button type="button" class="button button-secondary button-small" data-testid="detail-back" onClick={onBack}>
          {t('requests.detail.back')}
        </button>
      </div>
      <h2 id="detail-title" tabIndex={-1} ref={heading}>
        <span class="requests-code-small" data-testid="detail-code">
          {d.trackingCode}
        </span>{' '}
        {categoryName({ nameTh: d.categoryNameTh, nameEn: d.categoryNameEn })}
      </h2>
      <p>
        <span class={`badge requests-state requests-state-${d.state}`} data-testid="detail-state">
          {stateLabel(d.state)}
        </span>
        {d.overdue && (
          <span class="badge badge-failed" data-testid="detail-overdue">
            {t('requests.overdue')}
          </span>
        )}
        {d.confidentiality === 'restricted' && (
          <span class="badge badge-restricted" data-testid="detail-restricted">
            {t('requests.restricted')}
          </span>
        )}
      </p>

      <dl class="facts requests-facts">
        <Fact label={t('requests.detail.kind')}>{kindLabel(d.kind)}</Fact>
        <Fact label={t('requests.detail.received')}>
          {formatTimestamp(d.receivedAt, lang.value)}
          {d.receivedBy ? ` (${d.receivedBy})` : ''}
        </Fact>
        <Fact label={t('requests.detail.source')}>{t(`requests.source.${d.source}` as MessageKey)}</Fact>
        <Fact label={t('requests.detail.occurred')}>{formatIsoDate(d.occurredOn, lang.value)}</Fact>
        <Fact label={t('requests.detail.due')} testId="detail-due">
          {formatIsoDate(d.dueOn, lang.value)}
        </Fact>
        <Fact label={t('requests.detail.division')} testId="detail-division">
          {d.departmentName ?? t('requests.none')}
        </Fact>
        <Fact label={t('requests.detail.assignee')} testId="detail-assignee">
          {d.assigneeName ?? t('requests.none')}
        </Fact>
        <Fact label={t('requests.detail.channel')}>{channelLabel(d.contactChannel)}</Fact>
        <Fact label={t('requests.detail.place')}>
          {[d.address, d.area].filter((s) => s !== '').join(' · ') || t('requests.none')}
          {d.lat && d.long ? ` (${d.lat}, ${d.long})` : ''}
        </Fact>
        {d.duplicateOf && <Fact label={t('requests.detail.duplicate_of')}>{d.duplicateOf}</Fact>}
        {d.statusNotes && (
          <Fact label={t('requests.detail.status_notes')} testId="detail-status-notes">
            {d.statusNotes}
          </Fact>
        )}
        {d.rating !== null && (
          <Fact label={t('requests.detail.rating')} testId="detail-rating">
            {t('requests.detail.rating_value', { score: d.rating })}
          </Fact>
        )}
      </dl>

      <h3>{t('requests.detail.reporter')}</h3>
      <div data-testid="detail-reporter">
        {d.anonymous && <p>{t('requests.detail.anonymous')}</p>}
        {!d.anonymous && d.reporterHidden && <p>{t('requests.hidden')}</p>}
        {d.reporter && (
          <dl class="facts">
            <Fact label={t('requests.intake.name')}>{d.reporter.name || t('requests.none')}</Fact>
            <Fact label={t('requests.intake.phone')}>{d.reporter.phone || t('requests.none')}</Fact>
            {d.reporter.email && <Fact label={t('requests.intake.email')}>{d.reporter.email}</Fact>}
            {d.reporter.address && <Fact label={t('requests.intake.contact_address')}>{d.reporter.address}</Fact>}
          </dl>
        )}
      </div>

      <h3>{t('requests.detail.description')}</h3>
      <p class="requests-description" data-testid="detail-description">
        {d.description}
      </p>

      {(questions.length > 0 || extra.length > 0) && (
        <dl class="facts" data-testid="detail-answers">
          {questions
            .filter((q) => answers[q.code] !== undefined)
            .map((q) => (
              <Fact key={q.code} label={questionText(q)} testId={`detail-answer-${q.code}`}>
                {answerText(q, answers[q.code])}
              </Fact>
            ))}
          {extra.map((code) => (
            <Fact key={code} label={code}>
              {answerText(undefined, answers[code])}
            </Fact>
          ))}
        </dl>
      )}

      {d.attachments.length > 0 && (
        <>
          <h3>{t('requests.detail.attachments')}</h3>
          <ul class="requests-files" data-testid="detail-attachments">
            {d.attachments.map((a) => {
              const data = opened[a.id];
              return (
                <li key={a.id} data-testid="detail-attachment">
                  {a.fileName} <span class="muted">({fileSize(a.size)})</span>
                  {a.purpose === 'completion' && (
                    <span class="badge badge-ok">{t('requests.detail.completion')}</span>
                  )}{' '}
                  {!data && (
                    <button type="button" class="link-button" onClick={() => void open(a)}>
                      {t('requests.detail.open_file')}
                    </button>
                  )}
                  {data && data.mediaType.startsWith('image/') && (
                    <img
                      class="requests-photo"
                      src={`data:${data.mediaType};base64,${data.dataBase64}`}
                      alt={t('requests.detail.photo_alt', { name: a.fileName })}
                    />
                  )}
                  {data?.mediaType === 'application/pdf' && (
                    <a href={`data:application/pdf;base64,${data.dataBase64}`} download={a.fileName}>
                      {t('requests.detail.download', { name: a.fileName })}
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}

      <h3>{t('requests.detail.timeline')}</h3>
      <ol class="requests-timeline" data-testid="detail-timeline">
        {d.events.map((e) => (
          <li key={e.id} data-testid="timeline-event" data-kind={e.kind}>
            <span class="muted">{formatTimestamp(e.at, lang.value, 'short')}</span>{' '}
            <strong>
              {EVENT_KINDS.includes(e.kind) ? t(`requests.event.${e.kind}` as MessageKey) : e.kind}
              {e.toState && `: ${stateLabel(e.toState)}`}
            </strong>{' '}
            {e.userName && <span>({e.userName})</span>}{' '}
            {(e.kind === 'note' || e.note !== '') && (
              <span
                class={`badge ${e.public ? 'badge-ok' : 'badge-default'}`}
                data-testid={e.public ? 'timeline-public' : 'timeline-internal'}
              >
                {e.public ? t('requests.note.public_badge') : t('requests.note.internal_badge')}
              </span>
            )}
            {e.note && <p class="requests-note">{e.note}</p>}
          </li>
        ))}
      </ol>

      {d.notifications.length > 0 && (
        <>
          <h3>{t('requests.detail.notifications')}</h3>
          <ul data-testid="detail-notifications">
            {d.notifications.map((n) => (
              <li key={n.id} data-testid="detail-notification" data-channel={n.channel}>
                {t('requests.detail.notified', {
                  channel: ['sms', 'email', 'call_back', 'none'].includes(n.channel)
                    ? channelLabel(n.channel as 'sms')
                    : n.channel,
                  message: n.message,
                })}{' '}
                <span class="muted">({t(`requests.notification.${n.state}` as MessageKey)})</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {done && (
        <p class="form-success" role="status" data-testid="detail-done">
          {t(done)}
        </p>
      )}

      {d.allowedStates.length > 0 && (
        <section class="requests-action" aria-labelledby="detail-state-title">
          <h3 id="detail-state-title">{t('requests.detail.change_state')}</h3>
          <div class="field">
            <label class="field-label" for="field-state-note">
              {t('requests.detail.state_note')}
            </label>
            <p class="field-hint" id="field-state-note-hint">
              {t('requests.detail.state_note_hint')}
            </p>
            <textarea
              id="field-state-note"
              data-testid="state-note"
              rows={2}
              aria-describedby="field-state-note-hint"
              value={stateNote}
              onInput={(e) => setStateNote(e.currentTarget.value)}
            />
          </div>
          {d.allowedStates.includes('duplicate') && (
            <div class="field">
              <label class="field-label" for="field-duplicate-of">
                {t('requests.detail.duplicate_of_input')}
              </label>
              <input
                id="field-duplicate-of"
                class="text-input"
                type="text"
                autoComplete="off"
                data-testid="state-duplicate-of"
                value={duplicateOf}
                onInput={(e) => setDuplicateOf(e.currentTarget.value)}
              />
            </div>
          )}
          <div class="button-row">
            {d.allowedStates.map((s) => (
              <button
                key={s}
                type="button"
                class="button"
                data-testid={`state-to-${s}`}
                disabled={busy}
                onClick={() =>
                  void act(
                    () => changeRequestState(d.id, s, stateNote, s === 'duplicate' ? duplicateOf : null),
                    'requests.detail.state_done',
                    () => {
                      setStateNote('');
                      setDuplicateOf('');
                    },
                  )
                }
              >
                {!isOpenState(d.state) && s === 'checking' ? t('requests.detail.reopen') : stateLabel(s)}
                {stepNeedsNote(s) && <span class="visually-hidden">{t('requests.detail.needs_note')}</span>}
              </button>
            ))}
          </div>
        </section>
      )}

      {d.canAssign && (
        <section class="requests-action" aria-labelledby="detail-assign-title">
          <h3 id="detail-assign-title">{t('requests.detail.assign')}</h3>
          <div class="requests-row">
            <div class="field">
              <label class="field-label" for="field-assign-division">
                {t('requests.detail.division')}
              </label>
              <select
                id="field-assign-division"
                class="select"
                data-testid="assign-division"
                value={division}
                onChange={(e) => {
                  setDivision(e.currentTarget.value);
                  setAssignee('');
                }}
              >
                <option value="">{t('requests.none')}</option>
                {divisions.map((v) => (
                  <option key={v.code} value={v.code}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label class="field-label" for="field-assign-person">
                {t('requests.detail.assignee')}
              </label>
              <select
                id="field-assign-person"
                class="select"
                data-testid="assign-person"
                value={assignee}
                onChange={(e) => setAssignee(e.currentTarget.value)}
              >
                <option value="">{t('requests.none')}</option>
                {divisionStaff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="button-row">
            <button
              type="button"
              class="button"
              data-testid="assign-save"
              disabled={busy}
              onClick={() =>
                void act(
                  () => assignRequest(d.id, division === '' ? null : division, assignee === '' ? null : assignee),
                  'requests.detail.assign_done',
                )
              }
            >
              {t('requests.detail.assign_save')}
            </button>
            {userId !== null && d.assigneeId !== userId && (
              <button
                type="button"
                class="button button-secondary"
                data-testid="assign-me"
                disabled={busy}
                onClick={() =>
                  void act(
                    () =>
                      assignRequest(
                        d.id,
                        d.departmentCode ?? staff.find((s) => s.id === userId)?.departmentCode ?? null,
                        userId,
                      ),
                    'requests.detail.assign_done',
                    () => setAssignee(userId),
                  )
                }
              >
                {t('requests.detail.assign_me')}
              </button>
            )}
          </div>
        </section>
      )}

      {d.canWork && (
        <section class="requests-action" aria-labelledby="detail-note-title">
          <h3 id="detail-note-title">{t('requests.detail.add_note')}</h3>
          <div class="field">
            <label class="field-label" for="field-note">
              {t('requests.detail.note')}
            </label>
            <textarea
              id="field-note"
              data-testid="note-text"
              rows={2}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="note-public"
              checked={notePublic}
              onChange={(e) => setNotePublic(e.currentTarget.checked)}
            />{' '}
            {t('requests.detail.note_public')}
          </label>
          <div class="button-row">
            <button
              type="button"
              class="button"
              data-testid="note-save"
              disabled={busy}
              onClick={() =>
                void act(
                  () => addRequestNote(d.id, note, notePublic),
                  'requests.detail.note_done',
                  () => {
                    setNote('');
                    setNotePublic(false);
                  },
                )
              }
            >
              {t('requests.detail.note_save')}
            </button>
          </div>

          <h3>{t('requests.detail.add_file')}</h3>
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="file-completion"
              checked={completion}
              onChange={(e) => setCompletion(e.currentTarget.checked)}
            />{' '}
            {t('requests.detail.file_completion')}
          </label>
          <div class="field">
            <label class="field-label" for="field-detail-file">
              {t('requests.detail.file')}
            </label>
            <input
              id="field-detail-file"
              type="file"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              data-testid="file-input"
              disabled={busy}
              onChange={(e) => {
                const input = e.currentTarget;
                const file = input.files?.[0];
                if (!file) return;
                void readBase64(file).then((dataBase64) =>
                  act(
                    () => addRequestAttachment(d.id, { fileName: file.name, dataBase64 }, completion),
                    'requests.detail.file_done',
                    () => {
                      input.value = '';
                      setCompletion(false);
                    },
                  ),
                );
              }}
            />
          </div>
        </section>
      )}

      {d.canRate && (
        <section class="requests-action" aria-labelledby="detail-rate-title">
          <h3 id="detail-rate-title">{t('requests.detail.rate')}</h3>
          <p class="field-hint">{t('requests.detail.rate_hint')}</p>
          <div class="button-row" role="group" aria-labelledby="detail-rate-title">
            {[1, 2, 3, 4, 5].map((score) => (
              <button
                key={score}
                type="button"
                class="button"
                data-testid={`rate-${String(score)}`}
                disabled={busy}
                aria-label={t('requests.detail.rate_label', { score })}
                onClick={() => void act(() => rateRequest(d.id, score), 'requests.detail.rate_done')}
              >
                {score}
              </button>
            ))}
          </div>
        </section>
      )}
    </section>
  );
}

function isOpenState(s: RequestState): boolean {
  return s === 'received' || s === 'checking' || s === 'in_progress' || s === 'forwarded';
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: preact.ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
