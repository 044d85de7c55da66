/**
 * The desk's main window. Its webPreferences are the Electron security checklist
 * items that live on the window; each is spelled out even where it is already
 * Electron's default, so a reader (and Electronegativity) can see it.
 */
import { fileURLToPath } from 'node:url';

import { app, BrowserWindow } from 'electron';

import { rendererEntryUrl } from './renderer-origin';
import { trustWebContents } from './trusted-ipc-sender';
import { loadWindowState, trackWindowState } from './window-state';

/** The sandboxed preload, built as self-contained CommonJS (see electron.vite.config.ts). */
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

export function createMainWindow(): BrowserWindow {
  const state = loadWindowState();
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 1024,
    minHeight: 640,
    show: false, // shown on ready-to-show, so there is no white flash
    title: '党建采编台',
    backgroundColor: '#f6f4f1',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true, // item 3
      sandbox: true, // item 4
      nodeIntegration: false, // item 2
      nodeIntegrationInWorker: false, // item 2
      nodeIntegrationInSubFrames: false, // item 2: the preload runs in the main frame only
      webSecurity: true, // item 6
      allowRunningInsecureContent: false, // item 8
      experimentalFeatures: false, // item 9
      // item 10: no enableBlinkFeatures
      webviewTag: false, // item 12
      navigateOnDragDrop: false, // item 13: a dropped file must not replace the page
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries from Google: no remote content (item 1).
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  trustWebContents(win.webContents);
  trackWindowState(win);
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(rendererEntryUrl());
  return win;
}
