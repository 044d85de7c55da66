// The bare Lexical page the editor benchmarks measure the app against. Built into
// out/bench-bare/ by the benchmark itself (electron/cli/bench/editor.bench.ts);
// renderer/vite.config.ts never sees this folder, so it never ships.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: `${here}/../../out/bench-bare`,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: `${here}/bare-lexical.html` },
  },
});
