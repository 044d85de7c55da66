/**
 * Remembers the main window's size and position between launches, in
 * `<userData>/window-state.json` (not in the data folder: it belongs to this
 * computer's screen, not to the desk's stories). A saved position that is no
 * longer on any display (a monitor was unplugged) is dropped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { app, screen, type BrowserWindow, type Rectangle } from 'electron';

export type WindowState = { bounds: Partial<Rectangle>; maximized: boolean };

const DEFAULT: WindowState = { bounds: { width: 1366, height: 768 }, maximized: false };

const stateFile = () => join(app.getPath('userData'), 'window-state.json');

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function visible(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) => {
    const overlapX = Math.min(bounds.x + bounds.width, a.x + a.width) - Math.max(bounds.x, a.x);
    const overlapY = Math.min(bounds.y + bounds.height, a.y + a.height) - Math.max(bounds.y, a.y);
    return overlapX >= 100 && overlapY >= 50;
  });
}

/** The saved state, or 1366×768 centred when there is none or it is unusable. */
export function loadWindowState(): WindowState {
  try {
    const raw = JSON.parse(readFileSync(stateFile(), 'utf8')) as Record<string, unknown>;
    const b = (raw.bounds ?? {}) as Record<string, unknown>;
    if (!isNumber(b.width) || !isNumber(b.height) || b.width < 400 || b.height < 300) return DEFAULT;
    const size = { width: Math.round(b.width), height: Math.round(b.height) };
    const maximized = raw.maximized === true;
    if (isNumber(b.x) && isNumber(b.y)) {
      const bounds = { ...size, x: Math.round(b.x), y: Math.round(b.y) };
      if (visible(bounds)) return { bounds, maximized };
    }
    return { bounds: size, maximized };
  } catch {
    return DEFAULT;
  }
}

/** Saves the window's normal (un-maximized) bounds when it closes. */
export function trackWindowState(win: BrowserWindow): void {
  win.on('close', () => {
    try {
      const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
      writeFileSync(stateFile(), JSON.stringify(state));
    } catch (err) {
      console.warn('[window] could not save window state:', err);
    }
  });
}
