/**
 * The six navigation areas, in menu order; Alt+1 … Alt+6 select them. The keys keep their meaning whatever
 * the user's role: Alt+3 is always the tax area, and does nothing for someone who may not open it.
 */
import type { Area as AreaId } from '../generated/Area';
import type { MessageKey } from '../i18n';

export type { AreaId };

export type Area = {
  id: AreaId;
  label: MessageKey;
  /** The shortcut shown next to the label and declared in `aria-keyshortcuts`. */
  shortcut: string;
};

export const AREAS: readonly Area[] = (
  [
    ['queue', 'nav.queue'],
    ['requests', 'nav.requests'],
    ['tax', 'nav.tax'],
    ['reports', 'nav.reports'],
    ['sync', 'nav.sync'],
    ['settings', 'nav.settings'],
  ] as const
).map(([id, label], idx) => ({ id, label, shortcut: `Alt+${String(idx + 1)}` }));

/**
 * The area an Alt+digit key press selects, or `null`. Uses `KeyboardEvent.code` (the physical key) because
 * with Alt held, `key` depends on the keyboard layout (Thai Kedmanee, macOS Option characters).
 */
export function areaForShortcut(
  e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
): AreaId | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^(?:Digit|Numpad)([1-6])$/.exec(e.code);
  return m ? (AREAS[Number(m[1]) - 1]?.id ?? null) : null;
}

/** The areas the session may open, in the order the backend lists them (its navigation order). */
export function openAreas(allowed: readonly AreaId[]): readonly Area[] {
  return allowed.flatMap((id) => AREAS.find((it) => it.id === id) ?? []);
}
