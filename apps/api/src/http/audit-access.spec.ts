import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { permissionOf } from '@app/auth';
import {
  METHOD_METADATA,
  MODULE_METADATA,
  RESPONSE_PASSTHROUGH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { AppModule } from '../app.module';
import { ACCESS_KEY } from './audit-access';

type Handler = { controller: string; method: string; action: string; writesResponse: boolean };

type Controller = new (...args: never[]) => object;

/** Every route handler of the app's controllers. */
function routeHandlers(): { controller: Controller; method: string; fn: () => unknown }[] {
  const controllers: Controller[] = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, AppModule);
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((method) => {
      const fn = (controller.prototype as Record<string, unknown>)[method];
      return typeof fn === 'function' && method !== 'constructor'
        ? [{ controller, method, fn: fn as () => unknown }]
        : [];
    }),
  );
}

/** Every handler marked @AuditAccess, and whether it writes the response itself (`@Res()` without passthrough). */
function auditedHandlers(): Handler[] {
  return routeHandlers().flatMap(({ controller, method, fn }) => {
    const meta = Reflect.getMetadata(ACCESS_KEY, fn);
    if (!meta) return [];
    const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
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
  });
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

/** The permissions whose GET routes answer with applicants' or households' data. */
const PERSONAL_READS = [
  'case.read',
  'case.file',
  'assessment.read',
  'task.read',
  'document.read',
  'attachment.read',
  'service.read',
  'review_cohort.read',
  'review_cohort.manage',
  'monitoring.read',
  'near_relative.manage',
];

/** GET routes under those permissions that are not marked, each with how its read is recorded or why it holds no such data. */
const UNMARKED: Record<string, string> = {
  'CasesController.identity': 'records access.case.identity itself, with the reason the reader gave',
  'CaseFileController.export': 'records case.file_export itself',
  'WorkbenchController.diagram': "the model and the instance's position in it: no personal data",
  'WorkbenchController.staff': 'the staff who may act on the case: no applicant data',
  'SupervisionController.staff': 'staff accounts to register relatives for: no applicant data',
  'NotificationsController.staffMessages': "the reader's own message centre",
  'DelegationsController.list': "the reader's own delegations",
  'DelegationsController.staff': 'staff accounts one may delegate to: no applicant data',
  'ReviewCohortsController.list': 'cohorts with their counts: no household named',
};

/** Every GET handler with the permission it requires and whether it is marked @AuditAccess. */
function getHandlers(): { name: string; permission: string | undefined; marked: boolean }[] {
  const reflector = new Reflector();
  return routeHandlers()
    .filter(({ fn }) => Reflect.getMetadata(METHOD_METADATA, fn) === RequestMethod.GET)
    .map(({ controller, method, fn }) => ({
      name: `${controller.name}.${method}`,
      permission: permissionOf(reflector, fn, controller),
      marked: Reflect.getMetadata(ACCESS_KEY, fn) !== undefined,
    }));
}

describe('GET routes that hand out personal data', () => {
  // An outside tester read a household's assessment, its 核对授权书 signatures and its procedures
  // with no trace in the audit record: each such route must be marked, or say here why not.
  it('are all marked @AuditAccess, or listed with the way their read is recorded', () => {
    const unmarked = getHandlers()
      .filter((h) => h.permission && PERSONAL_READS.includes(h.permission) && !h.marked)
      .map((h) => h.name)
      .filter((name) => !(name in UNMARKED));
    expect(unmarked).toEqual([]);
  });

  it('list no route that is in fact marked or gone', () => {
    const byName = new Map(getHandlers().map((h) => [h.name, h]));
    expect(Object.keys(UNMARKED).filter((name) => !byName.has(name) || byName.get(name)!.marked)).toEqual([]);
  });
});
