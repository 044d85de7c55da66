/**
 * Where the live checks run. One checks worker per window (checks.worker.ts) serves
 * every open story, each as a session; the main thread sends only what changed
 * (StoryMirror) and gets the findings back with the version it asked for.
 *
 * Only when the worker cannot be had (Worker missing or refused at construction,
 * or the worker failing to load, e.g. under a stricter CSP) do the checks run here,
 * on the main thread, in idle slices as before; that is logged once.
 */
import { configureCopyChecks } from '../../../../shared/checks/copy-rules';
import type { Finding } from '../../../../shared/checks/finding';
import { StoryChecker, type CopyStory } from '../../../../shared/checks/run-story';
import type { TermBank } from '../../../../shared/checks/wording/term-bank';
import type { SerializedNode } from '../../../../shared/model';
import {
  FindingsDecoder,
  StoryMirror,
  storyOf,
  type CheckedFields,
  type CheckStats,
  type FromWorker,
  type SentFindings,
  type ToWorker,
} from './check-session';

export type CheckRequest = {
  /** The store's version of the text; the answer carries it back. */
  version: number;
  key: string;
  fields: CheckedFields;
  /** The body's top-level blocks, the same object for a block that did not change. */
  blocks: readonly SerializedNode[];
};

export type CheckDone = (version: number, findings: Finding[], stats: CheckStats) => void;

export interface CheckRunner {
  /** 'worker', or 'main' for the fallback. */
  readonly where: 'worker' | 'main';
  /** The page's other stories (on open and after each save). */
  setPage(others: readonly CopyStory[]): void;
  check(request: CheckRequest): void;
  /** The text changed again: a check still running here is dropped (the worker's answer is dropped by version). */
  cancel(): void;
  dispose(): void;
}

// ------------------------------------------------------------ the term bank

let terms: TermBank | null = null;

/** Installs the desk's term bank for the checks here and in the worker. */
export function setCheckTerms(bank: TermBank): void {
  terms = bank;
  configureCopyChecks({ terms: bank });
  if (hub && hub !== 'failed') hub.post({ type: 'terms', terms: bank });
}

// ------------------------------------------------------------ main thread (fallback)

/** Longest slice of checking work per idle callback. */
const SLICE_MS = 8;

type Idle = { timeRemaining: () => number };
const onIdle = (fn: (deadline: Idle) => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 120 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => {
    const start = performance.now();
    fn({ timeRemaining: () => Math.max(0, SLICE_MS - (performance.now() - start)) });
  }, 0);
  return () => clearTimeout(id);
};

/** The checks on the main thread, in small steps in idle time; a newer change drops a run (cancel). */
class MainThreadRunner implements CheckRunner {
  readonly where = 'main';
  private readonly checker = new StoryChecker();
  private others: readonly CopyStory[] = [];
  private cancelIdle: (() => void) | null = null;

  constructor(private readonly done: CheckDone) {}

  setPage(others: readonly CopyStory[]): void {
    this.others = others;
  }

  check({ version, key, fields, blocks }: CheckRequest): void {
    this.cancel();
    const steps = this.checker.steps(storyOf(key, fields, blocks), this.others);
    const started = performance.now();
    let longest = 0;
    const slice = (deadline: Idle) => {
      this.cancelIdle = null;
      const sliceStart = performance.now();
      for (;;) {
        const step = steps.next();
        if (step.done) {
          longest = Math.max(longest, performance.now() - sliceStart);
          performance.measure('desk-findings-slice', { start: sliceStart });
          this.done(version, step.value, { total: performance.now() - started, longestSlice: longest });
          return;
        }
        if (deadline.timeRemaining() <= 1) break;
      }
      longest = Math.max(longest, performance.now() - sliceStart);
      performance.measure('desk-findings-slice', { start: sliceStart });
      this.cancelIdle = onIdle(slice);
    };
    this.cancelIdle = onIdle(slice);
  }

  cancel(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
  }

  dispose(): void {
    this.cancel();
  }
}

// ------------------------------------------------------------ the worker

class Hub {
  private readonly sessions = new Map<number, WorkerRunner>();
  private next = 1;

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
    // A worker that does not load (refused by the CSP, missing file) reports an error event and nothing else.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(event.message || 'the checks worker did not load');
    });
    worker.addEventListener('messageerror', () =>
      this.fail('a message from the checks worker could not be read'),
    );
    if (terms) this.post({ type: 'terms', terms });
  }

  post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  open(runner: WorkerRunner): number {
    const id = this.next++;
    this.sessions.set(id, runner);
    return id;
  }

  close(id: number): void {
    if (this.sessions.delete(id)) this.post({ type: 'close', session: id });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'ready') return;
    const runner = this.sessions.get(message.session);
    if (!runner) return;
    if (message.type === 'result') runner.receive(message.version, message.findings, message.stats);
    else
      console.error(
        `[findings] the checks failed in the worker (version ${message.version}):`,
        message.message,
      );
  }

  private fail(reason: string): void {
    if (hub !== this) return;
    console.warn(
      `[findings] checks worker failed (${reason}); the checks run on the main thread from now on`,
    );
    hub = 'failed';
    this.worker.terminate();
    for (const runner of this.sessions.values()) runner.fallBack();
    this.sessions.clear();
  }
}

let hub: Hub | 'failed' | null = null;

function startHub(): Hub | null {
  if (hub === 'failed') return null;
  if (hub) return hub;
  if (typeof Worker === 'undefined') {
    console.warn('[findings] no Web Worker here; the checks run on the main thread');
    hub = 'failed';
    return null;
  }
  try {
    // Vite bundles the worker from this exact form (a module worker, its own file: CSP 'self').
    const worker = new Worker(new URL('./checks.worker.ts', import.meta.url), {
      type: 'module',
      name: 'desk-checks',
    });
    hub = new Hub(worker);
    return hub;
  } catch (err) {
    console.warn(
      '[findings] the checks worker could not be started; the checks run on the main thread:',
      err,
    );
    hub = 'failed';
    return null;
  }
}

/** One story's checks in the worker; becomes a MainThreadRunner inside if the worker fails. */
class WorkerRunner implements CheckRunner {
  private readonly mirror = new StoryMirror();
  private readonly decoder = new FindingsDecoder();
  private readonly id: number;
  private fallback: MainThreadRunner | null = null;
  private others: readonly CopyStory[] | null = null;
  /** The check asked for and not answered yet (re-run here if the worker fails). */
  private pending: CheckRequest | null = null;
  private sentAt = 0;
  private seq = 0;

  constructor(
    private readonly hub: Hub,
    private readonly done: CheckDone,
  ) {
    this.id = hub.open(this);
  }

  get where(): 'worker' | 'main' {
    return this.fallback ? 'main' : 'worker';
  }

  setPage(others: readonly CopyStory[]): void {
    this.others = others;
    if (this.fallback) this.fallback.setPage(others);
    else this.hub.post({ type: 'page', session: this.id, others: others as CopyStory[] });
  }

  check(request: CheckRequest): void {
    if (this.fallback) return this.fallback.check(request);
    const started = performance.now();
    const delta = this.mirror.delta(request.fields, request.blocks);
    this.hub.post({
      type: 'check',
      session: this.id,
      seq: ++this.seq,
      version: request.version,
      key: request.key,
      ...delta,
    });
    this.pending = request;
    this.sentAt = started;
    performance.measure('desk-findings-send', { start: started });
  }

  receive(version: number, sent: SentFindings, stats: CheckStats): void {
    const findings = this.decoder.decode(sent);
    if (this.pending?.version === version) this.pending = null;
    // The time from sending to the answer, as the user waits for it; the work itself was in the worker.
    this.done(version, findings, { ...stats, total: performance.now() - this.sentAt });
  }

  fallBack(): void {
    this.fallback = new MainThreadRunner(this.done);
    if (this.others) this.fallback.setPage(this.others);
    if (this.pending) this.fallback.check(this.pending);
    this.pending = null;
  }

  cancel(): void {
    this.fallback?.cancel();
  }

  dispose(): void {
    this.fallback?.dispose();
    if (!this.fallback) this.hub.close(this.id);
  }
}

/** The runner for one open story: in the worker when there is one, else on the main thread. */
export function createCheckRunner(done: CheckDone): CheckRunner {
  const shared = startHub();
  return shared ? new WorkerRunner(shared, done) : new MainThreadRunner(done);
}
