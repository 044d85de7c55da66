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

export function deferred(task: () => void, delayMs: number, maxWaitMs: number, timers: Timers = realTimers): Deferred {
  let handle: unknown = null;
  let firstRequest: number | null = null;

  const run = () => {
    handle = null;
    firstRequest = null;
    task();
  };

  return {
    request() {
      const now = timers.now();
      firstRequest ??= now;
      if (handle !== null) timers.clear(handle);
      const wait = Math.max(0, Math.min(delayMs, firstRequest + maxWaitMs - now));
      handle = timers.set(run, wait);
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
