// A plain web build of the renderer to out/renderer: the loopback host serves it
// for `desk serve` and the e2e tests. Relative asset paths (base './') let the
// same files load from the host's root and from Electron's app protocol.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

import { CONTENT_SECURITY_POLICY_META } from '../electron/desk/content-security.ts';

const here = import.meta.dirname;

/**
 * The production CSP, as a meta tag in the built page only: the dev server needs
 * inline styles and scripts for hot reload, the built app needs none. It is the
 * policy the host and Electron send as a header, so the two can never drift.
 */
const CSP = CONTENT_SECURITY_POLICY_META;
function contentSecurityPolicy(): Plugin {
  return {
    name: 'desk-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: `${here}/../out/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // React, Lexical and zod together; one local file, so splitting buys nothing.
    chunkSizeWarningLimit: 1000,
  },
});
