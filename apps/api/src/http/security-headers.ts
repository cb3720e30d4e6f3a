/**
 * What the browser is told about every answer, the web app's pages included (helmet's defaults,
 * written out here so each directive says why it is as it is, without another dependency).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Only the built bundles: no inline or injected script runs, even if text slips into the page.
  "script-src 'self'",
  // Element Plus and bpmn-js set style attributes on the elements they draw; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  // Icons are data: URIs in the stylesheets; thumbnails of attachments are blob: URLs.
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // Document previews: a PDF fetched by the page, shown in a frame from a blob: URL.
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "worker-src 'self' blob:",
  "base-uri 'self'",
  "form-action 'self'",
  // No other site may frame the app (clickjacking a clerk into approving).
  "frame-ancestors 'none'",
].join('; ');

interface Req {
  secure: boolean;
}
interface Res {
  setHeader(name: string, value: string): void;
}

export function securityHeaders() {
  return (req: Req, res: Res, next: () => void) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // For browsers older than frame-ancestors.
    res.setHeader('X-Frame-Options', 'DENY');
    // Case and document addresses carry ids; no other site learns them from a link.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // Only over HTTPS: told over plain HTTP it would be meaningless (and ignored).
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    next();
  };
}
