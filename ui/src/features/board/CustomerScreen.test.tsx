import { act, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Board as BoardData } from '../../generated/Board';
import type { RatingPrompt } from '../../generated/RatingPrompt';
import { setBackend } from '../../lib/backend';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { CustomerScreen, THANKS_MS } from './CustomerScreen';

afterEach(() => {
  vi.useRealTimers();
});

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const BOARD: BoardData = {
  officeName: 'อบต.ทดสอบ',
  businessDay: '2026-11-24',
  counters: [
    { number: 1, name: 'งานทะเบียน', location: 'ชั้น 1', serving: 'A011', status: 'serving' },
    { number: 2, name: 'งานคลัง', location: 'ชั้น 1', serving: 'T004', status: 'serving' },
  ],
  calls: [],
  waiting: [],
  totalWaiting: 0,
};

const PROMPT: RatingPrompt = {
  ticketId: 'ticket-1',
  number: 'T004',
  counter: 2,
  serviceName: 'ชำระภาษีที่ดิน',
  finishedAt: '2026-11-24T02:05:00.000Z',
};

function setUp(): MockBackend {
  const backend = createMockBackend();
  backend.setBoard(BOARD);
  setBackend(backend);
  return backend;
}

const rateCalls = (backend: MockBackend) => backend.calls.filter((c) => c.cmd === 'queue_rate_at_counter');

describe('CustomerScreen', () => {
  it('shows its counter and the number served there while there is nothing to rate', async () => {
    vi.useFakeTimers();
    setUp();
    render(<CustomerScreen counter={2} />);
    await advance(0);
    expect(screen.getByTestId('customer-counter').textContent).toBe('ช่องบริการ 2');
    expect(screen.getByTestId('customer-serving').textContent).toBe('T004');
    expect(screen.queryByTestId('customer-rating')).toBeNull();
  });

  it('asks for a rating when the ticket is finished; a tap on 4 rates it 4 and thanks for five seconds', async () => {
    vi.useFakeTimers();
    const backend = setUp();
    render(<CustomerScreen counter={2} />);
    await advance(0);
    backend.setRatingPrompt(2, PROMPT);
    await advance(1000);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('กรุณาให้คะแนนความพึงพอใจ');
    expect(screen.getByTestId('customer-rating').textContent).toContain('หมายเลข T004 · ชำระภาษีที่ดิน');
    expect(['1', '2', '3', '4', '5'].map((s) => screen.getByTestId(`rate-${s}`).textContent)).toEqual([
      '1ปรับปรุง',
      '2พอใช้',
      '3ดี',
      '4ดีมาก',
      '5ดีเยี่ยม',
    ]);

    fireEvent.click(screen.getByTestId('rate-4'));
    await advance(0);
    expect(rateCalls(backend).map((c) => c.args)).toEqual([{ counter: 2, score: 4 }]);
    expect(screen.getByTestId('customer-thanks').textContent).toBe('ขอบคุณค่ะ');
    expect(screen.queryByTestId('customer-rating')).toBeNull();

    await advance(THANKS_MS - 1000);
    expect(screen.getByTestId('customer-thanks')).toBeTruthy();
    await advance(1000);
    expect(screen.queryByTestId('customer-thanks')).toBeNull();
    // Rated once: the prompt does not come back.
    expect(screen.queryByTestId('customer-rating')).toBeNull();
    expect(screen.getByTestId('customer-serving').textContent).toBe('T004');
  });

  it('takes the keys 1 to 5 too', async () => {
    vi.useFakeTimers();
    const backend = setUp();
    backend.setRatingPrompt(2, PROMPT);
    render(<CustomerScreen counter={2} />);
    await advance(0);
    fireEvent.keyDown(window, { key: '9' });
    fireEvent.keyDown(window, { key: '5' });
    await advance(0);
    expect(rateCalls(backend).map((c) => c.args)).toEqual([{ counter: 2, score: 5 }]);
    expect(screen.getByTestId('customer-thanks')).toBeTruthy();
  });

  it('shows why a rating was refused and keeps the faces', async () => {
    vi.useFakeTimers();
    const backend = setUp();
    backend.setRatingPrompt(2, PROMPT);
    render(<CustomerScreen counter={2} />);
    await advance(0);
    backend.failNext('queue_rate_at_counter', { code: 'notFound', message: 'หมดเวลาให้คะแนน' });
    fireEvent.click(screen.getByTestId('rate-3'));
    await advance(0);
    expect(screen.getByTestId('error-message').textContent).toContain('หมดเวลาให้คะแนน');
    expect(screen.getByTestId('customer-rating')).toBeTruthy();
  });

  it('says how to open it when the page has no counter', () => {
    render(<CustomerScreen counter={null} />);
    expect(screen.getByTestId('customer-no-counter').textContent).toContain('ไม่ได้ระบุช่องบริการ');
  });
});
