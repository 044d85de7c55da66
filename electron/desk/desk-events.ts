/**
 * The desk services' event channel (issue 19, shared/api/events.ts): services emit,
 * the transports deliver to every window (electron/main: webContents.send; the
 * loopback host: Server-Sent Events). A listener that throws is logged and kept
 * apart: one broken window never stops the others from hearing.
 */
import type { DeskEvent, DeskEventListener } from '../../shared/api/events';

export class DeskEvents {
  readonly #listeners = new Set<DeskEventListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: DeskEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: DeskEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.warn('[desk] an event listener failed:', err);
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
