import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../api/errors';
import { getOfficeOverview } from '../../api/office';
import {
  DATATYPES,
  KINDS,
  listRequestCategories,
  saveRequestCategory,
  type AttributeDef,
  type Category,
  type CategoryInput,
  type Confidentiality,
  type Datatype,
  type Kind,
} from '../../api/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lang, t, type MessageKey } from '../../i18n';
import { categoryName, datatypeLabel, kindLabel } from '../requests';

const LEVELS: readonly Confidentiality[] = ['public', 'internal', 'restricted'];

/** A question being edited: its choices as text, one per line (`key | ชื่อไทย | English`). */
type QuestionDraft = {
  code: string;
  datatype: Datatype;
  required: boolean;
  descriptionTh: string;
  descriptionEn: string;
  choices: string;
};

type Draft = {
  id: string | null;
  code: string;
  kind: Kind;
  nameTh: string;
  nameEn: string;
  departmentCode: string;
  expectedDays: string;
  confidentiality: Confidentiality;
  active: boolean;
  sortOrder: number;
  formLabels: string;
  questions: QuestionDraft[];
};

type Division = { code: string; name: string };

const isList = (d: Datatype) => d === 'singlevaluelist' || d === 'multivaluelist';

function draftOf(c: Category | null, nextOrder: number): Draft {
  if (!c) {
    return {
      id: null,
      code: '',
      kind: 'service',
      nameTh: '',
      nameEn: '',
      departmentCode: '',
      expectedDays: '15',
      confidentiality: 'internal',
      active: true,
      sortOrder: nextOrder,
      formLabels: '',
      questions: [],
    };
  }
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    nameTh: c.nameTh,
    nameEn: c.nameEn,
    departmentCode: c.departmentCode ?? '',
    expectedDays: String(c.expectedDays),
    confidentiality: c.confidentiality,
    active: c.active,
    sortOrder: c.sortOrder,
    formLabels: c.formLabels.join('\n'),
    questions: [...c.attributes]
      .sort((a, b) => a.order - b.order)
      .map((a) => ({
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        descriptionTh: a.descriptionTh,
        descriptionEn: a.descriptionEn,
        choices: a.values.map((v) => `${v.key} | ${v.nameTh} | ${v.nameEn}`).join('\n'),
      })),
  };
}

function inputOf(d: Draft): CategoryInput {
  const attributes: AttributeDef[] = d.questions.map((q, i) => ({
    code: q.code.trim(),
    datatype: q.datatype,
    required: q.required,
    descriptionTh: q.descriptionTh.trim(),
    descriptionEn: q.descriptionEn.trim(),
    order: i + 1,
    values: isList(q.datatype)
      ? q.choices
          .split('\n')
          .map((line) => line.split('|').map((p) => p.trim()))
          .filter((parts) => (parts[0] ?? '') !== '')
          .map(([key = '', th = '', en = '']) => ({
            key,
            nameTh: th === '' ? key : th,
            nameEn: en === '' ? (th === '' ? key : th) : en,
          }))
      : [],
  }));
  return {
    id: d.id,
    code: d.code.trim(),
    kind: d.kind,
    nameTh: d.nameTh.trim(),
    nameEn: d.nameEn.trim(),
    departmentCode: d.departmentCode === '' ? null : d.departmentCode,
    expectedDays: Number(d.expectedDays),
    confidentiality: d.confidentiality,
    attributes,
    formLabels: d.formLabels
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
    active: d.active,
    sortOrder: d.sortOrder,
  };
}

/**
 * Settings → request categories (supervisors): each category's kind, names, responsible division, expected
 * days, default confidentiality and its typed questions in Open311's attribute style. Core checks them.
 */
export function RequestCategoriesSection() {
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [divisions, setDivisions] = useState<Division[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editor = useRef<HTMLFormElement>(null);

  const load = useCallback(() => {
    listRequestCategories(true).then(setCategories, (err: unknown) => setError(toIpcError(err)));
    getOfficeOverview().then(
      (o) =>
        setDivisions(o.departments.map((d) => ({ code: d.code, name: lang.value === 'en' ? d.nameEn : d.nameTh }))),
      () => undefined,
    );
  }, []);
  useEffect(load, [load]);

  useEffect(() => {
    if (draft) editor.current?.querySelector<HTMLElement>('[data-testid="category-code"]')?.focus();
    // Only when the editor opens.
  }, [draft?.id, draft === null]);

  const open = (c: Category | null) => {
    setSaved(null);
    setError(null);
    setDraft(draftOf(c, (categories?.length ?? 0) + 1));
  };

  const update = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const updateQuestion = (i: number, patch: Partial<QuestionDraft>) =>
    setDraft((d) => (d ? { ...d, questions: d.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) } : d));
  const moveQuestion = (i: number, step: -1 | 1) =>
    setDraft((d) => {
      if (!d) return d;
      const qs = [...d.questions];
      const j = i + step;
      const a = qs[i];
      const b = qs[j];
      if (!a || !b) return d;
      qs[i] = b;
      qs[j] = a;
      return { ...d, questions: qs };
    });

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const all = await saveRequestCategory(inputOf(draft));
      setCategories(all);
      setSaved(t('request_categories.saved', { name: draft.nameTh.trim() }));
      setDraft(null);
    } catch (caught) {
      setError(toIpcError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" data-testid="request-categories" aria-labelledby="request-categories-title">
      <h2 id="request-categories-title">{t('request_categories.title')}</h2>
      <p class="muted">{t('request_categories.intro')}</p>
      <div role="status" class="form-status">
        {saved && (
          <p class="form-success" data-testid="category-saved">
            {saved}
          </p>
        )}
      </div>
      <ErrorAlert error={error} onDismiss={() => setError(null)} />
      {categories === null && !error && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {categories && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('request_categories.name')}</th>
              <th scope="col">{t('request_categories.code')}</th>
              <th scope="col">{t('request_categories.kind')}</th>
              <th scope="col">{t('request_categories.division')}</th>
              <th scope="col">{t('request_categories.days')}</th>
              <th scope="col">{t('request_categories.questions')}</th>
              <th scope="col">{t('request_categories.active')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('request_categories.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id} data-testid={`category-row-${c.code}`}>
                <th scope="row">{categoryName(c)}</th>
                <td>{c.code}</td>
                <td>{kindLabel(c.kind)}</td>
                <td>{c.departmentName ?? c.departmentCode ?? t('requests.none')}</td>
                <td class="num">{c.expectedDays}</td>
                <td class="num" data-testid={`category-questions-${c.code}`}>
                  {c.attributes.length}
                </td>
                <td>
                  <span class={`badge ${c.active ? 'badge-ok' : 'badge-off'}`}>
                    {c.active ? t('request_categories.on') : t('request_categories.off')}
                  </span>
                </td>
                <td>
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid={`category-edit-${c.code}`}
                    aria-label={t('request_categories.edit_label', { name: categoryName(c) })}
                    onClick={() => open(c)}
                  >
                    {t('request_categories.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!draft && (
        <button type="button" class="button" data-testid="category-add" onClick={() => open(null)}>
          {t('request_categories.add')}
        </button>
      )}
      {draft && (
        <form
          ref={editor}
          class="requests-category-editor"
          data-testid="category-editor"
          noValidate
          aria-labelledby="category-editor-title"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h3 id="category-editor-title">
            {draft.id ? t('request_categories.edit_title') : t('request_categories.add_title')}
          </h3>
          <div class="create-fields">
            <Field id="category-code" label={t('request_categories.code')} hint={t('request_categories.code_hint')}>
              <input
                id="field-category-code"
                class="text-input"
                data-testid="category-code"
                autoComplete="off"
                value={draft.code}
                onInput={(e) => update({ code: e.currentTarget.value })}
              />
            </Field>
            <Field id="category-kind" label={t('request_categories.kind')}>
              <select
                id="field-category-kind"
                class="select"
                data-testid="category-kind"
                value={draft.kind}
                onChange={(e) => update({ kind: e.currentTarget.value as Kind })}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="category-name-th" label={t('request_categories.name_th')}>
              <input
                id="field-category-name-th"
                class="text-input"
                data-testid="category-name-th"
                value={draft.nameTh}
                onInput={(e) => update({ nameTh: e.currentTarget.value })}
              />
            </Field>
            <Field id="category-name-en" label={t('request_categories.name_en')}>
              <input
                id="field-category-name-en"
                class="text-input"
                data-testid="category-name-en"
                value={draft.nameEn}
                onInput={(e) => update({ nameEn: e.currentTarget.value })}
              />
            </Field>
            <Field id="category-division" label={t('request_categories.division')}>
              <select
                id="field-category-division"
                class="select"
                data-testid="category-division"
                value={draft.departmentCode}
                onChange={(e) => update({ departmentCode: e.currentTarget.value })}
              >
                <option value="">{t('requests.none')}</option>
                {divisions.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="category-days" label={t('request_categories.days')}>
              <input
                id="field-category-days"
                class="text-input"
                inputMode="numeric"
                data-testid="category-days"
                value={draft.expectedDays}
                onInput={(e) => update({ expectedDays: e.currentTarget.value })}
              />
            </Field>
            <Field id="category-confidentiality" label={t('request_categories.confidentiality')}>
              <select
                id="field-category-confidentiality"
                class="select"
                data-testid="category-confidentiality"
                value={draft.kind === 'corruption' ? 'restricted' : draft.confidentiality}
                disabled={draft.kind === 'corruption'}
                onChange={(e) => update({ confidentiality: e.currentTarget.value as Confidentiality })}
              >
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`request_categories.level.${l}` as MessageKey)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <label class="checkbox">
            <input
              type="checkbox"
              data-testid="category-active"
              checked={draft.active}
              onChange={(e) => update({ active: e.currentTarget.checked })}
            />{' '}
            {t('request_categories.active_label')}
          </label>
          <Field
            id="category-form-labels"
            label={t('request_categories.form_labels')}
            hint={t('request_categories.form_labels_hint')}
          >
            <textarea
              id="field-category-form-labels"
              data-testid="category-form-labels"
              rows={2}
              value={draft.formLabels}
              onInput={(e) => update({ formLabels: e.currentTarget.value })}
            />
          </Field>

          <fieldset>
            <legend>{t('request_categories.questions')}</legend>
            {draft.questions.length === 0 && <p class="muted">{t('request_categories.no_questions')}</p>}
            {draft.questions.map((q, i) => {
              const n = i + 1;
              return (
                <fieldset key={i} class="card" data-testid="question-editor">
                  <legend>{t('request_categories.question_n', { n })}</legend>
                  <div class="create-fields">
                    <Field id={`q-code-${n}`} label={t('request_categories.q_code')}>
                      <input
                        id={`field-q-code-${n}`}
                        class="text-input"
                        data-testid="question-code"
                        autoComplete="off"
                        value={q.code}
                        onInput={(e) => updateQuestion(i, { code: e.currentTarget.value })}
                      />
                    </Field>
                    <Field id={`q-type-${n}`} label={t('request_categories.q_type')}>
                      <select
                        id={`field-q-type-${n}`}
                        class="select"
                        data-testid="question-type"
                        value={q.datatype}
                        onChange={(e) => updateQuestion(i, { datatype: e.currentTarget.value as Datatype })}
                      >
                        {DATATYPES.map((dt) => (
                          <option key={dt} value={dt}>
                            {datatypeLabel(dt)}
                          </option>
                        ))}
                      </select>
                    </Field>
                    <Field id={`q-th-${n}`} label={t('request_categories.q_th')}>
                      <input
                        id={`field-q-th-${n}`}
                        class="text-input"
                        data-testid="question-th"
                        value={q.descriptionTh}
                        onInput={(e) => updateQuestion(i, { descriptionTh: e.currentTarget.value })}
                      />
                    </Field>
                    <Field id={`q-en-${n}`} label={t('request_categories.q_en')}>
                      <input
                        id={`field-q-en-${n}`}
                        class="text-input"
                        data-testid="question-en"
                        value={q.descriptionEn}
                        onInput={(e) => updateQuestion(i, { descriptionEn: e.currentTarget.value })}
                      />
                    </Field>
                  </div>
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      data-testid="question-required"
                      checked={q.required}
                      onChange={(e) => updateQuestion(i, { required: e.currentTarget.checked })}
                    />{' '}
                    {t('request_categories.q_required')}
                  </label>
                  {isList(q.datatype) && (
                    <Field
                      id={`q-choices-${n}`}
                      label={t('request_categories.q_choices')}
                      hint={t('request_categories.q_choices_hint')}
                    >
                      <textarea
                        id={`field-q-choices-${n}`}
                        data-testid="question-choices"
                        rows={3}
                        value={q.choices}
                        onInput={(e) => updateQuestion(i, { choices: e.currentTarget.value })}
                      />
                    </Field>
                  )}
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      data-testid="question-up"
                      disabled={i === 0}
                      aria-label={t('request_categories.q_up', { n })}
                      onClick={() => moveQuestion(i, -1)}
                    >
                      {t('request_categories.up')}
                    </button>
                    <button
                      type="button"
                      class="button button-secondary button-small"
                      data-testid="question-down"
                      disabled={i === draft.questions.length - 1}
                      aria-label={t('request_categories.q_down', { n })}
                      onClick={() => moveQuestion(i, 1)}
                    >
                      {t('request_categories.down')}
                    </button>
                    <button
                      type="button"
                      class="button button-danger button-small"
                      data-testid="question-remove"
                      aria-label={t('request_categories.q_remove', { n })}
                      onClick={() => update({ questions: draft.questions.filter((_, j) => j !== i) })}
                    >
                      {t('requests.remove')}
                    </button>
                  </div>
                </fieldset>
              );
            })}
            <button
              type="button"
              class="button button-secondary"
              data-testid="question-add"
              onClick={() =>
                update({
                  questions: [
                    ...draft.questions,
                    {
                      code: '',
                      datatype: 'string',
                      required: false,
                      descriptionTh: '',
                      descriptionEn: '',
                      choices: '',
                    },
                  ],
                })
              }
            >
              {t('request_categories.q_add')}
            </button>
          </fieldset>

          <div class="button-row">
            <button type="submit" class="button button-primary" data-testid="category-save" disabled={busy}>
              {t('request_categories.save')}
            </button>
            <button
              type="button"
              class="button button-secondary"
              data-testid="category-cancel"
              onClick={() => setDraft(null)}
            >
              {t('users.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: preact.ComponentChildren;
}) {
  return (
    <div class="field">
      <label class="field-label" for={`field-${id}`}>
        {label}
      </label>
      {hint && <p class="field-hint">{hint}</p>}
      {children}
    </div>
  );
}
