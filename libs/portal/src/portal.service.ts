import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, shanghaiDate } from '@app/common';
import { maskResidentId, regionWithin } from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { parseMarkup } from '@app/documents';
import { CaseEntity, Database, DocumentEntity } from '@app/persistence';
import {
  caseRepository as cases,
  mayReadCase,
  withHouseholdOwner,
  AuthorizationDraft,
  AuthorizationText,
  renderAuthorizationText,
  programName,
  PolicyParametersService,
  APPLICATION_PROGRAMS,
} from '@app/cases';
import { MaterialItem, PolicyParameters, materialsFor } from '@app/assessment';
import { TemplateStore } from '@app/issuance';
import {
  BenefitChangeSummary,
  OUTCOME_TEXT,
  PendingWait,
  ProgressStep,
  caseProgress,
  elementName,
  plainStatus,
  statusText,
} from './case-progress';
import { portalRepository as portal } from './portal.repository';
import { RoadStep, publicNames, roadMap } from './road-map';
import { CalendarProvider } from '@app/workflow';

export interface MaterialsChecklistView {
  program: string;
  programName: string;
  /** The effective date of the parameter version the list comes from. */
  effectiveFrom: string;
  items: (MaterialItem & { requested: boolean })[];
  otherRequested: string[];
}

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
    @Inject(CalendarProvider) private readonly calendars: CalendarProvider,
    @Inject(PolicyParametersService) private readonly policy: PolicyParametersService,
  ) {}

  /**
   * The materials to bring for a program where the applicant lives, as the region's policy
   * parameters in force today set them (before an application: nothing is filed yet).
   */
  async materials(user: AuthUser, program: string, regionCode: string): Promise<MaterialsChecklistView> {
    if (!(APPLICATION_PROGRAMS as string[]).includes(program))
      throw AppError.validation('救助项目不在可选范围内', [
        { field: 'program', message: '救助项目不在可选范围内' },
      ]);
    if (!regionWithin(regionCode, user.regionCode))
      throw AppError.validation('所选地区不在您的户籍所在地范围内', [
        { field: 'regionCode', message: '所选地区不在您的户籍所在地范围内' },
      ]);
    return this.db.read((em) => this.checklist(em, program, regionCode, this.clock.today(), []));
  }

  /** The checklist in force on a date, each item marked when a 补正 request named it. */
  private async checklist(
    em: EntityManager,
    program: string,
    regionCode: string,
    date: string,
    requested: string[],
  ): Promise<MaterialsChecklistView> {
    const row = await this.policy.resolve(em, regionCode, date);
    const items = materialsFor((row.parameters as PolicyParameters).materials, program);
    const named = new Set(requested.map((r) => r.trim()));
    return {
      program,
      programName: programName(program),
      effectiveFrom: row.effectiveFrom,
      items: items.map((i) => ({ ...i, requested: named.has(i.name) })),
      // What a 补正 request asked for beyond the list, by the words the window used.
      otherRequested: requested.filter((r) => !items.some((i) => i.name === r.trim())),
    };
  }

  /**
   * The applicant's applications and, once one of their documents has been served on the
   * applicant, the procedures on the household (定期核查, 增发/减发/停发, 追回, 处罚), newest first.
   */
  async myCases(user: AuthUser): Promise<PortalCaseSummary[]> {
    return this.db.read(async (em) => {
      const filed = await portal.casesFiledBy(em, user.id);
      const applications = filed.filter((k) => k.kind === 'application').map((k) => k.id);
      const procedures = await portal.servedProceduresUnder(em, applications);
      const all = [...filed, ...procedures.filter((p) => !filed.some((k) => k.id === p.id))].sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
      );
      const progress = await this.progressOf(em, all);
      const changes = await portal.latestBenefitChanges(em, applications);
      return all.map((k) => {
        const current = progress.get(k.id)!.filter((s) => s.status === 'current');
        return {
          ...this.summary(k, changes.get(k.id)),
          currentSteps: current.map((s) => ({ name: s.title, dueDate: s.dueDate })),
        };
      });
    });
  }

  /**
   * Who the account applies as: its own name, and the resident ID it first applied with (an
   * account applies as itself only, `CaseService` holds it to both). The portal fills both in
   * and locks them; a first application has no ID yet and binds the one typed.
   */
  async identity(user: AuthUser): Promise<{ name: string; idNumber: string | null }> {
    return this.db.read(async (em) => {
      const own = (await portal.casesFiledBy(em, user.id)).filter((k) => k.kind === 'application');
      return { name: user.displayName, idNumber: own.at(-1)?.applicantIdNumber ?? null };
    });
  }

  async caseView(user: AuthUser, caseId: string) {
    return this.db.read(async (em) => {
      const kase = await this.readableCase(em, user, caseId, '未找到该申请');
      const steps = (await this.progressOf(em, [kase])).get(kase.id)!;
      const village = await cases.region(em, kase.regionCode);
      const township = await cases.region(em, kase.regionCode.slice(0, 9));
      const documents = await this.visibleDocuments(em, kase, user);
      const change = (await portal.latestBenefitChanges(em, [kase.id])).get(kase.id);
      const signature = await portal.signature(em, kase.id);
      const ahead = await this.roadAhead(em, kase);
      const materials = await this.checklist(
        em,
        kase.program,
        kase.regionCode,
        kase.applicationDate,
        kase.status === 'in_progress' && !kase.acceptanceDate ? latestSupplementRequest(documents) : [],
      );
      return {
        materials,
        case: {
          ...this.summary(kase, change),
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
          change,
        ),
        steps,
        roadMap: ahead.steps,
        publicNotice: ahead.publicNotice,
        documents: documents.map((d) => ({
          id: d.id,
          title: d.title,
          number: d.number,
          templateId: d.templateId,
          issuedAt: d.issuedAt,
          status: d.status,
          verifyCode: d.verifyCode,
          servedOnDownload: d.servedOnDownload,
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

  /**
   * An applicant reads a document's summary only where the portal lists it: a decision not yet
   * served stays unseen (its title alone tells the outcome), unless downloading it would serve it.
   */
  async assertVisibleToApplicant(user: AuthUser, doc: DocumentEntity): Promise<void> {
    await this.db.read(async (em) => {
      const kase = await this.readableCase(em, user, doc.caseId, '文书不存在');
      const visible = await this.visibleDocuments(em, kase, user);
      if (!visible.some((d) => d.id === doc.id)) {
        throw AppError.notFound('该文书尚未送达，送达后可在“我的申请”中查看');
      }
    });
  }

  /**
   * The applicant downloads a document of their case. A decision (a document with remedy rights)
   * reaches them in the portal only as 送达: if it is not yet served, the download is electronic
   * service — recorded with its date and time — when their electronic-service consent is on file;
   * without consent it is not theirs to download until the organ serves it.
   */
  async releaseToApplicant(user: AuthUser, doc: DocumentEntity): Promise<void> {
    await this.db.transaction(async (em) => {
      const kase = await this.readableCase(em, user, doc.caseId, '文书不存在');
      const visible = await this.visibleDocuments(em, kase, user);
      const entry = visible.find((d) => d.id === doc.id);
      if (!entry) throw AppError.notFound('该文书尚未送达，送达后可在“我的申请”中查看');
      if (!entry.servedOnDownload) return;
      const consent = (await portal.electronicConsent(em, kase.id, kase.applicantName))!;
      const now = this.clock.now();
      await portal.insertElectronicService(em, {
        id: randomUUID(),
        caseId: kase.id,
        documentId: doc.id,
        servedOn: shanghaiDate(now),
        recipient: kase.applicantName,
        address: consent.address,
        evidence: `受送达人于${now.toISOString()}在“我的申请”中下载本文书（电子送达）`,
        consentId: consent.id,
        remedy: true,
        recordedBy: user.id,
        recordedAt: now,
      });
    });
  }

  /** The case if the applicant may read it (their application, or a procedure on its household). */
  private async readableCase(em: EntityManager, user: AuthUser, caseId: string, notFound: string) {
    const found = await cases.byId(em, caseId);
    const kase = found && (await withHouseholdOwner(em, found));
    if (!kase || !mayReadCase(user, kase, 'applicant')) throw AppError.notFound(notFound);
    return kase;
  }

  /**
   * The case's documents the applicant may see: of their own application all but decisions not yet
   * served, which show only when a download would serve them (electronic-service consent on file);
   * of a procedure on their household only what was served on the applicant (its internal
   * records, such as the 核查 record, stay with staff).
   */
  private async visibleDocuments(em: EntityManager, kase: CaseEntity, user: AuthUser) {
    const documents = await cases.documents(em, kase.id);
    if (kase.createdBy !== user.id) {
      const servedOn = await portal.documentIdsServedOn(em, kase.id, kase.applicantName);
      return documents
        .filter((d) => servedOn.has(d.id))
        .map((d) => Object.assign(d, { servedOnDownload: false }));
    }
    const served = await portal.servedDocumentIds(em, kase.id);
    const consent = await portal.electronicConsent(em, kase.id, kase.applicantName);
    const out: (DocumentEntity & { servedOnDownload: boolean })[] = [];
    for (const d of documents) {
      const template = await this.templates.byHash(em, d.templateHash);
      const awaitsService = template.manifest.remedy && !served.has(d.id);
      if (awaitsService && !consent) continue;
      out.push(Object.assign(d, { servedOnDownload: awaitsService }));
    }
    return out;
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
      const rows = await portal.regionChildren(em, parent);
      return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, leaf: r.level === 'village' }));
    });
  }

  private summary(
    k: CaseEntity,
    change?: BenefitChangeSummary | null,
  ): Omit<PortalCaseSummary, 'currentSteps'> {
    return {
      id: k.id,
      caseNo: k.caseNo,
      program: k.program,
      programName: programName(k.program),
      status: k.status,
      statusText: statusText(k, change),
      outcome: k.outcome,
      outcomeText: k.outcome ? (OUTCOME_TEXT[k.outcome] ?? k.outcome) : null,
      applicationDate: k.applicationDate,
      benefitAmountFen: k.benefitAmountFen,
    };
  }

  /**
   * The road ahead, read from the case's model, and the 公示 period: the running timer's when the
   * 公示 is under way, else the expected one. Dates count from the latest due date of what is open.
   */
  private async roadAhead(
    em: EntityManager,
    kase: CaseEntity,
  ): Promise<{
    steps: RoadStep[];
    publicNotice: { startDate: string; endDate: string; expected: boolean } | null;
  }> {
    if (kase.status !== 'in_progress') return { steps: [], publicNotice: null };
    const [tasks, timers, sources] = await Promise.all([
      portal.tasks(em, [kase.processInstanceId]),
      portal.pendingTimers(em, [kase.processInstanceId]),
      portal.processSources(em, [kase.processInstanceId]),
    ]);
    const source = sources.get(kase.processInstanceId);
    if (!source) return { steps: [], publicNotice: null };
    const open = tasks.filter((t) => t.status === 'open');
    const today = this.clock.today();
    const dues = [...open.map((t) => t.dueDate ?? today), ...timers.map((t) => shanghaiDate(t.dueAt)), today];
    const steps = await roadMap(
      source,
      {
        waitingAt: [...open.map((t) => t.elementId), ...timers.map((t) => t.elementId)],
        done: tasks.filter((t) => t.status === 'completed').map((t) => t.elementId),
        from: dues.sort().at(-1)!,
      },
      await this.calendars.current(em),
    );
    const running = timers.find((t) => /sa:step="public-notice"/.test(elementTag(source, t.elementId)));
    const publicNotice = running
      ? { startDate: shanghaiDate(running.createdAt), endDate: shanghaiDate(running.dueAt), expected: false }
      : (() => {
          const planned = steps.find((s) => s.publicNotice)?.publicNotice;
          return planned ? { ...planned, expected: true } : null;
        })();
    return { steps, publicNotice };
  }

  private async progressOf(em: EntityManager, list: CaseEntity[]): Promise<Map<string, ProgressStep[]>> {
    const out = new Map<string, ProgressStep[]>();
    if (!list.length) return out;
    const instanceIds = list.map((k) => k.processInstanceId);
    const tasks = await portal.tasks(em, instanceIds);
    const timers = await portal.pendingTimers(em, instanceIds);
    const sources = await portal.processSources(em, instanceIds);
    for (const k of list) {
      const waits: PendingWait[] = timers
        .filter((t) => t.instanceId === k.processInstanceId)
        .map((t) => {
          const source = sources.get(t.instanceId) ?? '';
          return {
            name: publicNames(source).get(t.elementId) ?? elementName(source, t.elementId),
            dueAt: t.dueAt,
          };
        });
      out.set(
        k.id,
        caseProgress(
          k,
          tasks.filter((t) => t.instanceId === k.processInstanceId),
          waits,
          publicNames(sources.get(k.processInstanceId) ?? ''),
        ),
      );
    }
    return out;
  }
}

/** The opening tag of an element in a model's source. */
function elementTag(source: string, elementId: string): string {
  const escaped = elementId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<[^>]*\\sid="${escaped}"[^>]*>`).exec(source)?.[0] ?? '';
}

/**
 * The materials the latest 补正材料告知书 of the case asked for, by the names it printed (the
 * caller asks only while the case awaits acceptance: once accepted, nothing is outstanding).
 */
function latestSupplementRequest(documents: DocumentEntity[]): string[] {
  for (const d of [...documents].reverse()) {
    if (!d.templateId.endsWith('supplement-notice')) continue;
    const list = d.data.form?.missingMaterials;
    if (Array.isArray(list)) return list.map(String).filter((m) => m.trim());
  }
  return [];
}
