/**
 * One Content-Security-Policy for every way the renderer is served (Electron and
 * the loopback host): no inline script or style, no eval, nothing remote.
 * Electron security checklist item 7.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The checks worker (renderer/src/editor/findings/checks.worker.ts) is a file of our own;
  // said outright rather than left to the fallback through script-src, and never blob: or data:.
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: desk-photo:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The same policy for a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there). */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
