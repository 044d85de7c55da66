/**
 * Runs async tasks one at a time, in call order. The store funnels every change
 * through one queue so that at most one change is in flight: after a crash only the
 * journal's last entry can disagree with the story files (see story-index.ts).
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled; a failure does not block later tasks. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
