/**
 * Work that follows the body but must stay off the keystroke path (issue 3,
 * typing benchmark): the counts, the figures panel's view of the text. A change
 * of content asks for a run; it comes after a pause in changes (or every couple
 * of seconds of non-stop typing, deferred.ts), when the browser is idle.
 */
import type { LexicalEditor } from 'lexical';

import { deferred } from './plugins/CharCountPlugin/deferred';

const PAUSE_MS = 300;
const MAX_WAIT_MS = 2000;

function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/**
 * Runs `task` after each pause in the body's changes; with `now`, also once at the
 * start. `pauseOnly`: never during non-stop typing (no run every couple of seconds),
 * for work that would cost a keystroke a frame and can wait for the reporter to stop.
 */
export function registerAfterBodyPause(
  editor: LexicalEditor,
  task: () => void,
  { now = false, pauseOnly = false }: { now?: boolean; pauseOnly?: boolean } = {},
): () => void {
  let cancelIdle: (() => void) | null = null;
  const run = () => {
    cancelIdle?.();
    cancelIdle = whenIdle(() => {
      cancelIdle = null;
      task();
    });
  };
  const later = deferred(run, PAUSE_MS, pauseOnly ? Infinity : MAX_WAIT_MS);
  if (now) run();
  const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
    if (dirtyElements.size > 0 || dirtyLeaves.size > 0) later.request();
  });
  return () => {
    unregister();
    later.cancel();
    cancelIdle?.();
  };
}
