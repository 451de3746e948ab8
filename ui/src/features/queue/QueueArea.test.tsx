import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

import { setLang } from '../../i18n';
import { QueueArea } from './QueueArea';

describe('QueueArea', () => {
  it('says in Thai what the queue will do, without any tickets', () => {
    render(<QueueArea />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('คิว');
    expect(screen.getByTestId('area-queue').textContent).toContain('ระบบคิว: ออกบัตรคิว เรียกคิว จอแสดงผล — จะมาในรุ่นถัดไป');
  });

  it('switches to English', () => {
    setLang('en');
    render(<QueueArea />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Queue');
  });
});
