/**
 * The Electron main process: app lifecycle for 党建采编台.
 *
 * Order matters. Before `ready`: privileged schemes, global sandbox, the
 * single-instance lock and the per-webContents guards. After `ready`: session
 * hardening, protocol handlers, the desk services on the data folder (a clear
 * native error and exit if the folder is locked or unusable), the IPC binding,
 * the menu and finally the window. On quit the services are closed, so the
 * store flushes and the data-folder lock is released.
 */
import { fileURLToPath } from 'node:url';

import { app, BrowserWindow, Menu, session, shell } from 'electron';

import { defaultUser, openDeskServices, type DeskServices } from '../desk/services';
import { handleAppProtocol } from './app-protocol';
import { resolveDataDir, separateProfileFor } from './data-dir';
import { bindDeskEvents, bindDeskIpc } from './ipc';
import { buildAppMenu } from './menu';
import { handlePhotoProtocol } from './photo-protocol';
import { electronPdfRenderer } from './print-pdf';
import { registerPrivilegedSchemes } from './protocols';
import { hardenAllWebContents, hardenSession } from './security';
import { showDataFolderError } from './startup-errors';
import { createMainWindow } from './window';

const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

let services: DeskServices | null = null;
let unbindIpc: (() => void) | null = null;
let unbindEvents: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;

// --- before ready (synchronously, while the entry module evaluates) ---------

registerPrivilegedSchemes();
app.enableSandbox(); // Electron security checklist item 4, for every renderer
hardenAllWebContents(); // items 12–15 on every webContents ever created
if (process.platform === 'win32') app.setAppUserModelId('cn.newspaper.dangjian-desk');

const dataDir = resolveDataDir();
separateProfileFor(dataDir);

if (!app.requestSingleInstanceLock()) {
  // This data folder is already open in another desk window: it gets focus (below), we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  start().catch((err: unknown) => {
    console.error('[main] start-up failed:', err);
    app.exit(1);
  });
}

// --- after ready -------------------------------------------------------------

async function start(): Promise<void> {
  await app.whenReady();

  // Packaged builds carry the demo page and data sets as extraResources.
  if (app.isPackaged && !process.env.DESK_RESOURCES_DIR)
    process.env.DESK_RESOURCES_DIR = process.resourcesPath;

  hardenSession(session.defaultSession);
  handleAppProtocol(RENDERER_DIR);
  handlePhotoProtocol(() => services?.photoPath ?? null);

  try {
    // proof.pdf through Electron's printToPDF; package folders open in the file manager (pages.openFolder checks the folder).
    const proofPdf = electronPdfRenderer();
    services = await openDeskServices({
      dataDir,
      user: defaultUser(),
      transport: 'electron',
      renderPdf: () => proofPdf,
      openPath: (folder) => shell.openPath(folder),
    });
  } catch (err) {
    showDataFolderError(err, dataDir);
    app.exit(1);
    return;
  }

  unbindIpc = bindDeskIpc(services.handlers);
  // Lock and story changes reach every window at once (issue 19).
  unbindEvents = bindDeskEvents(services.events);
  Menu.setApplicationMenu(buildAppMenu({ dataDir }));
  openWindow();

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

function openWindow(): void {
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Close the services before the process ends: flush pending writes and release
// the data-folder lock. `will-quit` is held once while that runs.
let closing = false;
app.on('will-quit', (event) => {
  if (!services || closing) return;
  event.preventDefault();
  closing = true;
  unbindIpc?.();
  unbindEvents?.();
  const open = services;
  open
    .close()
    .catch((err: unknown) => console.error('[main] closing the desk services failed:', err))
    .finally(() => {
      services = null;
      app.quit();
    });
});
