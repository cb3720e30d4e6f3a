import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock, ErrorDetail } from '@app/common';
import { AuditService } from '@app/audit';
import { Household } from '@app/assessment';
import {
  exposureFor,
  identityCheckPurpose,
  maskCase,
  maskPersonalDetail,
  maskResidentId,
  regionLevel,
  regionWithin,
  residentIdProblem,
} from '@app/assistance';
import type { AuthUser } from '@app/auth';
import { CaseEntity, Database, DocumentEntity, IdempotencyEntity, TaskEntity } from '@app/persistence';
import { DefinitionService, ProcessRuntime } from '@app/workflow';
import { FormField } from '@app/process-models';
import { caseRepository as cases } from './case.repository';
import { caseDetailRepository } from './case-detail.repository';
import { caseProcessRepository as processes } from './case-process.repository';
import { idempotencyRepository as idempotency } from './idempotency.repository';
import { checkHousehold } from './policy/assessment.service';
import { DocumentPipeline, TemplateStore } from '@app/issuance';
import { CaseStarter } from './case-starter';
import { assertMayReadCase, caseForStaff, ReadableCase, withHouseholdOwner } from './case-access';
import { DutyService } from './duty';
import { ActingFor, assertHolderOrDelegate } from './casework/holder';
import { caseworkRepository as casework } from './casework/casework.repository';
import { CaseFactsService } from './case-facts/case-facts.service';
import { PrerequisiteState, prerequisiteStates, unmetPrerequisiteMessage } from './case-facts/prerequisites';
import { authorizationSignatureRepository as signatures } from './authorization/authorization-signature.repository';
import { unsignedAdults } from './authorization/signers';
import { MemberSigningService } from './authorization/member-signing.service';
import { caseFactsRepository } from './case-facts/case-facts.repository';
import { APPLICATION_PROGRAMS, programName } from './programs';
import {
  AuthorizationInput,
  ClientInfo,
  authorizationProblems,
  recordAuthorizationSignature,
} from './authorization';

export interface ApplicationInput {
  program: string;
  regionCode: string;
  applicant: { name: string; idNumber: string; address: string; phone?: string };
  members: { name: string; idNumber: string; relation: string }[];
  nearRelative: boolean;
  /** Answers to the application process's start form (e.g. 临时救助's category and urgency). */
  variables?: Record<string, unknown>;
  /** The applicant's online signature of the 核对授权书 (required when an applicant applies). */
  authorization?: AuthorizationInput;
  client?: ClientInfo;
}

export type CaseListItem = Pick<
  CaseEntity,
  | 'id'
  | 'caseNo'
  | 'program'
  | 'kind'
  | 'status'
  | 'outcome'
  | 'regionCode'
  | 'urgency'
  | 'applicantName'
  | 'applicantIdNumber'
  | 'applicantAddress'
  | 'nearRelative'
  | 'createdAt'
  | 'updatedAt'
> & { householdSize: number };

export interface CompleteInput {
  taskId: string;
  data: Record<string, unknown>;
  expectedVersion?: number;
  idempotencyKey?: string;
}

/** The case aggregate: applications, the task inbox, and completing steps under the model. */
export interface CaseIdentity {
  /** Why this reader sees the full numbers: also what the audit record says. */
  reason: string;
  applicantIdNumber: string;
  household: { name: string; relation: string; idNumber: string }[];
}

@Injectable()
export class CaseService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(CaseStarter) private readonly starter: CaseStarter,
    @Inject(DefinitionService) private readonly definitions: DefinitionService,
    @Inject(DutyService) private readonly duties: DutyService,
    @Inject(CaseFactsService) private readonly facts: CaseFactsService,
    @Inject(MemberSigningService) private readonly signing: MemberSigningService,
  ) {}

  async apply(user: AuthUser, input: ApplicationInput): Promise<CaseEntity> {
    const today = this.clock.today();
    const problems: ErrorDetail[] = [];
    if (!(APPLICATION_PROGRAMS as string[]).includes(input.program))
      problems.push({ field: 'program', message: `不支持的救助项目“${input.program}”` });
    if (regionLevel(input.regionCode) !== 'village') {
      problems.push({ field: 'regionCode', message: '应为12位村（社区）行政区划代码' });
    } else if (!regionWithin(input.regionCode, user.regionCode)) {
      problems.push({ field: 'regionCode', message: '不在您的管辖范围内' });
    }
    const idProblem = residentIdProblem(input.applicant.idNumber, today);
    if (idProblem) problems.push({ field: 'applicant.idNumber', message: `身份证号码无效：${idProblem}` });
    input.members.forEach((m, i) => {
      const p = residentIdProblem(m.idNumber, today);
      if (p) problems.push({ field: `members[${i}].idNumber`, message: `身份证号码无效：${p}` });
    });
    if (!input.members.some((m) => m.idNumber === input.applicant.idNumber)) {
      problems.push({ field: 'members', message: '家庭成员中应包含申请人本人' });
    }
    problems.push(...authorizationProblems(user, input.applicant.name, input.authorization));
    if (problems.length) throw AppError.validation(problems[0].message, problems);

    const kase = await this.runtime.transaction(async (em) => {
      await this.assertNoOverlap(em, user, input);
      const row = await this.starter.start(em, {
        kind: 'application',
        program: input.program,
        regionCode: input.regionCode,
        applicant: input.applicant,
        household: input.members,
        nearRelative: input.nearRelative,
        startData: input.variables,
        actorId: user.id,
      });
      const now = this.clock.now();
      if (input.authorization) {
        await recordAuthorizationSignature(
          em,
          { templates: this.templates, audit: this.audit },
          {
            user,
            caseId: row.id,
            draft: input,
            authorization: input.authorization,
            client: input.client,
            now,
          },
        );
        await this.signing.issueWhenAllSigned(em, row, user.id, now);
      }
      return row;
    });
    await this.pipeline.issued(kase.id);
    return (await this.db.read((em) => cases.byId(em, kase.id)))!;
  }

  /** The programs one may apply for now, with what their application process asks at the start. */
  async programs(): Promise<{ program: string; name: string; processKey: string; startForm: FormField[] }[]> {
    const infos = await this.db.read((em) => this.starter.inEffect(em));
    return APPLICATION_PROGRAMS.flatMap((program) => {
      const info = infos.find((i) => i.kind === 'application' && i.program === program);
      return info
        ? [{ program, name: programName(program), processKey: info.key, startForm: info.startForm }]
        : [];
    });
  }

  async task(
    user: AuthUser,
    taskId: string,
  ): Promise<{ task: TaskEntity; kase: CaseEntity; version: number }> {
    return this.db.read(async (em) => {
      const task = await processes.task(em, taskId);
      if (!task) throw AppError.notFound('任务不存在');
      const kase = await cases.byInstanceOrFail(em, task.instanceId);
      this.assertMayRead(user, kase);
      const version = await processes.instanceVersion(em, task.instanceId);
      return { task, kase, version };
    });
  }

  /**
   * The full resident ID numbers of the applicant and household, for the duties that must check
   * them against the ID cards (identityCheckPurpose); everyone else keeps the masked view. Every
   * read is audited, with the reason, in the same transaction: no record, no numbers.
   */
  async identity(user: AuthUser, caseId: string): Promise<CaseIdentity> {
    this.refuseApplicant(user);
    const purpose = identityCheckPurpose(user.duties);
    if (!purpose)
      throw AppError.forbidden(
        '完整身份证号码仅供窗口受理人员、调查人员核对身份证件时查看；其他人员查看脱敏号码',
      );
    return this.db.transaction(async (em) => {
      const kase = await cases.byId(em, caseId);
      if (!kase) throw AppError.notFound('案件不存在');
      this.assertMayRead(user, kase);
      await this.audit.record(em, {
        at: this.clock.now(),
        actorId: user.id,
        action: 'access.case.identity',
        caseId: kase.id,
        detail: { reason: purpose, duty: user.duties.find((d) => identityCheckPurpose([d])) ?? null },
      });
      return {
        reason: purpose,
        applicantIdNumber: kase.applicantIdNumber,
        household: kase.household.map((m) => ({ name: m.name, relation: m.relation, idNumber: m.idNumber })),
      };
    });
  }

  /** The task's model-declared prerequisites (`sa:requires`) and whether the case meets them. */
  private async prerequisites(
    em: EntityManager,
    kase: CaseEntity,
    task: TaskEntity,
  ): Promise<PrerequisiteState[]> {
    const instance = await processes.instanceSummary(em, kase.processInstanceId);
    if (!instance) return [];
    const info = await this.definitions.info(em, instance.definitionId);
    const keys = info.prerequisites?.[task.elementId] ?? [];
    const missing = keys.includes('authorization')
      ? unsignedAdults(
          kase.household,
          (await signatures.ofCase(em, kase.id)).map((s) => s.signerIdNumber),
          this.clock.today(),
        ).map((m) => m.name)
      : [];
    return prerequisiteStates(keys, { economics: kase.economics, unsignedAdults: missing });
  }

  /** The keys of an open task's `sa:requires` the case does not meet yet (for drivers of the demo). */
  async unmetPrerequisites(taskId: string): Promise<string[]> {
    return this.db.read(async (em) => {
      const task = await processes.task(em, taskId);
      if (!task) return [];
      const kase = await cases.byInstanceOrFail(em, task.instanceId);
      return (await this.prerequisites(em, kase, task)).filter((p) => !p.met).map((p) => p.key);
    });
  }

  /** The server holds a step to its model's `sa:requires`, not only the form: 409 naming what comes first. */
  private async assertPrerequisites(em: EntityManager, kase: CaseEntity, task: TaskEntity): Promise<void> {
    const message = unmetPrerequisiteMessage(await this.prerequisites(em, kase, task), task.name);
    if (message) throw AppError.conflict('PREREQUISITE_UNMET', message);
  }

  /**
   * What a step form starts from and warns about: the assessment and the previous proposal
   * (prefill), whether the assessment is current, and other cases holding the same household.
   */
  async taskFacts(task: TaskEntity, kase: CaseEntity) {
    return this.db.read(async (em) => {
      const fresh = (await cases.byId(em, kase.id))!;
      return {
        ...(task.status === 'open'
          ? await this.facts.formStart(em, fresh, task)
          : { prefill: {}, decisionBases: [] }),
        prerequisites: await this.prerequisites(em, fresh, task),
        assessmentStatus: await this.facts.status(em, fresh),
        overlaps:
          fresh.kind === 'application' && fresh.status === 'in_progress'
            ? await this.facts.overlapsOfCase(em, fresh, await this.applicantAccount(em, fresh))
            : [],
      };
    });
  }

  /**
   * Completes a task as one transaction: lock, authorize, validate, advance the engine, issue
   * documents, audit. A repeated Idempotency-Key returns the first answer and does nothing new.
   */
  async complete(user: AuthUser, input: CompleteInput): Promise<CompleteResult> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify([input.taskId, input.data, input.expectedVersion ?? null]))
      .digest('hex');
    if (input.idempotencyKey) {
      const earlier = await this.replay(user, input.idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    const result = await this.runtime
      .transaction(async (em) => {
        if (input.idempotencyKey) {
          // Same key racing in parallel: the second waits here and then replays.
          await idempotency.lock(em, user.id, input.idempotencyKey);
          const earlier = await idempotency.find(em, user.id, input.idempotencyKey);
          if (earlier) return { replay: earlier } as const;
        }
        const task = await this.runtime.lockOpenTask(em, input.taskId);
        const kase = await cases.byInstanceOrFail(em, task.instanceId);
        // Access first: one who may not do the task at all learns nothing of who holds it.
        await this.duties.assertMayPerform(em, user, kase, task);
        const actingFor = await assertHolderOrDelegate(em, user.id, task, this.clock.today());
        await this.assertPrerequisites(em, kase, task);
        const named = await this.duties.resolveNamedStaff(em, kase, task, input.data);
        await this.facts.assertStep(em, kase, task, named.data, await this.applicantAccount(em, kase));
        const body = await this.advance(em, task, kase, {
          data: named.data,
          actorId: user.id,
          expectedVersion: input.expectedVersion,
          actingFor,
        });
        await casework.dropDrafts(em, task.id);
        if (named.staffIds.length) await this.duties.recordNamedStaff(em, task.id, named.staffIds);
        const now = this.clock.now();
        if (input.idempotencyKey) {
          await idempotency.insert(em, {
            key: input.idempotencyKey,
            userId: user.id,
            requestHash,
            responseStatus: 200,
            responseBody: body,
            createdAt: now,
          });
        }
        return { body } as const;
      })
      .catch(async (err: unknown) => {
        // The form is not lost when someone else holds the task: it waits as this user's draft.
        if (err instanceof AppError && err.code === 'TASK_HELD_BY_OTHER' && input.data) {
          await this.db.transaction((em) =>
            casework.saveDraft(em, input.taskId, user.id, input.data, this.clock.now()),
          );
        }
        throw err;
      });
    if ('replay' in result) return this.replayed(result.replay!, requestHash);
    await this.pipeline.issued(result.body.caseId);
    return result.body;
  }

  /** One step of a case inside the caller's transaction: advance the engine, touch the case, audit. */
  private async advance(
    em: EntityManager,
    task: TaskEntity,
    kase: CaseEntity,
    input: {
      data: Record<string, unknown>;
      actorId: string;
      expectedVersion?: number;
      retriedBy?: string;
      /** The holder a delegate acts for: the record and the documents name both. */
      actingFor?: ActingFor | null;
    },
  ): Promise<CompleteResult> {
    const step = await this.runtime.complete(em, task, {
      data: input.data,
      actorId: input.actorId,
      expectedVersion: input.expectedVersion,
      onBehalfOf: input.actingFor?.id ?? null,
    });
    const now = this.clock.now();
    await cases.update(em, kase.id, { updatedAt: now });
    await this.audit.record(em, {
      at: now,
      actorId: input.retriedBy ?? input.actorId,
      action: input.retriedBy ? 'incident.retry' : 'task.complete',
      caseId: kase.id,
      detail: {
        taskId: task.id,
        elementId: task.elementId,
        name: task.name,
        data: input.data,
        ...(input.retriedBy && { submittedBy: input.actorId }),
        ...(input.actingFor && { onBehalfOf: input.actingFor }),
        // The case's state on either side of the step: engine version and what was open.
        before: { version: step.instance.version - 1, open: step.openBefore ?? [] },
        after: {
          version: step.instance.version,
          opened: step.openedTasks.map((t) => t.name),
          ...(step.ended && { ended: true, outcome: step.outcome }),
        },
      },
    });
    return {
      caseId: kase.id,
      version: step.instance.version,
      ended: step.ended,
      outcome: step.outcome,
      openedTasks: step.openedTasks.map((t) => ({
        id: t.id,
        name: t.name,
        candidateGroups: t.candidateGroups,
        dueDate: t.dueDate,
      })),
    };
  }

  /**
   * Re-runs a failed step of a case after the model was fixed or the case migrated: the submission
   * recorded on the incident, as its user made it; the incident resolves when the step succeeds.
   */
  async retryTask(
    retriedBy: string,
    retry: { taskId: string; data: Record<string, unknown>; actorId: string },
  ): Promise<CompleteResult> {
    const body = await this.runtime.transaction(async (em) => {
      const task = await this.runtime.lockOpenTask(em, retry.taskId);
      const kase = await cases.byInstanceOrFail(em, task.instanceId);
      return this.advance(em, task, kase, { data: retry.data, actorId: retry.actorId, retriedBy });
    });
    await this.pipeline.issued(body.caseId);
    return body;
  }

  private async replay(user: AuthUser, key: string, requestHash: string): Promise<CompleteResult | null> {
    const earlier = await this.db.read((em) => idempotency.find(em, user.id, key));
    return earlier ? this.replayed(earlier, requestHash) : null;
  }

  private replayed(earlier: IdempotencyEntity, requestHash: string): CompleteResult {
    if (earlier.requestHash !== requestHash) {
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key 已用于另一个请求', [
        { field: 'Idempotency-Key', message: '同一幂等键只能用于同一请求' },
      ]);
    }
    return earlier.responseBody as CompleteResult;
  }

  /** Records the household economic facts the investigation verified (input of the assessment). */
  async recordEconomics(user: AuthUser, caseId: string, household: Household): Promise<CaseEntity> {
    checkHousehold(household, this.clock.today());
    return this.db.transaction(async (em) => {
      const kase = await caseForStaff(em, user, caseId, true);
      await this.duties.assertMayAct(em, user, kase);
      if (kase.status !== 'in_progress')
        throw AppError.conflict('CASE_CLOSED', '案件已办结，不能再修改家庭经济状况');
      const members = household.members as unknown as { idNumber?: unknown }[];
      if (!members.some((m) => m?.idNumber === kase.applicantIdNumber)) {
        throw AppError.validation('家庭经济状况中没有本案申请人，不是本案的家庭', [
          { field: 'household.members', message: `应包含本案申请人（${kase.applicantName}）` },
        ]);
      }
      const now = this.clock.now();
      await cases.update(em, kase.id, {
        economics: household as unknown as Record<string, unknown>,
        updatedAt: now,
      });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'case.economics',
        caseId: kase.id,
        detail: { before: kase.economics, after: household },
      });
      await this.facts.reassess(em, { ...kase, economics: household }, household, user.id);
      return { ...kase, economics: household as unknown as Record<string, unknown>, updatedAt: now };
    });
  }

  /** The cases of the user's region, as a list view: no full ID numbers, addresses or health. */
  async list(user: AuthUser): Promise<CaseListItem[]> {
    this.refuseApplicant(user);
    const rows = await this.db.read((em) => cases.listWithin(em, user.regionCode));
    const exposure = exposureFor(user.role, 'list');
    return rows.map((kase) => {
      const m = maskCase(kase, exposure);
      return {
        id: m.id,
        caseNo: m.caseNo,
        program: m.program,
        kind: m.kind,
        status: m.status,
        outcome: m.outcome,
        regionCode: m.regionCode,
        urgency: m.urgency,
        applicantName: m.applicantName,
        applicantIdNumber: m.applicantIdNumber,
        applicantAddress: m.applicantAddress,
        householdSize: m.household.length,
        nearRelative: m.nearRelative,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      };
    });
  }

  /**
   * The staff view of a case, read in one unit of work; `more` adds what other areas show beside
   * it (送达, time limits), read in the page's own statement, so the page never reads the case twice.
   */
  async detail<More extends object = object>(user: AuthUser, caseId: string, more?: CaseDetailPart<More>) {
    this.refuseApplicant(user);
    return this.db.read(async (em) => {
      // The case with all its parts in one statement; nothing of it leaves before the access check.
      const found = await caseDetailRepository.detail(em, caseId, more?.sql);
      if (!found) throw AppError.notFound('案件不存在');
      const { kase, instance, tasks, documents, timeline, assessments, parent, incident } = found;
      this.assertMayRead(user, kase);
      const assessment = assessments[0] ?? null;
      const regionName = found.regionPath;
      const info = await this.definitions.info(em, instance.definitionId);
      const assessmentStatus = await this.facts.status(em, kase, assessments);
      const overlaps =
        kase.kind === 'application' && kase.status === 'in_progress'
          ? await this.facts.overlapsOfCase(em, kase, found.applicantAccount)
          : [];
      const exposure = exposureFor(user.role, 'detail');
      // Supervisors see the record of what was done, with the people in it masked (IDs, health, incomes, assets).
      const masked = exposure.idNumber === 'masked';
      // Only what the step or the act recorded is masked; the rows' own bookkeeping stays.
      const maskedTasks = masked ? tasks.map((k) => ({ ...k, data: maskPersonalDetail(k.data) })) : tasks;
      const maskedTimeline = masked
        ? timeline.map((e) => ({ ...e, detail: maskPersonalDetail(e.detail) }))
        : timeline;
      return {
        case: maskCase(kase, exposure),
        /** The end event's name in the case's own model version, e.g. “确认享受低保（转入动态管理）”. */
        outcomeText: kase.outcome ? (info.outcomes[kase.outcome] ?? null) : null,
        processName: info.name,
        parent: parent && { id: parent.id, caseNo: parent.caseNo, program: parent.program },
        children: found.children,
        regionName,
        instance,
        tasks: maskedTasks,
        documents: documents.map(documentSummary),
        timeline: maskedTimeline,
        assessment: exposure.health === 'hidden' ? null : assessment,
        /** The case's open incident in plain words: the staff know why it does not move on. */
        incident: incident ? incidentNotice(incident) : null,
        ...((await more?.build(em, kase, found.more)) ?? ({} as More)),
        assessmentStatus,
        overlaps: masked
          ? overlaps.map((o) => ({ ...o, idNumbers: o.idNumbers.map(maskResidentId) }))
          : overlaps,
      };
    });
  }

  async document(user: AuthUser, documentId: string): Promise<DocumentEntity> {
    return this.db.read(async (em) => {
      const doc = await cases.document(em, documentId);
      if (!doc) throw AppError.notFound('文书不存在');
      this.assertMayRead(user, await withHouseholdOwner(em, (await cases.byId(em, doc.caseId))!));
      return doc;
    });
  }

  private applicantAccount(em: EntityManager, kase: CaseEntity): Promise<string | null> {
    return caseFactsRepository.applicantAccount(em, kase.id);
  }

  /**
   * One benefit once: an application may not duplicate a case being decided or a benefit received
   * (same person, same applicant account, or excluding programs). An applicant applies as
   * themselves: an account keeps the applicant ID it first applied with. Staff may register a
   * household whose member is covered elsewhere; the acceptance step then asks for the reason.
   */
  private async assertNoOverlap(em: EntityManager, user: AuthUser, input: ApplicationInput): Promise<void> {
    const applicant = user.role === 'applicant';
    if (applicant) {
      if (input.applicant.name !== user.displayName) {
        throw AppError.validation('只能以本人名义申请', [
          { field: 'applicant.name', message: `申请人应为账号本人（${user.displayName}）` },
        ]);
      }
      const ids = await caseFactsRepository.applicantIdsOfAccount(em, user.id);
      if (ids.length && !ids.includes(input.applicant.idNumber)) {
        throw AppError.validation('只能以本人身份证号码申请', [
          { field: 'applicant.idNumber', message: '应为本账号此前申请时使用的本人身份证号码' },
        ]);
      }
    }
    // An application to no region is refused for that (the starter names the field), not as a duplicate.
    if (!(await cases.region(em, input.regionCode))) return;
    await caseFactsRepository.lockResidentIds(em, [
      input.applicant.idNumber,
      ...input.members.map((m) => m.idNumber),
    ]);
    const found = await this.facts.overlapsOf(em, {
      caseId: null,
      program: input.program,
      regionCode: input.regionCode,
      applicantIdNumber: input.applicant.idNumber,
      memberIds: input.members.map((m) => m.idNumber),
      accountId: applicant ? user.id : null,
    });
    // Staff may register a household whose member is in another case (the acceptance asks for the
    // reason); nobody registers the same applicant or account twice in the same or an excluding
    // program, open or received. An applicant may register beside nothing.
    const blocking = found.filter((o) => applicant || !o.overridable);
    if (!blocking.length) return;
    const message = applicant
      ? blocking[0].kind === 'member-elsewhere'
        ? `家庭成员中有人已在其他在办或在享的${programName(blocking[0].program)}案件中，请联系乡镇（街道）核实`
        : `您已有在办或在享的${programName(blocking[0].program)}案件（${blocking[0].caseNo}），不能重复申请`
      : `${blocking[0].message}，不能重复申请`;
    throw new AppError(409, 'CASE_OVERLAP', message, [
      {
        field: applicant || blocking[0].kind !== 'member-elsewhere' ? 'applicant.idNumber' : 'members',
        message,
      },
    ]);
  }

  /** The staff view carries the internal record (audit, form data); applicants have the portal's. */
  private refuseApplicant(user: AuthUser): void {
    if (user.role === 'applicant') throw AppError.forbidden('申请人请在“我的申请”中查看本人案件');
  }

  private assertMayRead(user: AuthUser, kase: ReadableCase): void {
    assertMayReadCase(user, kase, 'staff-or-applicant');
  }
}

/** What another area shows on the case page, read in the page's statement (`CaseService.detail`). */
export interface CaseDetailPart<More> {
  /** SQL: one value about the case row `k` (its id is also `$1`), when the part reads any. */
  sql?: string;
  /** What the page shows of that value (parsed JSON), once the reader may read the case. */
  build(em: EntityManager, kase: CaseEntity, value: unknown): Promise<More>;
}

export interface CompleteResult {
  caseId: string;
  version: number;
  ended: boolean;
  outcome: string | null;
  openedTasks: { id: string; name: string; candidateGroups: string[]; dueDate: string | null }[];
}

/** What the case page says about an incident: which step, what is wrong, who acts. */
function incidentNotice(i: {
  id: string;
  kind: string;
  elementName: string | null;
  cause: string;
  createdAt: Date;
}) {
  const at = i.elementName ? `在“${i.elementName}”环节` : '';
  const what =
    i.kind === 'stalled' ? `本案${at}停滞，系统无法自动推进` : `本案${at}遇到流程故障，最近一次办理未能生效`;
  return {
    id: i.id,
    elementName: i.elementName,
    since: i.createdAt,
    message: `${what}：${i.cause}。已通知法制人员处理，修复后将自动继续或由法制人员重试；在此之前无需重复提交。`,
  };
}

/** What a list of a case's documents shows of each (not its frozen data). */
export type DocumentListing = Pick<
  DocumentEntity,
  | 'id'
  | 'title'
  | 'number'
  | 'templateId'
  | 'templateVersion'
  | 'issuedAt'
  | 'status'
  | 'verifyCode'
  | 'pdfSha256'
> & { renderFailure?: unknown };

export function documentSummary(d: DocumentListing) {
  return {
    id: d.id,
    title: d.title,
    number: d.number,
    templateId: d.templateId,
    templateVersion: d.templateVersion,
    issuedAt: d.issuedAt,
    // pending is shown as 生成中 until archived; failed until the sweep's retry succeeds.
    status: d.status === 'pending' && d.renderFailure ? ('failed' as const) : d.status,
    verifyCode: d.verifyCode,
    pdfSha256: d.pdfSha256,
  };
}
