/**
 * The Content Security Policy of every renderer page, in Electron (app://) and in the
 * browser (loopback host): no remote content, no inline scripts, no eval. pdf.js runs
 * its worker from our own origin; blob: is needed for rendered PDF pages and downloads.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
