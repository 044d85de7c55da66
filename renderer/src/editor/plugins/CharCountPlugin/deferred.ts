/**
 * Runs a task some time after the last request, but never later than `maxWaitMs`
 * after the first unanswered one: a reporter typing without pause still sees the
 * count move every couple of seconds, and a burst of keystrokes costs one run.
 * Timers are injected so the rule is tested without waiting.
 */
export type Timers = {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
  now: () => number;
};

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export type Deferred = { request: () => void; flush: () => void; cancel: () => void };

/**
 * A request costs one clock read: the timer is not cleared and set again per
 * keystroke, but set once and, when it fires before the pause is over, set again
 * for the rest of it (issue 3, typing benchmark: every plugin that follows the
 * body asks on every keystroke).
 */
export function deferred(
  task: () => void,
  delayMs: number,
  maxWaitMs: number,
  timers: Timers = realTimers,
): Deferred {
  let handle: unknown = null;
  let firstRequest: number | null = null;
  let lastRequest = 0;

  const run = () => {
    handle = null;
    firstRequest = null;
    task();
  };

  const due = () => Math.min(lastRequest + delayMs, (firstRequest ?? lastRequest) + maxWaitMs);

  const fire = () => {
    const wait = due() - timers.now();
    if (wait > 0) handle = timers.set(fire, wait);
    else run();
  };

  return {
    request() {
      lastRequest = timers.now();
      firstRequest ??= lastRequest;
      if (handle === null) handle = timers.set(fire, Math.max(0, due() - lastRequest));
    },
    flush() {
      if (handle === null) return;
      timers.clear(handle);
      run();
    },
    cancel() {
      if (handle !== null) timers.clear(handle);
      handle = null;
      firstRequest = null;
    },
  };
}
