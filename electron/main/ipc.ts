/**
 * The Electron transport of the desk API: one `ipcMain.handle('desk:<method>')`
 * per contract entry, all through one wrapper that checks the sender (Electron
 * security checklist item 17) and then hands the raw payload to `dispatch`, which
 * validates it against the contract's schema and never throws. The reply is always
 * `{ ok: true, result } | { ok: false, error: DeskErrorShape }`; the preload unwraps it.
 */
import { BrowserWindow, ipcMain } from 'electron';

import { DESK_METHODS, type DeskErrorShape, type DeskHandlers } from '../../shared/api';
import type { DeskEvents } from '../desk/desk-events';
import { dispatch, type DispatchResult } from '../desk/dispatch';
import { isDeskWindow, untrustedSenderReason } from './trusted-ipc-sender';

/** The IPC channel of a contract method; the preload builds the same name. */
export const deskChannel = (method: string): string => `desk:${method}`;

/**
 * Binds every contract method. Returns a function that removes the handlers
 * (used on shutdown, so a late call gets "no handler" rather than closed services).
 */
export function bindDeskIpc(handlers: DeskHandlers): () => void {
  for (const method of DESK_METHODS) {
    ipcMain.handle(deskChannel(method), async (event, input: unknown): Promise<DispatchResult> => {
      const reason = untrustedSenderReason(event);
      if (reason !== null) {
        console.warn(`[ipc] refused ${method}: ${reason}`);
        const error: DeskErrorShape = {
          code: 'unsupported',
          key: 'error.untrustedSender',
          params: { method },
          detail: `${method}: the desk API answers only the desk's own window (${reason})`,
        };
        return { ok: false, error };
      }
      // Only the first argument is the input; anything else a caller sends is ignored.
      // One session per window (issue 6: edit locks, the picked user).
      return dispatch(handlers, method, input, `ipc:${event.sender.id}`);
    });
  }
  return () => {
    for (const method of DESK_METHODS) ipcMain.removeHandler(deskChannel(method));
  };
}

/** The channel desk events reach the preload on (issue 19); the preload checks each before the page sees it. */
export const DESK_EVENT_CHANNEL = 'desk:event';

/**
 * Sends every desk event (a lock changing hands, a story saved or signed) to every
 * open desk window at once (our renderer only: never a print window or a foreign
 * page). Returns the function that stops it (on shutdown).
 */
export function bindDeskEvents(events: DeskEvents): () => void {
  return events.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && isDeskWindow(win.webContents))
        win.webContents.send(DESK_EVENT_CHANNEL, event);
    }
  });
}
