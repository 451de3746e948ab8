/** Puts focus on the control with `data-testid="<testId>"` inside `root` (screens focus their first field). */
export function focusTestId(root: HTMLElement | null, testId: string): void {
  root?.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus();
}
