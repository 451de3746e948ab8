import type { TaxPanelProps } from '../TaxArea';

/** Placeholder: being built. */
export function NoticesPanel(_props: TaxPanelProps) {
  return <div data-testid="tax-notices" />;
}
