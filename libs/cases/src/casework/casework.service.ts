import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock, isCalendarDate } from '@app/common';
import { AuditService } from '@app/audit';
import {
  AuthUser,
  CASEWORK_ROLES,
  DUTY_LEVEL,
  ROLES,
  Role,
  mayAccess,
  requireAccess,
  toAuthUser,
} from '@app/auth';
import { CaseEntity, Database, TaskEntity, UserEntity } from '@app/persistence';
import { isServiceForm } from '@app/process-models';
import { ProcessRuntime } from '@app/workflow';
import { caseRepository as cases } from '../case.repository';
import { caseProcessRepository as processes } from '../case-process.repository';
import { DutyService, householdIdNumbers } from '../duty';
import { CaseService } from '../case.service';
import { DelegationRow, StaffRow, caseworkRepository as casework } from './casework.repository';

/** One case's outcome in a bulk action. */
export interface BulkResult {
  taskId: string;
  caseNo: string | null;
  ok: boolean;
  code?: string;
  message?: string;
  /** For a form error, which fields and why. */
  details?: { field: string; message: string }[];
}

export const BULK_MAX = 200;

/** What of a case a bulk form may fill per case. */
export const BULK_FILLS = ['applicantName', 'applicantAddress'] as const;
export type BulkFill = (typeof BULK_FILLS)[number];
const DRAFT_MAX_CHARS = 200_000;
/**
 * The longest out-of-office delegation, first and last day counted. No rule fixes one; a quarter
 * covers 产假 and long training, and a longer absence is a change of duties, not a stand-in.
 */
export const DELEGATION_MAX_DAYS = 90;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Who works a task (issue 18): claim and release, a supervisor's reassignment with a reason, the
 * per-user draft of a task's form, out-of-office delegation, and bulk actions one case per
 * transaction.
 */
@Injectable()
export class CaseworkService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DutyService) private readonly duties: DutyService,
    @Inject(ProcessRuntime) private readonly runtime: ProcessRuntime,
    @Inject(CaseService) private readonly cases: CaseService,
  ) {}

  /** Takes the task: of two clerks claiming at once, exactly one wins; the other learns who. */
  async claim(user: AuthUser, taskId: string): Promise<{ assignee: string; assigneeName: string }> {
    return this.db.transaction(async (em) => {
      const { task, kase } = await this.openTask(em, taskId);
      await this.duties.assertMayPerform(em, user, kase, task);
      if (task.assignee === user.id) return { assignee: user.id, assigneeName: user.displayName };
      const now = this.clock.now();
      if (!(await casework.claim(em, task.id, user.id, now))) await this.refuseHeld(em, task);
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'task.claim',
        caseId: kase.id,
        detail: { taskId: task.id, name: task.name },
      });
      return { assignee: user.id, assigneeName: user.displayName };
    });
  }

  /** Puts the task back in the group inbox; only its holder does this (a supervisor reassigns). */
  async unclaim(user: AuthUser, taskId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const { task, kase } = await this.openTask(em, taskId);
      if (task.assignee !== user.id) this.duties.assertRoleAndRegion(user, kase, task);
      if (!task.assignee) return;
      if (task.assignee !== user.id) await this.refuseHeld(em, task);
      await casework.setAssignee(em, task.id, null, null);
      await this.audit.record(em, {
        at: this.clock.now(),
        actorId: user.id,
        action: 'task.unclaim',
        caseId: kase.id,
        detail: { taskId: task.id, name: task.name },
      });
    });
  }

  /**
   * A supervisor (township reviewer or county approver of the case's region) gives the task to a
   * staff member who could do it under the duty rules, or back to the group (`assigneeId` null),
   * always with a reason.
   */
  async assign(
    user: AuthUser,
    taskId: string,
    input: { assigneeId: string | null; reason: string },
  ): Promise<{ assignee: string | null; assigneeName: string | null }> {
    const reason = (input.reason ?? '').trim();
    if (!reason) throw AppError.validation('请填写改派理由', [{ field: 'reason', message: '必填' }]);
    return this.db.transaction(async (em) => {
      const { task, kase } = await this.openTask(em, taskId);
      requireAccess(user, 'task.assign', { regionCode: kase.regionCode, organLevel: organLevelOf(task) });
      // A supervisor reassigns; one who could do the task themselves is the holder's peer, and
      // moving a task a peer holds (to oneself, to a third, or back to the group to claim) is not theirs to decide.
      if (
        task.assignee &&
        task.assignee !== user.id &&
        task.candidateGroups.some((g) => user.duties.includes(g as Role))
      ) {
        const [holder] = await casework.holders(em, [task.id]);
        const name = holder?.assigneeName ?? '其他工作人员';
        throw new AppError(
          403,
          'PEER_CANNOT_REASSIGN',
          `任务“${task.name}”由 ${name} 认领办理，您与其同为本步骤的办理人员，不能改派；须由其本人退回或由上级改派`,
          [{ field: 'assigneeId', message: `由 ${name} 办理中` }],
        );
      }
      let target: StaffRow | null = null;
      if (input.assigneeId) {
        target = await this.activeStaff(em, input.assigneeId, 'assigneeId');
        await this.assertCouldPerform(em, target, kase, task, 'assigneeId');
      }
      const [before] = task.assignee ? await casework.holders(em, [task.id]) : [];
      const now = this.clock.now();
      await casework.setAssignee(em, task.id, target?.id ?? null, target ? now : null);
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'task.assign',
        caseId: kase.id,
        detail: {
          taskId: task.id,
          name: task.name,
          from: task.assignee ? { id: task.assignee, name: before?.assigneeName ?? null } : null,
          to: target ? { id: target.id, name: target.displayName } : null,
          reason,
        },
      });
      return { assignee: target?.id ?? null, assigneeName: target?.displayName ?? null };
    });
  }

  /** Who holds the task, and this user's draft of its form, for the task page. */
  async holderAndDraft(
    user: AuthUser,
    taskId: string,
  ): Promise<{
    assignee: string | null;
    assigneeName: string | null;
    draft: Record<string, unknown> | null;
  }> {
    return this.db.read(async (em) => {
      const [holder] = await casework.holders(em, [taskId]);
      const draft = await casework.draft(em, taskId, user.id);
      return {
        assignee: holder?.assignee ?? null,
        assigneeName: holder?.assigneeName ?? null,
        draft: draft?.data ?? null,
      };
    });
  }

  async draft(
    user: AuthUser,
    taskId: string,
  ): Promise<{ data: Record<string, unknown> | null; updatedAt: Date | null }> {
    return this.db.read(async (em) => {
      await this.readableTask(em, user, taskId);
      const row = await casework.draft(em, taskId, user.id);
      return { data: row?.data ?? null, updatedAt: row?.updatedAt ?? null };
    });
  }

  /** Keeps what the user typed so far; their own copy, never another clerk's. */
  async saveDraft(user: AuthUser, taskId: string, data: unknown): Promise<{ updatedAt: Date }> {
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw AppError.validation('草稿应为表单字段的对象', [{ field: 'data', message: '应为对象' }]);
    }
    if (JSON.stringify(data).length > DRAFT_MAX_CHARS) {
      throw AppError.validation('草稿过大', [{ field: 'data', message: `不超过 ${DRAFT_MAX_CHARS} 字符` }]);
    }
    return this.db.transaction(async (em) => {
      const task = await this.readableTask(em, user, taskId);
      if (task.status !== 'open') {
        throw AppError.conflict('TASK_ALREADY_DONE', `任务“${task.name}”已办理，不再保存草稿`);
      }
      const now = this.clock.now();
      await casework.saveDraft(em, taskId, user.id, data as Record<string, unknown>, now);
      return { updatedAt: now };
    });
  }

  /**
   * Out-of-office delegation: the delegate does the delegator's held tasks in the period. Given by
   * the delegator themself or by a supervisor of their region; the delegate must be able to hold
   * every casework duty of the delegator in the same region, and must not be stopped by separation
   * of duties or recusal on any task the delegator holds now.
   */
  async delegate(
    user: AuthUser,
    input: { delegatorId?: string; delegateId: string; startsOn: string; endsOn: string; reason: string },
  ): Promise<DelegationRow> {
    const problems: { field: string; message: string }[] = [];
    if (!isCalendarDate(input.startsOn ?? ''))
      problems.push({ field: 'startsOn', message: '应为 YYYY-MM-DD' });
    if (!isCalendarDate(input.endsOn ?? '')) problems.push({ field: 'endsOn', message: '应为 YYYY-MM-DD' });
    else if (input.endsOn < input.startsOn)
      problems.push({ field: 'endsOn', message: '结束日期不能早于开始日期' });
    else if (input.endsOn < this.clock.today()) problems.push({ field: 'endsOn', message: '结束日期已过' });
    else if (
      isCalendarDate(input.startsOn ?? '') &&
      daysBetween(input.startsOn, input.endsOn) + 1 > DELEGATION_MAX_DAYS
    )
      problems.push({
        field: 'endsOn',
        message: `委托期限最长 ${DELEGATION_MAX_DAYS} 天，更长的缺岗应由上级改派任务或调整职责`,
      });
    // Acts already done stay the holder's: a delegation speaks from today on, never of the past.
    if (isCalendarDate(input.startsOn ?? '') && input.startsOn < this.clock.today())
      problems.push({ field: 'startsOn', message: `开始日期不能早于今天（${this.clock.today()}）` });
    if (!(input.reason ?? '').trim())
      problems.push({ field: 'reason', message: '请填写委托事由（如休假、出差）' });
    if (problems.length) throw AppError.validation(`委托有误：${problems[0].message}`, problems);
    return this.db.transaction(async (em) => {
      const delegatorId = input.delegatorId ?? user.id;
      const delegator = await this.activeStaff(em, delegatorId, 'delegatorId');
      const delegate = await this.activeStaff(em, input.delegateId, 'delegateId');
      if (delegate.id === delegator.id) {
        throw AppError.validation('不能委托给本人', [{ field: 'delegateId', message: '须为另一名工作人员' }]);
      }
      const need = toAuthUser(delegator as UserEntity).duties.filter((d) => CASEWORK_ROLES.includes(d));
      if (delegatorId !== user.id) this.assertMayDelegateFor(user, delegator, delegate, need);
      if (!need.length) {
        throw AppError.validation(`${delegator.displayName} 没有办理案件的职责，无需委托`, [
          { field: 'delegatorId', message: '无办案职责' },
        ]);
      }
      const stand = toAuthUser(delegate as UserEntity);
      const missing = need.filter((d) => !stand.duties.includes(d));
      if (delegate.regionCode !== delegator.regionCode || missing.length) {
        throw new AppError(
          422,
          'DELEGATE_CANNOT_HOLD_DUTY',
          `${delegate.displayName} 不能代 ${delegator.displayName} 办理：须为同一地区、同样具有${need.map((d) => ROLES[d]).join('、')}职责的工作人员`,
          [
            {
              field: 'delegateId',
              message: missing.length
                ? `缺少职责：${missing.map((d) => ROLES[d]).join('、')}`
                : '不在同一地区',
            },
          ],
        );
      }
      const held = await casework.heldOpenTasks(em, delegator.id);
      const blocked = await this.duties.blockers(
        em,
        stand,
        held.map((t) => ({ ...t, householdIds: householdIdNumbers(t) })),
      );
      for (const [i, b] of blocked.entries()) {
        const why = b.recusal ?? b.separation;
        if (why) {
          throw new AppError(
            409,
            b.recusal ? 'RECUSAL_REQUIRED' : 'DUTY_SEPARATION',
            `${delegate.displayName} 不能代办案件 ${held[i].caseNo} 的“${held[i].name}”：${why}`,
            [{ field: 'delegateId', message: why }],
          );
        }
      }
      await casework.lockDelegator(em, delegator.id);
      const overlapping = await casework.overlappingDelegation(
        em,
        delegator.id,
        input.startsOn,
        input.endsOn,
      );
      if (overlapping) {
        throw new AppError(
          409,
          'DELEGATION_OVERLAP',
          `${delegator.displayName} 在 ${overlapping.startsOn} 至 ${overlapping.endsOn} 已委托 ${overlapping.delegateName} 代办，期间重叠；如需更换代办人，请先撤销原委托`,
          [{ field: 'startsOn', message: `与 ${overlapping.startsOn} 至 ${overlapping.endsOn} 的委托重叠` }],
        );
      }
      const id = randomUUID();
      const now = this.clock.now();
      await casework.insertDelegation(em, {
        id,
        delegatorId: delegator.id,
        delegateId: delegate.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        reason: input.reason.trim(),
        createdBy: user.id,
        createdAt: now,
      });
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'delegation.create',
        detail: {
          delegationId: id,
          delegator: { id: delegator.id, name: delegator.displayName },
          delegate: { id: delegate.id, name: delegate.displayName },
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          reason: input.reason.trim(),
        },
      });
      return (await casework.delegation(em, id))!;
    });
  }

  /**
   * Delegating for someone else is a supervisor's act over the delegator's organ, never a peer's:
   * one who holds a duty of the delegator could otherwise hand the colleague's held tasks to
   * themselves (or to a friend) and do them in the colleague's name. And nobody but the delegator
   * names themselves the delegate.
   */
  private assertMayDelegateFor(user: AuthUser, delegator: StaffRow, delegate: StaffRow, need: Role[]): void {
    if (delegate.id === user.id) {
      throw new AppError(403, 'SELF_DELEGATION', `只有 ${delegator.displayName} 本人才能委托您代办其任务`, [
        { field: 'delegateId', message: '不能由代办人本人设定' },
      ]);
    }
    requireAccess(user, 'task.assign', {
      regionCode: delegator.regionCode,
      organLevel: need.some((d) => DUTY_LEVEL[d] === 'county') ? 'county' : 'township',
    });
    const shared = need.filter((d) => user.duties.includes(d));
    if (shared.length) {
      throw new AppError(
        403,
        'PEER_CANNOT_DELEGATE',
        `您与 ${delegator.displayName} 同为${shared.map((d) => ROLES[d]).join('、')}，不能替其设定代办委托；须由其本人或上级设定`,
        [{ field: 'delegatorId', message: '同级同职责人员不能代为委托' }],
      );
    }
  }

  /** Casework staff of the user's region (their duties named), to pick an assignee or a delegate. */
  staff(
    user: AuthUser,
  ): Promise<{ id: string; displayName: string; regionCode: string; duties: string[]; roleName: string }[]> {
    return this.db.read(async (em) =>
      (await casework.staffWithin(em, user.regionCode, CASEWORK_ROLES)).map((s) => {
        const duties = toAuthUser(s as UserEntity).duties.filter((d) => CASEWORK_ROLES.includes(d));
        return {
          id: s.id,
          displayName: s.displayName,
          regionCode: s.regionCode,
          duties,
          roleName: duties.map((d) => ROLES[d]).join('、'),
        };
      }),
    );
  }

  delegations(user: AuthUser, scope: 'own' | 'region'): Promise<DelegationRow[]> {
    return this.db.read((em) => {
      if (scope === 'region') {
        requireAccess(user, 'task.assign', { regionCode: user.regionCode });
        return casework.inRegion(em, user.regionCode, this.clock.today());
      }
      return casework.involving(em, user.id, this.clock.today());
    });
  }

  async revokeDelegation(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const row = await casework.delegation(em, id);
      if (!row) throw AppError.notFound('委托不存在');
      if (row.delegatorId !== user.id && row.createdBy !== user.id) {
        const delegator = (await casework.staff(em, row.delegatorId))!;
        requireAccess(user, 'task.assign', { regionCode: delegator.regionCode });
      }
      if (row.revokedAt) return;
      const now = this.clock.now();
      await casework.revokeDelegation(em, id, now);
      await this.audit.record(em, {
        at: now,
        actorId: user.id,
        action: 'delegation.revoke',
        detail: { delegationId: id, delegatorId: row.delegatorId, delegateId: row.delegateId },
      });
    });
  }

  /**
   * One action on many tasks, each in its own transaction (one case failing leaves the others
   * done), with every case's result; the audit is the one each single action writes.
   */
  async bulk(
    user: AuthUser,
    input: {
      action: 'claim' | 'assign' | 'complete';
      taskIds: string[];
      data?: Record<string, unknown>;
      /** Fields that differ per case, filled from each case's record (e.g. 受送达人 = the applicant). */
      fill?: Record<string, BulkFill>;
      assigneeId?: string | null;
      reason?: string;
    },
  ): Promise<BulkResult[]> {
    const ids = [...new Set(input.taskIds ?? [])];
    if (!ids.length || ids.length > BULK_MAX) {
      throw AppError.validation(`一次可处理 1 至 ${BULK_MAX} 个任务`, [
        { field: 'taskIds', message: `1–${BULK_MAX} 个` },
      ]);
    }
    const fill = Object.entries(input.fill ?? {});
    for (const [field, from] of fill) {
      if (!BULK_FILLS.includes(from)) {
        throw AppError.validation(`字段 ${field} 只能取自 ${BULK_FILLS.join('、')}`, [
          { field: `fill.${field}`, message: '取值来源不支持' },
        ]);
      }
    }
    const caseNos = await this.db.read((em) => casework.caseNosOf(em, ids));
    if (input.action === 'complete') {
      // One form for many cases only where the step records a fact (送达), as the model's form
      // says; a step that decides (受理审查, 初审…) is judged case by case. Steps of tasks outside
      // the caller's jurisdiction are not named (those fail alone below).
      const deciding = [
        ...new Set(
          [...caseNos.values()]
            .filter((c) => mayAccess(user, 'task.complete', { regionCode: c.regionCode }))
            .filter((c) => !isServiceForm(c.form ?? []))
            .map((c) => c.stepName),
        ),
      ];
      if (deciding.length) {
        throw new AppError(
          409,
          'BULK_NOT_ALLOWED',
          `“${deciding.join('”“')}”须逐案审查办理，不能批量办理；批量办理只适用于送达登记等环节`,
          [{ field: 'taskIds', message: `含不能批量办理的环节：${deciding.join('、')}` }],
        );
      }
    }
    const results: BulkResult[] = [];
    for (const taskId of ids) {
      const own = caseNos.get(taskId);
      // Outside the caller's jurisdiction a task is not even named: no case number, no reason.
      if (!own || !mayAccess(user, 'task.complete', { regionCode: own.regionCode })) {
        results.push({ taskId, caseNo: null, ok: false, code: 'FORBIDDEN', message: '无权办理' });
        continue;
      }
      const caseNo = own.caseNo;
      try {
        if (input.action === 'claim') await this.claim(user, taskId);
        else if (input.action === 'assign')
          await this.assign(user, taskId, {
            assigneeId: input.assigneeId ?? null,
            reason: input.reason ?? '',
          });
        else {
          const data = { ...(input.data ?? {}) };
          for (const [field, from] of fill) data[field] = own[from];
          await this.cases.complete(user, { taskId, data });
        }
        results.push({ taskId, caseNo, ok: true });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({
          taskId,
          caseNo,
          ok: false,
          code: err.code,
          message: err.message,
          ...(err.details?.length && { details: err.details }),
        });
      }
    }
    return results;
  }

  private async openTask(em: EntityManager, taskId: string): Promise<{ task: TaskEntity; kase: CaseEntity }> {
    const task = await this.runtime.lockOpenTask(em, taskId);
    const kase = await cases.byInstanceOrFail(em, task.instanceId);
    return { task, kase };
  }

  private async readableTask(em: EntityManager, user: AuthUser, taskId: string): Promise<TaskEntity> {
    const task = await processes.task(em, taskId);
    if (!task) throw AppError.notFound('任务不存在');
    const kase = await cases.byInstanceOrFail(em, task.instanceId);
    // A draft is the start of doing the task: only one who may do it keeps one.
    this.duties.assertRoleAndRegion(user, kase, task);
    return task;
  }

  private async refuseHeld(em: EntityManager, task: TaskEntity): Promise<never> {
    const [holder] = await casework.holders(em, [task.id]);
    const name = holder?.assigneeName ?? '其他工作人员';
    throw new AppError(409, 'TASK_HELD_BY_OTHER', `任务“${task.name}”已由 ${name} 认领办理`, [
      { field: 'assignee', message: `由 ${name} 办理中` },
    ]);
  }

  private async activeStaff(em: EntityManager, id: string, field: string): Promise<StaffRow> {
    const row = await casework.staff(em, id);
    if (!row || row.role === 'applicant')
      throw AppError.validation('工作人员不存在', [{ field, message: '不存在' }]);
    if (row.disabledAt || row.pendingBy) {
      throw AppError.validation(`${row.displayName} 的账号已停用或待确认`, [
        { field, message: '账号不可用' },
      ]);
    }
    return row;
  }

  /** The duty rules, applied to someone other than the caller: the refusal names them. */
  private async assertCouldPerform(
    em: EntityManager,
    staff: StaffRow,
    kase: CaseEntity,
    task: TaskEntity,
    field: string,
  ): Promise<void> {
    try {
      await this.duties.assertMayPerform(em, toAuthUser(staff as UserEntity), kase, task);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw new AppError(422, err.code, `不能交给 ${staff.displayName}：${err.message}`, [
        { field, message: err.message },
      ]);
    }
  }
}

/** Whose act a task is: the county's when a county duty does it, otherwise the township's. */
function organLevelOf(task: TaskEntity): 'township' | 'county' {
  return task.candidateGroups.some((g) => DUTY_LEVEL[g as Role] === 'county') ? 'county' : 'township';
}
