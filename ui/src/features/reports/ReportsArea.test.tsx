import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { ReportsArea } from './ReportsArea';

describe('ReportsArea', () => {
  it('has its Thai heading and says honestly that it comes later', () => {
    render(<ReportsArea />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('รายงาน');
    const text = screen.getByTestId('area-reports').textContent;
    expect(text).toContain('รายงาน');
    expect(text).toContain('จะมาในรุ่นถัดไป');
  });
});
