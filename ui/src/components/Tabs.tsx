import { useRef } from 'preact/hooks';

import { t, type MessageKey } from '../i18n';

type Props<T extends string> = {
  /** The tabs, in order: an id, the message key of its label and, optionally, a count shown beside it. */
  tabs: readonly { id: T; label: MessageKey; count?: number | null | undefined }[];
  selected: T;
  onSelect: (id: T) => void;
  /** Prefix of the ids and test ids: `<prefix>-tab-<id>`, and the panel `<prefix>-panel-<id>`. */
  prefix: string;
  /** The message key naming the whole strip for screen readers. */
  label: MessageKey;
};

/**
 * A strip of tabs (WAI-ARIA tabs pattern): one tab in the tab order, Left and Right move between them and
 * follow the focus. The area renders its panel with `role="tabpanel"` and `id="<prefix>-panel-<id>"`.
 */
export function Tabs<T extends string>({ tabs, selected, onSelect, prefix, label }: Props<T>) {
  const refs = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const idx = tabs.findIndex((it) => it.id === selected);
    const step = e.key === 'ArrowRight' ? 1 : tabs.length - 1;
    const next = tabs[(idx + step) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    refs.current[next.id]?.focus();
  };

  return (
    <div class="tabs" role="tablist" aria-label={t(label)}>
      {tabs.map((it) => (
        <button
          key={it.id}
          ref={(el) => {
            refs.current[it.id] = el;
          }}
          type="button"
          role="tab"
          id={`${prefix}-tab-${it.id}`}
          class="tab"
          aria-selected={selected === it.id}
          aria-controls={`${prefix}-panel-${it.id}`}
          tabIndex={selected === it.id ? 0 : -1}
          data-testid={`${prefix}-tab-${it.id}`}
          onClick={() => onSelect(it.id)}
          onKeyDown={onKey}
        >
          {t(it.label)}
          {it.count !== undefined && it.count !== null && (
            <span class="tab-count" data-testid={`${prefix}-count-${it.id}`}>
              {it.count}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
