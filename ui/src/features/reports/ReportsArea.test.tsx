import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { setBackend } from '../../lib/backend';
import { createMockBackend } from '../../lib/mockBackend';
import { ReportsArea } from './ReportsArea';

describe('ReportsArea', () => {
  it('has its Thai heading and says honestly that the reports come later', () => {
    render(<ReportsArea permissions={[]} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('รายงาน');
    const text = screen.getByTestId('area-reports').textContent;
    expect(text).toContain('รายงาน');
    expect(text).toContain('จะมาในรุ่นถัดไป');
    expect(screen.queryByTestId('audit-log')).toBeNull();
  });

  it('shows the audit log to whoever may view it', async () => {
    setBackend(createMockBackend({ withDemoOffice: true, signedInAs: 'palad' }));
    render(<ReportsArea permissions={['viewReports', 'viewAuditLog']} />);
    expect(await screen.findByTestId('audit-log')).toBeTruthy();
    expect(screen.getByTestId('area-reports').textContent).toContain('จะมาในรุ่นถัดไป');
  });
});
