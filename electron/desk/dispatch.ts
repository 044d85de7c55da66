/**
 * The one gate every transport goes through: checks the method name against the
 * contract, measures the input against the depth and size limits (before any
 * schema walks it: a deep value would overflow the stack), validates it with the
 * method's schema, runs the service and turns any failure into a DeskErrorShape.
 * It never throws, so a transport can always answer (issue 16: a 10,000-deep body
 * was a bare 500 on HTTP and a rejected promise on IPC).
 *
 * Three transports use it: the Electron IPC binding and the loopback host run the
 * handler in their client session (`dispatch`); the newsroom server (issue 17) runs
 * its own handlers, bound to the signed-in person, through `dispatchWith`.
 */
import {
  DeskError,
  deskContract,
  inputLimitError,
  invalidInput,
  isDeskMethod,
  type DeskErrorShape,
  type DeskHandlers,
} from '../../shared/api';
import { runInSession } from './review/session-context';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: DeskErrorShape };

/** How a transport runs a handler, and what it knows about failures the desk does not. */
export type DispatchOptions = {
  /** Runs the handler (in a session context, say); default: as it is. */
  run?: <T>(task: () => Promise<T>) => Promise<T>;
  /** A transport's own reading of an unexpected failure (the newsroom's database gone); null: internal. */
  describeFailure?: (method: string, err: unknown) => DeskErrorShape | null;
};

/** `session`: which client is calling (a browser tab, a window), for edit locks and the picked user (issue 6). */
export function dispatch(
  handlers: DeskHandlers,
  method: string,
  rawInput: unknown,
  session?: string,
): Promise<DispatchResult> {
  return dispatchWith(handlers, method, rawInput, { run: (task) => runInSession(session, task) });
}

/** The gate with a transport's own way of running handlers (see DispatchOptions). */
export async function dispatchWith(
  handlers: DeskHandlers,
  method: string,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const failure = (err: unknown) => options.describeFailure?.(method, err) ?? internalError(method, err);
  try {
    return await gate(handlers, method, rawInput, options.run ?? ((task) => task()), failure);
  } catch (err) {
    return { ok: false, error: failure(err) };
  }
}

/** Errno codes of a disk (or quota) that is full: nothing was written, the caller may retry later. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

function internalError(method: string, err: unknown): DeskErrorShape {
  const detail = err instanceof Error ? err.message : String(err);
  const errno = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof errno === 'string' && DISK_FULL.has(errno)) {
    // Issue 16: "未保存：磁盘已满", not an internal error; the durable write left the old file whole.
    console.warn(`[desk] ${method}: disk full (${detail})`);
    return {
      code: 'internal',
      key: 'error.diskFull',
      params: { method },
      detail: `${method}: the disk is full; nothing was written (${detail})`,
    };
  }
  console.error(`[desk] ${method} failed:`, err);
  return { code: 'internal', key: 'error.internal', params: { method }, detail };
}

async function gate(
  handlers: DeskHandlers,
  method: string,
  rawInput: unknown,
  run: <T>(task: () => Promise<T>) => Promise<T>,
  failure: (err: unknown) => DeskErrorShape,
): Promise<DispatchResult> {
  if (!isDeskMethod(method)) {
    const error = new DeskError(
      'invalid-input',
      'error.unknownMethod',
      { method },
      `unknown method ${method}`,
    );
    return { ok: false, error: error.toJSON() };
  }
  const beyond = inputLimitError(method, rawInput);
  if (beyond) return { ok: false, error: beyond.toJSON() };
  const parsed = deskContract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: invalidInput(method, issues).toJSON() };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const result = await run(() => handler(parsed.data));
    return { ok: true, result: result ?? null };
  } catch (err) {
    if (err instanceof DeskError) return { ok: false, error: err.toJSON() };
    return { ok: false, error: failure(err) };
  }
}
