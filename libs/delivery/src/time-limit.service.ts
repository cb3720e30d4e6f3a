import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/auth';
import { CaseEntity, Database } from '@app/persistence';
import { CalendarProvider, DefinitionService } from '@app/workflow';
import { caseRepository as cases, caseForStaff, DutyService } from '@app/cases';
import { CaseDeadlineRows, serviceRepository as repo } from './service.repository';

interface Limit {
  amount: number;
  unit: 'WD' | 'D';
}

const limitText = (l: Limit | undefined) => (l ? `${l.amount}${l.unit === 'WD' ? '个工作日' : '日'}` : null);

/**
 * The whole-case time limit (审核确认办法 Art. 22: 30 working days from 受理, 45 in special cases):
 * read from the process (`sa:caseLimit`, `sa:caseLimitExtended`), set when the acceptance date is
 * recorded, extended once by the county with reasons (append-only record, audited).
 */
@Injectable()
export class CaseTimeLimitService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(DefinitionService) private readonly definitions: DefinitionService,
    @Inject(CalendarProvider) private readonly calendars: CalendarProvider,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DutyService) private readonly duties: DutyService,
  ) {}

  private async limits(
    em: EntityManager,
    kase: CaseEntity,
    read?: { id: string } | null,
  ): Promise<{ limit?: Limit; extended?: Limit }> {
    const definition =
      read !== undefined ? read : await repo.definitionOfInstance(em, kase.processInstanceId);
    if (!definition) return {};
    const info = await this.definitions.info(em, definition.id);
    return { limit: info.caseLimit, extended: info.caseLimitExtended };
  }

  /** In the step that records 受理日期 (document.issue of a `recordsCaseDate` template). */
  async onAcceptance(em: EntityManager, kase: CaseEntity, acceptanceDate: string): Promise<void> {
    const { limit } = await this.limits(em, kase);
    if (!limit) return;
    const due = (await this.calendars.current(em)).due(limit, acceptanceDate);
    await repo.setTimeLimit(em, kase.id, { due: due.date, certain: due.certain, extended: false });
  }

  async extend(user: AuthUser, caseId: string, reason: string) {
    const text = (reason ?? '').trim();
    if (text.length < 5)
      throw AppError.validation('请填写延长办理期限的理由（不少于5个字）', [
        { field: 'reason', message: '请填写延长理由（不少于5个字）' },
      ]);
    return this.db.transaction(async (em) => {
      const kase = await caseForStaff(em, user, caseId, true);
      await this.duties.assertMayAct(em, user, kase);
      if (kase.status !== 'in_progress')
        throw AppError.conflict('CASE_CLOSED', '案件已办结，不能延长办理期限');
      const current = await repo.timeLimit(em, kase.id);
      if (!current.due || !kase.acceptanceDate)
        throw AppError.conflict('NO_TIME_LIMIT', '该案件尚未受理或流程未设定办理期限，无需延长');
      if (current.extended)
        throw AppError.conflict('ALREADY_EXTENDED', '该案件已延长过办理期限，只能延长一次');
      const { extended } = await this.limits(em, kase);
      if (!extended) throw AppError.conflict('NO_EXTENDED_LIMIT', '该流程未规定可延长的办理期限');
      const due = (await this.calendars.current(em)).due(extended, kase.acceptanceDate);
      if (due.date <= current.due)
        throw AppError.conflict('NO_EXTENDED_LIMIT', '延长后的期限不晚于原期限，无需延长');
      const now = this.clock.now();
      const extension = {
        id: randomUUID(),
        caseId: kase.id,
        reason: text,
        approvedBy: user.id,
        approvedAt: now,
        previousDue: current.due,
        newDue: due.date,
      };
      await repo.insertExtension(em, extension);
      await repo.setTimeLimit(em, kase.id, { due: due.date, certain: due.certain, extended: true });
      await cases.update(em, kase.id, { updatedAt: now });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'case.time-limit-extension',
        caseId: kase.id,
        detail: { reason: text, previousDue: current.due, newDue: due.date, limit: limitText(extended) },
      });
      return this.forCase(em, kase);
    });
  }

  /** `read`: what `serviceRepository.caseDeadlines` read of the case, when the caller has it. */
  async forCase(
    em: EntityManager,
    kase: CaseEntity,
    read?: Pick<CaseDeadlineRows, 'timeLimit' | 'extension' | 'definition'>,
  ) {
    const { limit, extended } = await this.limits(em, kase, read?.definition);
    const current = read?.timeLimit ?? (await repo.timeLimit(em, kase.id));
    const today = this.clock.today();
    return {
      limit: limitText(limit),
      extendedLimit: limitText(extended),
      acceptanceDate: kase.acceptanceDate,
      due: current.due,
      certain: current.certain ?? true,
      extended: current.extended,
      canExtend: !!(current.due && extended && !current.extended && kase.status === 'in_progress'),
      overdue: !!(current.due && kase.status === 'in_progress' && current.due < today),
      extension: read ? read.extension : await repo.extension(em, kase.id),
    };
  }
}
