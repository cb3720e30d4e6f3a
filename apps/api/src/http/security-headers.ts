import helmet from 'helmet';

/**
 * The Content-Security-Policy of every answer, the web app's pages included. Written out rather
 * than helmet's defaults: those add `upgrade-insecure-requests`, which breaks an installation
 * served over plain HTTP on a government intranet.
 */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  // Only the built bundles: no inline or injected script runs, even if text slips into the page.
  'script-src': ["'self'"],
  // Element Plus and bpmn-js set style attributes on what they draw; styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  // Icons are data: URIs in the stylesheets; attachment thumbnails are blob: URLs.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  // Document previews: a PDF the page fetched, shown in a frame from a blob: URL.
  'frame-src': ["'self'", 'blob:'],
  'object-src': ["'self'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  // No other site may frame the app (clickjacking a clerk into approving).
  'frame-ancestors': ["'none'"],
};

/**
 * Browser hardening for every answer: the CSP above, no framing (X-Frame-Options for browsers older
 * than frame-ancestors), no Referer (case and document addresses carry ids), nosniff, same-origin
 * opener and resource policies, and no X-Powered-By.
 */
export function securityHeaders() {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: true },
  });
  return (
    req: Parameters<typeof headers>[0],
    res: Parameters<typeof headers>[1],
    next: (err?: unknown) => void,
  ) => {
    // Not offered to any page of ours; refused so an injected frame cannot ask for them either.
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    headers(req, res, next);
  };
}
