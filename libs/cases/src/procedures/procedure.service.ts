import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '@app/common';
import type { AuthUser } from '@app/auth';
import { CaseEntity, Database } from '@app/persistence';
import { FormField, ProcessInfo } from '@app/process-models';
import { CaseStarter } from '../case-starter';
import { ChildCaseSummary, caseRepository as cases } from '../case.repository';
import { DocumentPipeline } from '@app/issuance';
import { DutyService } from '../duty';
import { assertMayReadCase } from '../case-access';

export interface ProcedureOffer {
  processKey: string;
  name: string;
  startForm: FormField[];
}

/**
 * Procedures on an existing case (periodic review, termination, recovery, complaints, …): each runs
 * as a child case on its own model, which says with `sa:appliesTo` on which programs' cases it may
 * start and with `camunda:candidateStarterGroups` who may start it.
 */
@Injectable()
export class ProcedureService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CaseStarter) private readonly starter: CaseStarter,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(DutyService) private readonly duties: DutyService,
  ) {}

  /** The case's procedures so far and those this user may start on it now. */
  async overview(
    user: AuthUser,
    caseId: string,
  ): Promise<{ children: ChildCaseSummary[]; available: ProcedureOffer[] }> {
    return this.db.read(async (em) => {
      const parent = await this.readableCase(em, user, caseId);
      const offers = await this.offers(em, parent);
      return {
        children: await cases.children(em, parent.id),
        available: offers
          .filter((o) => o.starterGroups.some((g) => (user.duties as string[]).includes(g)))
          .map((o) => ({ processKey: o.key, name: o.name, startForm: o.startForm })),
      };
    });
  }

  /** Starts a procedure as `user` (HTTP); see `startIn` for code that already holds a transaction. */
  async start(user: AuthUser, caseId: string, processKey: string, data: Record<string, unknown>) {
    const child = await this.db.transaction(async (em) => {
      const parent = await this.readableCase(em, user, caseId);
      await this.duties.assertMayAct(em, user, parent);
      return this.startIn(em, { parent, processKey, data, actor: user });
    });
    await this.pipeline.issued(child.id);
    return child;
  }

  /**
   * Starts a procedure inside the caller's transaction, checking the model's `sa:appliesTo` and
   * starter roles. `actor.role` may be omitted for procedures the system starts (review cohorts).
   */
  async startIn(
    em: EntityManager,
    input: {
      parent: CaseEntity;
      processKey: string;
      data: Record<string, unknown>;
      actor: { id: string; role?: string };
    },
  ): Promise<CaseEntity> {
    const { parent, processKey } = input;
    const offer = (await this.offers(em, parent)).find((o) => o.key === processKey);
    if (!offer) {
      throw AppError.validation(`“${processKey}”不能在该案件上发起`, [
        {
          field: 'processKey',
          message: `流程“${processKey}”未部署、尚未生效，或不适用于${parent.caseNo}这类案件`,
        },
      ]);
    }
    if (input.actor.role !== undefined && !offer.starterGroups.includes(input.actor.role)) {
      throw AppError.forbidden(`“${offer.name}”须由${offer.starterGroups.join('、')}发起`);
    }
    return this.starter.start(em, {
      kind: 'procedure',
      processKey,
      parent,
      regionCode: parent.regionCode,
      applicant: {
        name: parent.applicantName,
        idNumber: parent.applicantIdNumber,
        address: parent.applicantAddress,
        phone: parent.applicantPhone,
      },
      household: parent.household,
      nearRelative: parent.nearRelative,
      economics: parent.economics,
      startData: input.data,
      startDataField: 'data',
      hostVariables: { currentAmount: parent.benefitAmountFen },
      actorId: input.actor.id,
    });
  }

  private async offers(em: EntityManager, parent: CaseEntity): Promise<ProcessInfo[]> {
    if (parent.kind !== 'application') return [];
    const all = await this.starter.inEffect(em);
    return all.filter((info) => info.kind === 'procedure' && info.appliesTo.includes(parent.program));
  }

  private async readableCase(em: EntityManager, user: AuthUser, caseId: string): Promise<CaseEntity> {
    if (user.role === 'applicant') throw AppError.forbidden('申请人不能发起该程序');
    const kase = await cases.byId(em, caseId);
    if (!kase) throw AppError.notFound('案件不存在');
    assertMayReadCase(user, kase, 'staff', '该案件不在您的管辖范围内');
    return kase;
  }
}
