import type { TaxPanelProps } from '../TaxArea';

/** Placeholder: being built. */
export function PaymentsPanel(_props: TaxPanelProps) {
  return <div data-testid="tax-payments" />;
}
