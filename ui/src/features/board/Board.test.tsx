import { act, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Board as BoardData } from '../../generated/Board';
import type { BoardCall } from '../../generated/BoardCall';
import { setLang } from '../../i18n';
import { setBackend } from '../../lib/backend';
import { announcementClips } from '../../lib/mockBoard';
import { createMockBackend, type MockBackend } from '../../lib/mockBackend';
import { DEMO_CITIZENS, DEMO_USERS } from '../../lib/mockData';
import { Board } from './Board';
import { displayView } from './displayView';

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the fake clock, then lets the promise chains it started (polls, clips) run to their next timer. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  // The effects that `act` flushed at its end may have started an announcement: let its clips run.
  await act(async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  });
}

function call(id: string, number: string, counter: number, recall = false): BoardCall {
  return { id, number, counter, at: '2026-11-24T02:05:00.000Z', recall, voice: announcementClips(number, counter) };
}

function boardWith(calls: BoardCall[]): BoardData {
  return {
    officeName: 'อบต.ทดสอบ',
    businessDay: '2026-11-24',
    counters: [
      { number: 1, name: 'ช่อง 1', location: 'ชั้น 1', serving: 'A011', status: 'serving' },
      { number: 2, name: 'ช่อง 2', location: 'ชั้น 1', serving: 'A012', status: 'called' },
      { number: 3, name: 'ช่อง 3', location: 'ชั้น 1', serving: null, status: null },
    ],
    calls,
    waiting: [
      { service: 'GENERAL', name: 'ติดต่อสอบถามทั่วไป', prefix: 'A', count: 4 },
      { service: 'TAX', name: 'ชำระภาษี', prefix: 'T', count: 0 },
    ],
    totalWaiting: 4,
  };
}

/** `advance` in steps of 100 ms: each step renders and runs effects, as a real second of the board would. */
async function run(ms: number) {
  for (let t = 0; t < ms; t += 100) await advance(100);
}

/** A player that records the clips and takes `ms` of (fake) time for each. */
function recorder(ms = 0) {
  const played: string[] = [];
  const play = (name: string) =>
    new Promise<void>((resolve) => {
      played.push(name);
      setTimeout(resolve, ms);
    });
  return { played, play };
}

function setUp(board: BoardData | null, withDemoOffice = false): MockBackend {
  const backend = createMockBackend({ withDemoOffice });
  backend.setBoard(board);
  setBackend(backend);
  return backend;
}

describe('Board', () => {
  it('shows the newest call, the counters, the other calls and the waiting counts', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-24T02:05:00Z') });
    setUp(boardWith([call('e3', 'A012', 2), call('e2', 'A011', 1), call('e1', 'T001', 10, true)]));
    const { play } = recorder();
    render(<Board play={play} />);
    await advance(0);

    expect(screen.getByTestId('board-office').textContent).toBe('อบต.ทดสอบ');
    // The test run's zone is Asia/Bangkok: 02:05 UTC is 09:05 on Tuesday 24 November 2569 B.E.
    expect(screen.getByTestId('board-date').textContent).toBe('วันอังคารที่ 24 พฤศจิกายน 2569');
    expect(screen.getByTestId('board-clock').textContent).toBe('09:05 น.');
    expect(screen.getByTestId('board-now-number').textContent).toBe('A012');
    expect(screen.getByTestId('board-now-counter').textContent).toBe('ช่องบริการ 2');

    expect(screen.getByTestId('board-counter-1').textContent).toContain('A011');
    expect(screen.getByTestId('board-counter-2').dataset.status).toBe('called');
    expect(screen.getByTestId('board-counter-3').textContent).toContain('ว่าง');

    const recent = screen.getByTestId('board-recent').textContent;
    expect(recent).toContain('A011');
    expect(recent).toContain('T001ช่องบริการ 10เรียกซ้ำ');
    expect(recent).not.toContain('A012');

    expect(screen.getByTestId('board-waiting-A').textContent).toBe('Aติดต่อสอบถามทั่วไป4 คิว');
    expect(screen.getByTestId('board-total').textContent).toBe('รอทั้งหมด 4 คิว');
    // Opening the board does not replay the day's calls.
    expect(screen.getByTestId('board').dataset.announcedCount).toBe('0');
  });

  it('announces a new call: chime, invitation, number, counter, in order, and flashes the panel', async () => {
    vi.useFakeTimers();
    const backend = setUp(boardWith([call('e1', 'A011', 1)]));
    const { played, play } = recorder(10);
    render(<Board play={play} />);
    await advance(0);
    await advance(1000);
    expect(played).toEqual([]);

    backend.setBoard(boardWith([call('e2', 'A012', 2), call('e1', 'A011', 1)]));
    await advance(1000);
    const root = screen.getByTestId('board');
    expect(root.dataset.announcing).toBe('chime invite letter-a digit-0 digit-1 digit-2 at-counter digit-2');
    expect(root.dataset.announcedCount).toBe('1');
    expect(screen.getByTestId('board-now').className).toContain('board-now-flash');
    await advance(200);
    expect(played).toEqual(['chime', 'invite', 'letter-a', 'digit-0', 'digit-1', 'digit-2', 'at-counter', 'digit-2']);

    // The same calls on the next polls are not announced again.
    await run(3000);
    expect(root.dataset.announcedCount).toBe('1');
  });

  it('plays calls that come together one after the other, oldest first', async () => {
    vi.useFakeTimers();
    const backend = setUp(boardWith([]));
    const { played, play } = recorder(100);
    render(<Board play={play} />);
    await advance(0);

    backend.setBoard(boardWith([call('e2', 'B002', 11), call('e1', 'A001', 21)]));
    await advance(1000);
    const root = screen.getByTestId('board');
    expect(root.dataset.announcing).toBe(announcementClips('A001', 21).join(' '));
    expect(root.dataset.announcedCount).toBe('1');
    // The panel shows the call being announced, even though a newer one is waiting its turn.
    expect(screen.getByTestId('board-now-number').textContent).toBe('A001');

    // A third call while the first two are still playing waits its turn.
    backend.setBoard(boardWith([call('e3', 'C003', 35), call('e2', 'B002', 11), call('e1', 'A001', 21)]));
    await run(5000);
    expect(root.dataset.announcedCount).toBe('3');
    expect(played.join(' ')).toBe(
      [
        'chime invite letter-a digit-0 digit-0 digit-1 at-counter twenty et',
        'chime invite letter-b digit-0 digit-0 digit-2 at-counter ten et',
        'chime invite letter-c digit-0 digit-0 digit-3 at-counter digit-3 ten digit-5',
      ].join(' '),
    );
    expect(root.dataset.announcing).toBe(announcementClips('C003', 35).join(' '));
  });

  it('skips a clip that cannot play, and offers a click to allow sound when the webview refuses it', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const backend = setUp(boardWith([]));
    const played: string[] = [];
    const play = (name: string) => {
      played.push(name);
      if (name === 'chime') return Promise.reject(new DOMException('no gesture yet', 'NotAllowedError'));
      return Promise.resolve();
    };
    render(<Board play={play} />);
    await advance(0);
    backend.setBoard(boardWith([call('e1', 'A001', 1)]));
    await advance(1000);
    expect(played).toEqual(announcementClips('A001', 1));
    expect(warn).toHaveBeenCalled();
    const button = screen.getByTestId('board-enable-sound');
    expect(button.textContent).toBe('คลิกหรือกดปุ่มใดก็ได้ เพื่อเปิดเสียงเรียกคิว');
    await act(() => button.click());
    expect(screen.queryByTestId('board-enable-sound')).toBeNull();
  });

  it('keeps the last board and says so when the queue cannot be read', async () => {
    vi.useFakeTimers();
    const backend = setUp(boardWith([call('e1', 'A001', 1)]));
    render(<Board play={recorder().play} />);
    await advance(0);
    backend.failNext('queue_board', { code: 'storage', message: 'disk' });
    await advance(1000);
    expect(screen.getByTestId('board-offline').textContent).toBe('อ่านข้อมูลคิวไม่ได้ กำลังลองใหม่…');
    expect(screen.getByTestId('board-now-number').textContent).toBe('A001');
    await advance(1000);
    expect(screen.queryByTestId('board-offline')).toBeNull();
  });

  it('shows no names or IDs: the demo office board has numbers, counters and services only', async () => {
    vi.useFakeTimers();
    setUp(null, true);
    render(<Board play={recorder().play} />);
    await advance(0);
    await advance(15_000);
    const root = screen.getByTestId('board');
    expect(screen.getByTestId('board-now-number').textContent).toMatch(/^[A-Z]\d{3}$/);
    const html = root.outerHTML;
    for (const [id, , name] of DEMO_USERS) {
      expect(html).not.toContain(name);
      expect(html).not.toContain(id);
    }
    for (const [thaiId, , first, last, phone] of DEMO_CITIZENS) {
      for (const it of [thaiId, first, last, phone].filter((s) => s !== '')) expect(html).not.toContain(it);
    }
    // Call (event) ids stay out of the page too.
    expect(html).not.toContain('demo-call-');
  });

  it('toggles full screen on F11, through the shell', async () => {
    vi.useFakeTimers();
    const backend = setUp(boardWith([]));
    render(<Board play={recorder().play} />);
    await advance(0);
    fireEvent.keyDown(window, { key: 'F11' });
    await advance(0);
    expect(backend.calls.filter((c) => c.cmd === 'toggle_fullscreen')).toHaveLength(1);
  });

  it('speaks English labels when the UI is in English, with the same numbers', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-24T02:05:00Z') });
    setLang('en');
    setUp(boardWith([call('e1', 'A012', 2)]));
    render(<Board play={recorder().play} />);
    await advance(0);
    expect(screen.getByTestId('board-date').textContent).toBe('Tuesday, 24 November 2569 BE');
    expect(screen.getByTestId('board-now-counter').textContent).toBe('Counter 2');
  });
});

describe('displayView', () => {
  it('picks the board, a customer screen, or the app', () => {
    expect(displayView('?view=board')?.type).toBe(Board);
    const customer = displayView('?view=customer&counter=3');
    expect((customer?.props as { counter: number | null }).counter).toBe(3);
    for (const bad of ['?view=customer', '?view=customer&counter=0', '?view=customer&counter=x1']) {
      expect((displayView(bad)?.props as { counter: number | null }).counter).toBeNull();
    }
    expect(displayView('')).toBeNull();
    expect(displayView('?area=queue')).toBeNull();
  });
});
