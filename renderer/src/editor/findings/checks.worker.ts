/**
 * The live checks off the main thread: every open story's StoryChecker runs here,
 * so no check (the duplicate family's one step can take 200 ms on repetitive text)
 * ever stands between a key press and the next frame. The messages and the session
 * are in check-session.ts; check-runner.ts starts this worker (one per window) and
 * falls back to idle slices on the main thread when it cannot.
 *
 * A check runs in steps; between steps, after a while, it lets the messages that
 * came in meanwhile be handled, and gives up when a newer version of its story
 * was asked for (its texts checked so far are remembered all the same).
 */
import { configureCopyChecks } from '../../../../shared/checks/copy-rules';
import { CheckSession, type FromWorker, type ToWorker } from './check-session';

type Scope = {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};
const scope = self as unknown as Scope;

/** Work between two looks at the message queue (ms). */
const STRETCH_MS = 20;

const sessions = new Map<number, CheckSession>();

const breather = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function run(id: number, session: CheckSession): Promise<void> {
  if (session.running) return;
  session.running = true;
  try {
    while (sessions.get(id) === session && session.wanted > session.answered) {
      const seq = session.wanted;
      const version = session.version;
      const steps = session.checker.steps(session.story(), session.others);
      const started = performance.now();
      let stretch = started;
      let longest = 0;
      let superseded = false;
      for (;;) {
        let step;
        try {
          step = steps.next();
        } catch (err) {
          session.answered = seq;
          scope.postMessage({ type: 'failed', session: id, version, message: String(err) });
          break;
        }
        const now = performance.now();
        if (step.done) {
          longest = Math.max(longest, now - stretch);
          session.answered = seq;
          scope.postMessage({
            type: 'result',
            session: id,
            version,
            findings: session.encoder.encode(step.value),
            stats: { total: now - started, longestSlice: longest },
          });
          break;
        }
        if (now - stretch >= STRETCH_MS) {
          longest = Math.max(longest, now - stretch);
          await breather();
          stretch = performance.now();
          if (sessions.get(id) !== session || session.wanted !== seq) {
            superseded = true;
            break;
          }
        }
      }
      if (superseded) continue;
    }
  } finally {
    session.running = false;
  }
}

scope.addEventListener('message', ({ data }) => {
  switch (data.type) {
    case 'terms':
      configureCopyChecks({ terms: data.terms });
      return;
    case 'page': {
      const session = sessions.get(data.session) ?? new CheckSession();
      sessions.set(data.session, session);
      session.others = data.others;
      return;
    }
    case 'check': {
      const session = sessions.get(data.session) ?? new CheckSession();
      sessions.set(data.session, session);
      session.update(data);
      void run(data.session, session);
      return;
    }
    case 'close':
      sessions.delete(data.session);
      return;
  }
});

scope.postMessage({ type: 'ready' });
