import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { RequestsArea } from './RequestsArea';

describe('RequestsArea', () => {
  it('has its Thai heading and says honestly that it comes later', () => {
    render(<RequestsArea permissions={[]} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('คำร้อง');
    const text = screen.getByTestId('area-requests').textContent;
    expect(text).toContain('ระบบคำร้อง');
    expect(text).toContain('จะมาในรุ่นถัดไป');
    expect(screen.queryByTestId('citizen-lookup')).toBeNull();
  });

  it('offers the citizen lookup to whoever may search citizens', () => {
    render(<RequestsArea permissions={['useRequests', 'searchCitizens']} />);
    expect(screen.getByTestId('citizen-lookup')).toBeTruthy();
    expect(screen.getByTestId('area-requests').textContent).toContain('ระบบคำร้อง');
  });
});
