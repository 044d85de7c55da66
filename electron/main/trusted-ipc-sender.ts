/**
 * Validates the sender of every IPC message (Electron security checklist item 17).
 *
 * A message is answered only when all of these hold:
 * 1. it comes from a webContents we created for the desk (registered below), not
 *    from some other window, devtools extension page or future helper view;
 * 2. its frame still exists and is attached (a frame that navigated away or was
 *    destroyed has `senderFrame === null` / `detached === true`);
 * 3. the frame is the top-level frame of that webContents (no parent, and it is
 *    the webContents' main frame), so an <iframe> can never reach the desk, even
 *    if one were ever embedded by mistake;
 * 4. the frame's URL is our own renderer (app://desk/…, or the dev server in
 *    development): see renderer-origin.ts.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';

import { isOwnRendererUrl } from './renderer-origin';

const deskContents = new Set<number>();

/** Marks a webContents as one of ours; forgotten when it is destroyed. */
export function trustWebContents(contents: WebContents): void {
  const id = contents.id;
  deskContents.add(id);
  contents.once('destroyed', () => deskContents.delete(id));
}

/** True for a desk window showing our own renderer: the only pages desk events are sent to (issue 19). */
export function isDeskWindow(contents: WebContents): boolean {
  return deskContents.has(contents.id) && !contents.isDestroyed() && isOwnRendererUrl(contents.getURL());
}

/** Why a sender was refused, or null when it is trusted. */
export function untrustedSenderReason(event: IpcMainInvokeEvent): string | null {
  if (!deskContents.has(event.sender.id)) return 'not a desk window';
  const frame = event.senderFrame;
  if (frame === null || frame.detached) return 'frame gone (navigated or destroyed)';
  if (frame.parent !== null) return 'not the top-level frame';
  if (frame.frameToken !== event.sender.mainFrame.frameToken) return 'not the main frame';
  if (!isOwnRendererUrl(frame.url)) return `foreign URL ${frame.url}`;
  return null;
}
