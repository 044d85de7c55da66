/**
 * electron-vite: three builds into out/.
 *
 * - main (electron/main/index.ts → out/main/index.js): ES module, because
 *   package.json has "type": "module" (electron-vite picks the format from it).
 *   The DOCX reader's worker thread is a second entry (→ out/main/docx-worker.js):
 *   docx-read.ts starts `new URL('./docx-worker.js', import.meta.url)`, which in the
 *   bundle is beside index.js (code both share goes to out/main/chunks/). Running
 *   from source (CLI, loopback host, tests) it starts docx-worker.ts through tsx.
 *   `dependencies` (lowdb, zod, yaml…) stay external, electron-vite's default, and
 *   electron-builder packs them from node_modules; our own code (electron/desk,
 *   shared) is bundled in.
 * - preload (electron/preload/index.ts → out/preload/index.cjs): CommonJS and
 *   self-contained. A sandboxed preload (sandbox: true) is not an ES module and
 *   can `require` only 'electron' and a few built-ins, so nothing may be left
 *   external or split into chunks: dependency externalization is off and the
 *   entry is isolated. The main process loads it by this exact name (window.ts).
 * - renderer (renderer/index.html → out/renderer): exactly the web build of
 *   renderer/vite.config.ts (React, the CSP meta tag, base './'), so the files the
 *   Electron app loads from app://desk/ and the ones the loopback host serves are
 *   the same; that config is owned by the renderer, this one only points the
 *   entry at index.html for electron-vite.
 */
import { resolve } from 'node:path';

import { defineConfig } from 'electron-vite';

import rendererConfig from './renderer/vite.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'docx-worker': resolve(root, 'electron/desk/import/docx-worker.ts'),
        },
        // The CLI's PDF proof drives Chromium through Playwright; the app must not bundle
        // it (the app's seam is webContents.printToPDF, see electron/desk/export/chromium-pdf.ts).
        external: ['playwright-core', '@playwright/test'],
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve(root, 'renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
