import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { TaxArea } from './TaxArea';

describe('TaxArea', () => {
  it('has its Thai heading and the three tabs in the order of a tax year', () => {
    render(<TaxArea permissions={['useTax']} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ภาษี');
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs).toEqual(['ทะเบียนทรัพย์สิน', 'ประเมินและแจ้งภาษี', 'รับชำระภาษี']);
  });

  it('moves between tabs with the arrow keys', () => {
    render(<TaxArea permissions={['useTax']} />);
    const first = screen.getByTestId('tax-tab-register');
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(screen.getByTestId('tax-tab-notices').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(screen.getByTestId('tax-tab-notices'), { key: 'ArrowLeft' });
    expect(screen.getByTestId('tax-tab-register').getAttribute('aria-selected')).toBe('true');
  });
});
