import * as fs from 'node:fs';
import * as path from 'node:path';
import express from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where the built web app lives; `npm start` builds it there. */
export function webDist(): string {
  return path.resolve(process.env.WEB_DIST || 'dist/web');
}

/**
 * Serves the built web app at `/`. Any GET outside /api that accepts HTML gets index.html, so
 * deep links (a case page, a QR code's /verify/…) work on reload. Returns false when not built.
 */
export function serveWebApp(app: NestExpressApplication): boolean {
  const dir = webDist();
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  app.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
