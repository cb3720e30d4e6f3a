import { mayAccess } from '@app/auth';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/auth';
import { CaseEntity, Database } from '@app/persistence';
import type { ServiceCall, StepContext } from '@app/workflow';
import {
  CaseStarter,
  assertMayReadCase,
  caseRepository as cases,
  APPLICATION_PROGRAMS,
  ProgramId,
  programName,
} from '@app/cases';
import { DocumentPipeline } from '@app/issuance';
import { WITHHELD, maskAddress, maskPhone, maskResidentId, worksCases } from '@app/assistance';
import {
  EVENT_TYPES,
  EventType,
  MonitoringEventInput,
  RISK_LEVELS,
  monitoringEventProblems,
  riskLevel,
} from './monitoring-rules';
import { monitoringRepository as events, MonitoringEventRow } from './monitoring.repository';

export interface EventReceipt {
  eventId: string;
  warningCaseId: string;
  warningCaseNo: string;
  /** The event joined a warning already open for the same person instead of raising a new one. */
  attached: boolean;
  riskLevel: string;
  matchedCaseNos: string[];
  /** A repeat of an event already received (same source and source event id). */
  duplicate: boolean;
}

/**
 * 主动发现: events from other departments become warnings (a case on the model with
 * `sa:kind="monitoring"`) for the township of the person's village; the model then calls
 * `monitoring.match` (数据比对) and `monitoring.referApplication` (干预) by name.
 */
@Injectable()
export class MonitoringService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(CaseStarter) private readonly starter: CaseStarter,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DocumentPipeline) private readonly pipeline: DocumentPipeline,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Receives one event; idempotent on (source, sourceEventId): a repeat returns the first receipt. */
  async receive(user: AuthUser, input: MonitoringEventInput): Promise<EventReceipt> {
    const problems = monitoringEventProblems(input, this.clock.today());
    if (problems.length) throw AppError.validation(problems[0].message, problems);
    if (!mayAccess(user, 'monitoring.receive', { regionCode: input.regionCode })) {
      throw AppError.validation('不在您的管辖范围内', [
        { field: 'regionCode', message: '不在您的管辖范围内' },
      ]);
    }
    const receipt = await this.db.transaction(async (em) => {
      // Two deliveries of one event racing: the second waits here, then finds the first.
      await events.lockEvent(em, input.source, input.sourceEventId);
      const earlier = await events.bySourceId(em, input.source, input.sourceEventId);
      if (earlier) return { ...(await this.receiptOf(em, earlier)), duplicate: true };
      if (!(await cases.region(em, input.regionCode))) {
        throw AppError.validation('行政区划不存在', [
          { field: 'regionCode', message: `行政区划 ${input.regionCode} 不存在` },
        ]);
      }
      // One warning per person at a time: the same person's open warning takes the new event.
      await events.lockPerson(em, input.person.idNumber);
      const matched = await events.matchingCases(em, input.person.idNumber);
      const level = riskLevel(
        { type: input.type as EventType, amountFen: input.amountFen },
        { alreadyAssisted: matched.some((c) => c.benefitActive) },
      );
      const open = await events.openWarning(em, input.person.idNumber);
      const now = this.clock.now();
      const warning =
        open ??
        (await this.starter.start(em, {
          kind: 'monitoring',
          program: 'monitoring',
          regionCode: input.regionCode,
          applicant: {
            name: input.person.name,
            idNumber: input.person.idNumber,
            address: input.person.address || (await cases.regionPath(em, input.regionCode)),
            phone: input.person.phone ?? null,
          },
          household: [{ name: input.person.name, idNumber: input.person.idNumber, relation: '本人' }],
          nearRelative: false,
          hostVariables: {
            eventType: input.type,
            eventTypeName: EVENT_TYPES[input.type as EventType],
            eventSource: input.source,
            occurredOn: input.occurredOn,
            eventDetails: input.details,
            ...(input.amountFen !== undefined && { hospitalCostFen: input.amountFen }),
            riskLevel: level,
            riskLevelName: RISK_LEVELS[level],
          },
          actorId: user.id,
        }));
      const row: MonitoringEventRow = {
        id: randomUUID(),
        source: input.source,
        sourceEventId: input.sourceEventId,
        type: input.type,
        occurredOn: input.occurredOn,
        personName: input.person.name,
        personIdNumber: input.person.idNumber,
        personAddress: input.person.address ?? null,
        personPhone: input.person.phone ?? null,
        regionCode: input.regionCode,
        details: input.details,
        amountFen: input.amountFen ?? null,
        riskLevel: level,
        matchedCaseNos: matched.map((c) => c.caseNo),
        warningCaseId: warning.id,
        attached: !!open,
        receivedBy: user.id,
        receivedAt: now,
      };
      await events.insert(em, row);
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: open ? 'monitoring.event.attached' : 'monitoring.event.raised',
        caseId: warning.id,
        detail: {
          eventId: row.id,
          source: row.source,
          sourceEventId: row.sourceEventId,
          type: row.type,
          riskLevel: level,
        },
      });
      return { ...(await this.receiptOf(em, row)), duplicate: false };
    });
    if (!receipt.duplicate) await this.pipeline.issued(receipt.warningCaseId);
    return receipt;
  }

  private async receiptOf(
    em: EntityManager,
    row: MonitoringEventRow,
  ): Promise<Omit<EventReceipt, 'duplicate'>> {
    const warning = (await cases.byId(em, row.warningCaseId))!;
    return {
      eventId: row.id,
      warningCaseId: warning.id,
      warningCaseNo: warning.caseNo,
      attached: row.attached,
      riskLevel: row.riskLevel,
      matchedCaseNos: row.matchedCaseNos,
    };
  }

  /** Warnings in the user's region with the step each stands at. */
  async warnings(user: AuthUser, filter: { status?: 'open' | 'referred' | 'all' } = {}) {
    if (user.role === 'applicant') throw AppError.forbidden('申请人不能查看预警');
    return this.db.read((em) => events.warnings(em, user.regionCode, filter.status ?? 'open'));
  }

  /** The events behind one warning. */
  async eventsOf(user: AuthUser, warningCaseId: string) {
    if (user.role === 'applicant') throw AppError.forbidden('申请人不能查看预警');
    return this.db.read(async (em) => {
      const warning = await cases.byId(em, warningCaseId);
      if (!warning || warning.kind !== 'monitoring') throw AppError.notFound('预警不存在');
      assertMayReadCase(user, warning, 'staff', '该预警不在您的管辖范围内');
      const rows = await events.ofWarning(em, warningCaseId);
      return worksCases(user.role) ? rows : rows.map(maskEvent);
    });
  }

  /** `monitoring.match` (数据比对): the person's cases in every program, by resident ID. */
  async match(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const warning = await this.warningOf(step.em, call);
    const matched = (await events.matchingCases(step.em, warning.applicantIdNumber)).filter(
      (c) => c.id !== warning.id,
    );
    const active = matched.filter((c) => c.benefitActive);
    return {
      matchedCaseNos: matched.map((c) => c.caseNo),
      matchSummary: matched.length
        ? `比对到 ${matched.length} 件救助案件${active.length ? `，其中 ${active.length} 件正在享受救助` : ''}`
        : '未在现有救助案件中比对到本人',
      alreadyAssisted: active.length > 0,
    };
  }

  /**
   * `monitoring.referApplication` (干预): records the program the joint review chose (variable
   * `assistance`) as a referral "已告知并协助申请" on the warning. 低保、特困、低收入、临时救助 are
   * granted on application (社会救助暂行办法第十一条; 审核确认办法第六条: the township informs and
   * helps), so nothing is opened or issued in the family's name: a clerk (window) or the family
   * (portal) starts the application when the family applies, with their own declaration and
   * authorization. The warnings list shows the referral and the application once one exists.
   */
  async referApplication(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const warning = await this.warningOf(step.em, call);
    const program = String(call.variables.assistance ?? '');
    if (!(APPLICATION_PROGRAMS as string[]).includes(program)) {
      throw AppError.validation(`“${program}”不是可以协助申请的救助项目`, [
        { field: 'data.assistance', message: `应为：${APPLICATION_PROGRAMS.join('、')}` },
      ]);
    }
    const referral = {
      referralProgram: program,
      referralProgramName: programName(program as ProgramId),
      referralStatus: REFERRAL_STATUS,
    };
    await this.audit.record(step.em, {
      at: this.clock.now(),
      actorId: step.actorId ?? null,
      action: 'monitoring.referral',
      caseId: warning.id,
      detail: { program, programName: referral.referralProgramName, status: REFERRAL_STATUS },
    });
    return referral;
  }

  private async warningOf(em: EntityManager, call: ServiceCall): Promise<CaseEntity> {
    const warning = await cases.byInstance(em, call.instanceId);
    if (!warning) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    return warning;
  }
}

/** What a referral of the joint review says: the family was told and is helped to apply. */
export const REFERRAL_STATUS = '已告知并协助申请';

/**
 * An event as a reader who does not work cases sees it (as the case page's masked view): who and
 * where to the village, the kind and risk of the event, not its story or the money spent.
 */
function maskEvent(row: MonitoringEventRow): MonitoringEventRow {
  return {
    ...row,
    personIdNumber: maskResidentId(row.personIdNumber),
    personAddress: row.personAddress && maskAddress(row.personAddress),
    personPhone: row.personPhone && maskPhone(row.personPhone),
    details: WITHHELD,
    amountFen: null,
  };
}
