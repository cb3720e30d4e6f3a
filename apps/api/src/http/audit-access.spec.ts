import 'reflect-metadata';
import {
  MODULE_METADATA,
  RESPONSE_PASSTHROUGH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { AppModule } from '../app.module';
import { ACCESS_KEY } from './audit-access';

type Handler = { controller: string; method: string; action: string; writesResponse: boolean };

/** Every handler marked @AuditAccess, and whether it writes the response itself (`@Res()` without passthrough). */
function auditedHandlers(): Handler[] {
  const controllers: (new (...args: never[]) => object)[] = Reflect.getMetadata(
    MODULE_METADATA.CONTROLLERS,
    AppModule,
  );
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((method) => {
      const fn = (controller.prototype as Record<string, unknown>)[method];
      const meta = typeof fn === 'function' ? Reflect.getMetadata(ACCESS_KEY, fn) : undefined;
      if (!meta) return [];
      const args: Record<string, unknown> =
        Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
      const takesResponse = Object.keys(args).some((k) => k.startsWith(`${RouteParamtypes.RESPONSE}:`));
      const passthrough = Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, controller, method) === true;
      return [
        {
          controller: controller.name,
          method,
          action: meta.action,
          writesResponse: takesResponse && !passthrough,
        },
      ];
    }),
  );
}

describe('@AuditAccess handlers', () => {
  const handlers = auditedHandlers();

  it('are found on the controllers of the app (downloads among them)', () => {
    expect(handlers.map((h) => h.action)).toEqual(
      expect.arrayContaining([
        'case.read',
        'document.download',
        'attachment.download',
        'report.overdue.export',
      ]),
    );
  });

  // A handler that ends the response itself sends the bytes before the interceptor writes the record:
  // the read would be served even when its record cannot be written, and a reader can see the
  // response before the record exists.
  it('return their body instead of writing the response, so the read is recorded before it leaves', () => {
    expect(handlers.filter((h) => h.writesResponse).map((h) => `${h.controller}.${h.method}`)).toEqual([]);
  });
});
