import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock, ErrorDetail } from '@app/common';
import { AuditService } from '@app/audit';
import { maskResidentId } from '@app/assistance';
import {
  CaseEntity,
  HouseholdMemberRecord,
  ProcessDefinitionEntity,
  nextCounterValue,
} from '@app/persistence';
import { DefinitionService, ProcessRuntime } from '@app/workflow';
import { ProcessInfo, ProcessKind, validateFormData } from '@app/process-models';
import { caseRepository as cases } from './case.repository';
import { registeredNearRelatives } from './near-relative-register';

export interface StartCaseInput {
  kind: ProcessKind;
  /** Applications: the program applied for. Procedures and warnings: given by `processKey`. */
  program?: string;
  processKey?: string;
  parent?: CaseEntity;
  regionCode: string;
  applicant: { name: string; idNumber: string; address: string; phone?: string | null };
  household: HouseholdMemberRecord[];
  nearRelative: boolean;
  economics?: object | null;
  /** Answers to the start event's form, checked against it. */
  startData?: Record<string, unknown>;
  /** Set by the host, not by the form (e.g. the parent's current benefit). */
  hostVariables?: Record<string, unknown>;
  actorId: string;
  /** Which field path the start form's errors are reported under. */
  startDataField?: string;
}

/**
 * Opens a case on the process a deployed model offers for it: the application process of a
 * program, a procedure on an existing case, or a warning. One way to start every kind of case.
 */
@Injectable()
export class CaseStarter {
  constructor(
    @Inject(DefinitionService) private readonly definitions: DefinitionService,
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The attributes of every process version in effect today. */
  async inEffect(em: EntityManager): Promise<ProcessInfo[]> {
    return (await this.definitions.inEffect(em)).map((d) => d.info);
  }

  /** The process a new case of this kind starts on (the version in effect today). */
  async processFor(
    em: EntityManager,
    input: { kind: ProcessKind; program?: string; processKey?: string },
  ): Promise<{ definition: ProcessDefinitionEntity; info: ProcessInfo }> {
    const all = await this.definitions.inEffect(em);
    const found = all.find(({ info }) =>
      input.processKey
        ? info.key === input.processKey && info.kind === input.kind
        : info.kind === input.kind && info.program === input.program,
    );
    if (!found) {
      throw input.processKey
        ? AppError.notFound(`流程“${input.processKey}”未部署、尚未生效或不能这样发起`)
        : AppError.validation(`救助项目“${input.program}”没有已生效的申请流程`, [
            { field: 'program', message: `救助项目“${input.program}”没有已生效的申请流程` },
          ]);
    }
    return found;
  }

  async start(em: EntityManager, input: StartCaseInput): Promise<CaseEntity> {
    const { definition, info } = await this.processFor(em, input);
    const field = input.startDataField ?? 'variables';
    const { values, errors } = validateFormData(info.startForm, input.startData ?? {});
    if (errors.length) {
      const details: ErrorDetail[] = errors.map((e) => ({
        field: `${field}.${e.field}`,
        message: e.message,
      }));
      throw AppError.validation(details[0].message, details);
    }
    if (!(await cases.region(em, input.regionCode))) {
      throw AppError.validation('行政区划不存在', [
        { field: 'regionCode', message: `行政区划 ${input.regionCode} 不存在` },
      ]);
    }
    // A registered near-relative of staff makes it a near-relative case whatever the form said
    // (审核确认办法第十一条, 第二十条: separate registration, mandatory county visit).
    const nearRelatives =
      input.kind === 'application'
        ? await registeredNearRelatives(
            em,
            input.household.map((m) => m.idNumber),
          )
        : [];
    const nearRelative = input.nearRelative || nearRelatives.length > 0;
    const program = info.program ?? input.parent?.program ?? input.program;
    if (!program) throw new Error(`process ${info.key} names no program`);
    const today = this.clock.today();
    const now = this.clock.now();
    const year = Number(today.slice(0, 4));
    const prefix = info.caseNoPrefix ?? program.toUpperCase();
    const seq = await nextCounterValue(em, `case:${prefix.toLowerCase()}`, year);
    const row: CaseEntity = {
      id: randomUUID(),
      caseNo: `${prefix}-${year}-${String(seq).padStart(6, '0')}`,
      program,
      kind: input.kind,
      parentCaseId: input.parent?.id ?? null,
      processInstanceId: '',
      regionCode: input.regionCode,
      applicantName: input.applicant.name,
      applicantIdNumber: input.applicant.idNumber,
      applicantAddress: input.applicant.address,
      applicantPhone: input.applicant.phone ?? null,
      household: input.household,
      nearRelative,
      status: 'in_progress',
      outcome: null,
      benefitAmountFen: null,
      benefitStartMonth: null,
      applicationDate: today,
      acceptanceDate: null,
      economics: input.economics ?? null,
      createdBy: input.actorId,
      createdAt: now,
      updatedAt: now,
    };
    await this.runtime.start(em, {
      definitionKey: definition.key,
      businessKey: row.id,
      actorId: input.actorId,
      variables: {
        applicantName: row.applicantName,
        nearRelative: row.nearRelative,
        regionCode: row.regionCode,
        ...(input.parent && { parentCaseId: input.parent.id, parentCaseNo: input.parent.caseNo }),
        ...input.hostVariables,
        ...values,
      },
      // The start event may already issue documents, which need the case row.
      beforeFirstStep: async (instanceId) => {
        row.processInstanceId = instanceId;
        await cases.insert(em, row);
      },
    });
    await this.audit.record(em, {
      at: now,
      actorId: input.actorId,
      action: input.kind === 'application' ? 'case.apply' : 'case.start',
      caseId: row.id,
      detail: {
        caseNo: row.caseNo,
        processKey: definition.key,
        processVersion: definition.version,
        ...(input.parent && { parentCaseId: input.parent.id, parentCaseNo: input.parent.caseNo }),
        ...(Object.keys(values).length && { startData: values }),
      },
    });
    if (nearRelatives.length && !input.nearRelative) {
      await this.audit.record(em, {
        at: now,
        actorId: input.actorId,
        action: 'case.near-relative',
        caseId: row.id,
        detail: {
          message: '家庭成员为已备案的经办人员近亲属，按近亲属案件办理',
          registered: nearRelatives.map((r) => ({
            idNumber: maskResidentId(r.idNumber),
            relation: r.relation,
            staffName: r.staffName,
          })),
        },
      });
    }
    return row;
  }
}
