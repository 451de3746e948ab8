import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { RequestsArea } from './RequestsArea';

describe('RequestsArea', () => {
  it('has its Thai heading and says honestly that it comes later', () => {
    render(<RequestsArea />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('คำร้อง');
    const text = screen.getByTestId('area-requests').textContent;
    expect(text).toContain('ระบบคำร้อง');
    expect(text).toContain('จะมาในรุ่นถัดไป');
  });
});
