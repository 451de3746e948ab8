import type { TaxPanelProps } from '../TaxArea';

/** Placeholder: being built. */
export function RegisterPanel(_props: TaxPanelProps) {
  return <div data-testid="tax-register" />;
}
