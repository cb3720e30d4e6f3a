import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@app/common';
import type { AuthUser } from '@app/auth';
import { EntityManager } from 'typeorm';
import { CaseEntity, Database } from '@app/persistence';
import { CaseDetailPart, caseRepository as cases, assertMayReadCase, mayReadCase } from '@app/cases';
import { ServiceRecordService } from './service-record.service';
import { CaseTimeLimitService } from './time-limit.service';
import { CaseDeadlineRows, serviceRepository } from './service.repository';

/** What the staff see of a case's 送达 and time limit. */
export interface CaseDeadlines {
  service: Awaited<ReturnType<ServiceRecordService['forCase']>>;
  serviceConsents: Awaited<ReturnType<ServiceRecordService['consentsOf']>>;
  timeLimit: Awaited<ReturnType<CaseTimeLimitService['forCase']>>;
}

/** 送达与救济期限 and the whole-case time limit of one case, for the staff and the applicant views. */
@Injectable()
export class CaseDeadlinesService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ServiceRecordService) private readonly service: ServiceRecordService,
    @Inject(CaseTimeLimitService) private readonly timeLimits: CaseTimeLimitService,
  ) {}

  /** Staff: the caller has already been authorized by the case detail; checked again here. */
  forStaff(user: AuthUser, caseId: string) {
    return this.db.read(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase) throw AppError.notFound('案件不存在');
      assertMayReadCase(user, kase, 'staff');
      return this.of(em, kase, await serviceRepository.caseDeadlines(em, kase.id, kase.processInstanceId));
    });
  }

  /** The same, read in the case page's own statement (`CaseService.detail`). */
  detailPart(user: AuthUser): CaseDetailPart<CaseDeadlines> {
    return {
      sql: serviceRepository.caseDeadlinesJson('k.id', 'k.process_instance_id'),
      build: (em, kase, value) => {
        assertMayReadCase(user, kase, 'staff');
        return this.of(em, kase, serviceRepository.caseDeadlinesFromJson(value));
      },
    };
  }

  private async of(em: EntityManager, kase: CaseEntity, read: CaseDeadlineRows): Promise<CaseDeadlines> {
    return {
      service: await this.service.forCase(em, kase.id, read.records),
      serviceConsents: await this.service.consentsOf(em, kase.id, read.consents),
      timeLimit: await this.timeLimits.forCase(em, kase, read),
    };
  }

  /** The applicant's own case: when each notice counted as served and until when they may seek remedy. */
  forApplicant(user: AuthUser, caseId: string) {
    return this.db.read(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound('未找到该申请');
      const service = await this.service.forCase(em, kase.id);
      const consents = await this.service.consentsOf(em, kase.id);
      return {
        service: service.map((s) => ({
          document: s.document,
          method: s.method,
          methodName: s.methodName,
          servedOn: s.servedOn,
          deemedServedOn: s.deemedServedOn,
          recipient: s.recipient,
          remedy: s.remedy,
        })),
        electronicConsent: consents.find((c) => c.recipient === kase.applicantName) ?? null,
      };
    });
  }
}
