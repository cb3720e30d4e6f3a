import { mayAccess, requireAccess } from '@app/auth';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock, ErrorDetail } from '@app/common';
import { AuditService } from '@app/audit';
import { isMonth, lastDayOfMonth } from '@app/assessment';
import { regionLevel } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { Database, ReviewCohortEntity } from '@app/persistence';
import { ProcessRuntime } from '@app/workflow';
import { caseRepository as cases, assertMayReadCase, ProcedureService } from '@app/cases';
import { DocumentPipeline } from '@app/issuance';
import { benefitRepository as ledger } from './benefit.repository';

/** The procedure each member of a cohort gets. */
export const REVIEW_PROCESS_KEY = 'dibao-review';
export const COHORT_ROLES = ['township_reviewer', 'county_approver'];

export interface CohortInput {
  regionCode: string;
  period: string;
}

/**
 * 定期核查批次 (审核确认办法 Art. 31): the 低保 households of a region whose next periodic review
 * falls in or before a month, recorded once per region and month, each with its own review
 * procedure (`dibao-review`, trigger periodic) started in the same transaction.
 */
@Injectable()
export class ReviewCohortService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(ProcedureService) private readonly procedures: ProcedureService,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  private assertRole(user: AuthUser): void {
    if (!COHORT_ROLES.includes(user.role))
      throw AppError.forbidden('定期核查批次须由乡镇审核人员或县级审批人员办理');
  }

  /** Generates the cohort, or returns the one already recorded for the region and month. */
  async generate(user: AuthUser, input: CohortInput): Promise<{ created: boolean; cohortId: string }> {
    this.assertRole(user);
    const problems: ErrorDetail[] = [];
    if (!regionLevel(input.regionCode ?? '')) {
      problems.push({ field: 'regionCode', message: '应为6位（县）、9位（乡镇）或12位（村）行政区划代码' });
    } else if (!mayAccess(user, 'review_cohort.manage', { regionCode: input.regionCode })) {
      problems.push({ field: 'regionCode', message: '不在您的管辖范围内' });
    }
    if (!isMonth(input.period))
      problems.push({ field: 'period', message: '核查月份应为 YYYY-MM，如 2027-06' });
    if (problems.length) throw AppError.validation(problems[0].message, problems);

    const result = await this.runtime.transaction(async (em) => {
      await ledger.lockCohortKey(em, input.regionCode, input.period);
      const existing = await ledger.cohortFor(em, input.regionCode, input.period);
      if (existing) return { created: false, cohortId: existing.id, started: [] as string[] };
      if (!(await cases.region(em, input.regionCode))) {
        throw AppError.validation('行政区划不存在', [
          { field: 'regionCode', message: `行政区划 ${input.regionCode} 不存在` },
        ]);
      }
      const now = this.clock.now();
      const cohort: ReviewCohortEntity = {
        id: randomUUID(),
        regionCode: input.regionCode,
        period: input.period,
        createdAt: now,
        createdBy: user.id,
      };
      await ledger.insertCohort(em, cohort);
      const due = (await ledger.dueForReview(em, input.regionCode, lastDayOfMonth(input.period))).filter(
        (c) => c.program === 'dibao',
      );
      const started: string[] = [];
      for (const kase of due) {
        // A household already under review keeps that review; the cohort links to it.
        let procedureCaseId = await ledger.openProcedure(em, kase.id, REVIEW_PROCESS_KEY);
        if (!procedureCaseId) {
          const child = await this.procedures.startIn(em, {
            parent: kase,
            processKey: REVIEW_PROCESS_KEY,
            data: { trigger: 'periodic' },
            actor: { id: user.id, role: user.role },
          });
          procedureCaseId = child.id;
          started.push(child.id);
        }
        await ledger.insertMember(em, {
          cohortId: cohort.id,
          caseId: kase.id,
          reviewCategory: kase.reviewCategory ?? 'unstable',
          dueDate: kase.nextReviewDate!,
          procedureCaseId,
        });
      }
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'review-cohort.generate',
        caseId: null,
        detail: {
          cohortId: cohort.id,
          regionCode: input.regionCode,
          period: input.period,
          members: due.map((c) => c.caseNo),
        },
      });
      return { created: true, cohortId: cohort.id, started };
    });
    for (const caseId of result.started) await this.pipeline.issued(caseId);
    return { created: result.created, cohortId: result.cohortId };
  }

  async list(user: AuthUser) {
    this.assertRole(user);
    return this.db.read(async (em) => {
      const rows = await ledger.cohortsWithin(em, user.regionCode);
      return Promise.all(
        rows.map(async (r) => ({ ...r, regionName: await cases.regionPath(em, r.regionCode) })),
      );
    });
  }

  async detail(user: AuthUser, cohortId: string) {
    this.assertRole(user);
    return this.db.read(async (em) => {
      const cohort = await ledger.cohort(em, cohortId);
      if (!cohort) throw AppError.notFound('定期核查批次不存在');
      requireAccess(user, 'review_cohort.manage', { regionCode: cohort.regionCode });
      const members = await ledger.members(em, cohort.id);
      const progress = (m: (typeof members)[number]) =>
        m.procedureStatus === 'closed' ? 'closed' : m.procedureCaseId ? 'open' : 'not_started';
      return {
        ...cohort,
        regionName: await cases.regionPath(em, cohort.regionCode),
        summary: {
          total: members.length,
          stable: members.filter((m) => m.reviewCategory === 'stable').length,
          unstable: members.filter((m) => m.reviewCategory === 'unstable').length,
          closed: members.filter((m) => progress(m) === 'closed').length,
        },
        members: members.map((m) => ({ ...m, progress: progress(m) })),
      };
    });
  }
}

/** A beneficiary's current benefit and its ledger (staff within the region). */
@Injectable()
export class BenefitQueryService {
  constructor(@Inject(Database) private readonly db: Database) {}

  async forCase(user: AuthUser, caseId: string) {
    if (user.role === 'applicant') throw AppError.forbidden('申请人请在“我的申请”中查看本人案件');
    return this.db.read(async (em) => {
      const found = await cases.byId(em, caseId);
      if (!found) throw AppError.notFound('案件不存在');
      assertMayReadCase(user, found, 'staff');
      const root = (await ledger.root(em, found.id))!;
      return {
        caseId: root.id,
        caseNo: root.caseNo,
        benefitStatus: root.benefitStatus ?? null,
        benefitAmountFen: root.benefitAmountFen,
        reviewCategory: root.reviewCategory ?? null,
        nextReviewDate: root.nextReviewDate ?? null,
        changes: await ledger.changes(em, root.id),
      };
    });
  }
}
