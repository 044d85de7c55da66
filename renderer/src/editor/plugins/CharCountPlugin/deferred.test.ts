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
