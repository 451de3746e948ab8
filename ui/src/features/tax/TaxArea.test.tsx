import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { TaxArea } from './TaxArea';

describe('TaxArea', () => {
  it('has its Thai heading and says honestly that it comes later', () => {
    render(<TaxArea />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ภาษี');
    const text = screen.getByTestId('area-tax').textContent;
    expect(text).toContain('ระบบภาษี');
    expect(text).toContain('จะมาในรุ่นถัดไป');
  });
});
