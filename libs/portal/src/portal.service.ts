import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { maskResidentId, regionWithin } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { parseMarkup } from '@app/documents';
import {
  AuthorizationSignatureEntity,
  CaseEntity,
  Database,
  RegionEntity,
  TaskEntity,
  TimerEntity,
} from '@app/persistence';
import {
  caseRepository as cases,
  mayReadCase,
  AuthorizationDraft,
  AuthorizationText,
  renderAuthorizationText,
  programName,
} from '@app/cases';
import { TemplateStore } from '@app/issuance';
import {
  OUTCOME_TEXT,
  PendingWait,
  ProgressStep,
  caseProgress,
  elementName,
  plainStatus,
  statusText,
} from './case-progress';

export interface PortalCaseSummary {
  id: string;
  caseNo: string;
  program: string;
  programName: string;
  status: CaseEntity['status'];
  statusText: string;
  outcome: string | null;
  outcomeText: string | null;
  currentSteps: { name: string; dueDate: string | null }[];
  applicationDate: string;
  benefitAmountFen: number | null;
}

/**
 * What an applicant sees of their own applications: status in plain words, progress, the notices
 * addressed to them and the authorization they signed. No internal audit detail, no staff data.
 */
@Injectable()
export class PortalService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async myCases(user: AuthUser): Promise<PortalCaseSummary[]> {
    return this.db.read(async (em) => {
      const own = await em
        .getRepository(CaseEntity)
        .find({ where: { createdBy: user.id }, order: { createdAt: 'DESC' } });
      const progress = await this.progressOf(em, own);
      return own.map((k) => {
        const current = progress.get(k.id)!.filter((s) => s.status === 'current');
        return {
          ...this.summary(k),
          currentSteps: current.map((s) => ({ name: s.title, dueDate: s.dueDate })),
        };
      });
    });
  }

  async caseView(user: AuthUser, caseId: string) {
    return this.db.read(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound('未找到该申请');
      const steps = (await this.progressOf(em, [kase])).get(kase.id)!;
      const village = await cases.region(em, kase.regionCode);
      const township = await cases.region(em, kase.regionCode.slice(0, 9));
      const documents = await cases.documents(em, kase.id);
      const signature = await em
        .getRepository(AuthorizationSignatureEntity)
        .findOne({ where: { caseId: kase.id } });
      return {
        case: {
          ...this.summary(kase),
          acceptanceDate: kase.acceptanceDate,
          benefitStartMonth: kase.benefitStartMonth,
          regionName: [township?.name, village?.name].filter(Boolean).join(' '),
          applicant: {
            name: kase.applicantName,
            idNumberMasked: maskResidentId(kase.applicantIdNumber),
            address: kase.applicantAddress,
            phone: kase.applicantPhone,
          },
          household: kase.household.map((m) => ({
            name: m.name,
            relation: m.relation,
            idNumberMasked: maskResidentId(m.idNumber),
          })),
        },
        plainStatus: plainStatus(
          kase,
          steps.filter((s) => s.status === 'current'),
        ),
        steps,
        documents: documents.map((d) => ({
          id: d.id,
          title: d.title,
          number: d.number,
          templateId: d.templateId,
          issuedAt: d.issuedAt,
          status: d.status,
          verifyCode: d.verifyCode,
        })),
        authorization: signature
          ? {
              signerName: signature.signerName,
              signerIdNumberMasked: maskResidentId(signature.signerIdNumber),
              signedAt: signature.signedAt,
              templateVersion: signature.templateVersion,
              textHash: signature.textHash,
              blocks: parseMarkup(signature.text),
            }
          : null,
      };
    });
  }

  /** The 核对授权书 this draft application will print, for the applicant to read and sign. */
  async authorizationText(user: AuthUser, draft: AuthorizationDraft): Promise<AuthorizationText> {
    if (!regionWithin(draft.regionCode, user.regionCode)) {
      throw AppError.validation('所选村（社区）不在您的户籍所在地范围内', [
        { field: 'regionCode', message: '所选村（社区）不在您的户籍所在地范围内' },
      ]);
    }
    return this.db.read((em) => renderAuthorizationText(em, this.templates, draft, this.clock.now()));
  }

  /** Children of a region (the county list when no parent is given), for cascading pickers. */
  async regions(parent?: string) {
    return this.db.read(async (em) => {
      const qb = em.getRepository(RegionEntity).createQueryBuilder('r').orderBy('r.code', 'ASC');
      if (parent) qb.where('r.parent_code = :parent', { parent });
      else qb.where('r.parent_code IS NULL');
      const rows = await qb.getMany();
      return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, leaf: r.level === 'village' }));
    });
  }

  private summary(k: CaseEntity): Omit<PortalCaseSummary, 'currentSteps'> {
    return {
      id: k.id,
      caseNo: k.caseNo,
      program: k.program,
      programName: programName(k.program),
      status: k.status,
      statusText: statusText(k),
      outcome: k.outcome,
      outcomeText: k.outcome ? (OUTCOME_TEXT[k.outcome] ?? k.outcome) : null,
      applicationDate: k.applicationDate,
      benefitAmountFen: k.benefitAmountFen,
    };
  }

  private async progressOf(em: EntityManager, list: CaseEntity[]): Promise<Map<string, ProgressStep[]>> {
    const out = new Map<string, ProgressStep[]>();
    if (!list.length) return out;
    const instanceIds = list.map((k) => k.processInstanceId);
    const tasks = await em
      .getRepository(TaskEntity)
      .find({ where: { instanceId: In(instanceIds) }, order: { createdAt: 'ASC' } });
    const timers = await em
      .getRepository(TimerEntity)
      .find({ where: { instanceId: In(instanceIds), status: 'pending' }, order: { dueAt: 'ASC' } });
    const sources = new Map<string, string>();
    if (timers.length) {
      const rows: { id: string; source: string }[] = await em.query(
        `SELECT i.id, d.source FROM process_instance i JOIN process_definition d ON d.id = i.definition_id
         WHERE i.id = ANY($1)`,
        [[...new Set(timers.map((t) => t.instanceId))]],
      );
      for (const r of rows) sources.set(r.id, r.source);
    }
    for (const k of list) {
      const waits: PendingWait[] = timers
        .filter((t) => t.instanceId === k.processInstanceId)
        .map((t) => ({ name: elementName(sources.get(t.instanceId) ?? '', t.elementId), dueAt: t.dueAt }));
      out.set(
        k.id,
        caseProgress(
          k,
          tasks.filter((t) => t.instanceId === k.processInstanceId),
          waits,
        ),
      );
    }
    return out;
  }
}
