import * as path from 'node:path';
import { constants } from 'node:zlib';
import compression from 'compression';
import { LogLevel } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { DocumentPipeline } from '@app/issuance';
import { DefinitionService } from '@app/workflow';
import { AppModule } from './app.module';
import { createValidationPipe } from './http/validation.pipe';
import { requestId } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { assertValidConfig, trustProxySetting } from './config';
import { serveWebApp } from './http/web-app';
import { attachmentUploadBody } from './http/upload-body';
import { buildOpenApiDocument } from './http/openapi';
import { ClockStore } from './demo/clock-store';

/**
 * Builds the API: deploys every model in processes/, finishes documents a crash left pending.
 * Shared by `main.ts` and the end-to-end tests so both run the same application.
 */
export async function createApp(
  options: {
    logger?: false | LogLevel[];
    /** Runs after the database is ready and before the bundled models are deployed. */
    beforeDeploy?: (app: NestExpressApplication) => Promise<void>;
  } = {},
): Promise<NestExpressApplication> {
  assertValidConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
    // A failed start (a DATA_DIR of another deployment, a database that cannot be reached) rejects
    // to the caller, which says why in Chinese; Nest's default aborts the process, silently when
    // the logger is off (a bench, a worker).
    abortOnError: false,
  });
  const trustProxy = trustProxySetting(process.env);
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  // Which framework answers is nobody's business.
  app.disable('x-powered-by');
  // No ETag on the API's answers: nothing asks with If-None-Match, and every read hashed its whole
  // answer. Static files keep theirs (express.static makes its own).
  app.set('etag', false);
  app.use(securityHeaders());
  app.use(requestId({ log: options.logger !== false }));
  // A move of the demo clock through another process reaches this one before a request is judged
  // on the time (a session's idleness, a 公示 period, an audit entry's time): ClockStore.fresh. If
  // the database cannot be read the request goes on, to fail on its own statements with the
  // application's answer, not Express's.
  const clock = app.get(ClockStore);
  app.use((_req: unknown, _res: unknown, next: () => void) => {
    const proceed = () => next();
    clock.fresh().then(proceed, proceed);
  });
  // The web app's scripts are ~1 MB; applicants open the portal on phones. The API's answers are
  // compressed at zlib's fastest level: every read compresses its answer, and the default level
  // costs far more CPU for a slightly smaller one (docs/architecture.md, "Scale"); browsers keep
  // the files an hour.
  const compressApi = compression({ level: constants.Z_BEST_SPEED });
  const compressFiles = compression();
  app.use((req: { url: string }, res: unknown, next: () => void) =>
    (req.url.startsWith('/api/') ? compressApi : compressFiles)(req as never, res as never, next),
  );
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: '3mb' });
  // Case attachments (photos, scans) arrive as the file itself, parsed on their routes only.
  app.use(attachmentUploadBody());
  // A notice uploaded for verification arrives as the PDF itself.
  app.useBodyParser('raw', { type: 'application/pdf', limit: '10mb' });
  // Household workbooks are uploaded as the .xlsx file itself.
  app.useBodyParser('raw', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    limit: '5mb',
  });
  app.enableShutdownHooks();
  if (!serveWebApp(app) && options.logger !== false) {
    console.warn('未找到已构建的网页端（dist/web），仅提供接口；运行 npm start 会先构建网页端');
  }
  // Built when /api/docs is first asked for, not on every start: scanning every controller and DTO
  // is a noticeable share of a start, and most processes (each test API, each restart) never serve it.
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app));
  // Lifecycle hooks register the domain services that deploy-time validation checks models against.
  await app.init();
  await options.beforeDeploy?.(app);
  await app.get(DefinitionService).deployDirectory(path.resolve(process.env.PROCESSES_DIR || 'processes'));
  await app.get(DocumentPipeline).archivePending();
  return app;
}
