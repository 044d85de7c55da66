import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { deferred } from './deferred';

describe('deferred counting', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after a pause in requests', () => {
    const task = vi.fn();
    const d = deferred(task, 300, 2000);
    for (let i = 0; i < 10; i++) {
      d.request();
      vi.advanceTimersByTime(50);
    }
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs at least every maxWait while requests never pause', () => {
    const task = vi.fn();
    const d = deferred(task, 300, 2000);
    for (let i = 0; i < 100; i++) {
      d.request();
      vi.advanceTimersByTime(100); // a keystroke every 100 ms for 10 s
    }
    expect(task.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(task.mock.calls.length).toBeLessThanOrEqual(6);
  });

  it('sets no timer per request while one is pending', () => {
    let now = 0;
    const pending: Array<{ fn: () => void; at: number }> = [];
    const timers = {
      set: (fn: () => void, ms: number) => pending.push({ fn, at: now + ms }),
      clear: () => {
        throw new Error('no timer is cleared while typing');
      },
      now: () => now,
    };
    const task = vi.fn();
    const d = deferred(task, 300, 2000, timers);
    for (let i = 0; i < 50; i++) {
      d.request();
      now += 40;
      // Timers due by now fire (each sets at most one more).
      for (let t = pending.findIndex((p) => p.at <= now); t >= 0; t = pending.findIndex((p) => p.at <= now))
        pending.splice(t, 1)[0]!.fn();
    }
    // 50 keystrokes 40 ms apart: two seconds of non-stop typing, one run at maxWait, no timer left.
    expect(task).toHaveBeenCalledTimes(1);
    expect(pending).toHaveLength(0);
    d.request();
    expect(pending).toHaveLength(1);
    now += 300;
    pending.splice(0, 1)[0]!.fn();
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('flushes a pending run at once and cancels cleanly', () => {
    const task = vi.fn();
    const d = deferred(task, 300, 2000);
    d.flush();
    expect(task).not.toHaveBeenCalled();
    d.request();
    d.flush();
    expect(task).toHaveBeenCalledTimes(1);
    d.request();
    d.cancel();
    vi.advanceTimersByTime(5000);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
