/**
 * electron-vite: three builds into out/.
 *
 * - main (electron/main/index.ts → out/main/index.js): ES module, because
 *   package.json has "type": "module" (electron-vite picks the format from it).
 *   `dependencies` (lowdb, zod, yaml…) stay external, electron-vite's default, and
 *   electron-builder packs them from node_modules; our own code (electron/desk,
 *   shared) is bundled in.
 * - preload (electron/preload/index.ts → out/preload/index.cjs): CommonJS and
 *   self-contained. A sandboxed preload (sandbox: true) is not an ES module and
 *   can `require` only 'electron' and a few built-ins, so nothing may be left
 *   external or split into chunks: dependency externalization is off and the
 *   entry is isolated. The main process loads it by this exact name (window.ts).
 * - renderer (renderer/index.html → out/renderer): React, with `base: './'` set
 *   by electron-vite for production so it loads from app://desk/.
 */
import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
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
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
