import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, shanghaiDate } from '@app/common';
import { AuditService } from '@app/audit';
import {
  DEFAULT_PARAMETERS,
  Household,
  PolicyParameters,
  ReviewCategory,
  addMonths,
  effectiveMonthOf,
  gradualExitPlan,
  isMonth,
  nextReviewDate,
  reviewCategory,
} from '@app/assessment';
import { benefitStartMonth } from '@app/assistance';
import { BenefitAction, BenefitChangeEntity, CaseEntity } from '@app/persistence';
import type { EndCall, ServiceCall, StepContext } from '@app/workflow';
import { caseRepository as cases, PolicyParametersService } from '@app/cases';
import { benefitRepository as ledger } from './benefit.repository';

/** `sa:action` of benefit.apply (model spelling) → ledger action. `unchanged` records a review only. */
const ACTIONS: Record<string, BenefitAction | 'unchanged'> = {
  increase: 'increase',
  decrease: 'decrease',
  stop: 'stop',
  'gradual-exit': 'gradual_exit',
  terminate: 'terminate',
  'person-reduce': 'person_reduce',
  recover: 'recover',
  unchanged: 'unchanged',
};

const ACTION_NAMES: Record<string, string> = {
  grant: '确认享受',
  increase: '增发',
  decrease: '减发',
  stop: '停发',
  gradual_exit: '渐退',
  terminate: '终止',
  person_reduce: '减发/停发本人',
  recover: '追回',
  unchanged: '核查后维持不变',
};

/** Error on a field of the form the step's user just submitted (task forms report as `data.<id>`). */
function fieldError(field: string, message: string): AppError {
  return AppError.validation(message, [{ field: `data.${field}`, message }]);
}

function fen(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * The benefit ledger of 动态管理: records the grant when an application is confirmed, and every
 * later change a procedure decides (`benefit.apply`), on the root beneficiary case; keeps the
 * case's current amount, status and next periodic review (审核确认办法 Arts. 31–34).
 *
 * `benefit.plan` runs where the decision is taken, before its document is issued: it checks what
 * a form cannot say (an increase must raise the amount, a 渐退期 must stay within the policy
 * maximum, the person must belong to the household) and sets the variables the decision prints
 * (effectiveMonth, gradualExitUntil, gradualExitEndDate, currentAmount, personName).
 */
@Injectable()
export class BenefitLedger {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(PolicyParametersService) private readonly policy: PolicyParametersService,
  ) {}

  private async parameters(em: EntityManager, regionCode: string, date: string): Promise<PolicyParameters> {
    const row = await this.policy.resolve(em, regionCode, date).catch(() => null);
    return (row?.parameters as PolicyParameters | undefined) ?? DEFAULT_PARAMETERS;
  }

  private async caseAndRoot(
    em: EntityManager,
    instanceId: string,
  ): Promise<{ source: CaseEntity; root: CaseEntity }> {
    const source = await cases.byInstance(em, instanceId);
    if (!source) throw new Error(`流程实例 ${instanceId} 没有对应的案件`);
    const root = await ledger.root(em, source.id);
    if (!root) throw new Error(`案件 ${source.caseNo} 的上级案件不存在`);
    return { source, root };
  }

  async plan(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const action = call.attributes.action ?? '';
    const v = call.variables;
    const { root } = await this.caseAndRoot(step.em, call.instanceId);
    const today = shanghaiDate(step.now);
    const current = root.benefitAmountFen ?? null;
    const out: Record<string, unknown> = { currentAmount: current };

    if (action === 'check-person' || action === 'person-reduce') {
      const id = text(v.personIdNumber);
      const member = root.household.find((m) => m.idNumber === id);
      if (!member) {
        throw AppError.validation('所选人员不是该低保家庭的成员', [
          { field: 'data.personIdNumber', message: '应为该低保家庭成员的身份证号码' },
        ]);
      }
      out.personName = member.name;
      if (action === 'check-person') return out;
    }
    if (!ACTIONS[action] || action === 'unchanged') {
      throw new Error(`benefit.plan 的 sa:action “${action}” 无效`);
    }
    if (root.benefitStatus !== 'active' && root.benefitStatus !== 'gradual_exit') {
      throw AppError.conflict(
        'BENEFIT_NOT_ACTIVE',
        `${root.caseNo} 当前不在保，不能${ACTION_NAMES[ACTIONS[action]]}`,
      );
    }
    if (v.effectiveMonth !== undefined && v.effectiveMonth !== null && v.effectiveMonth !== '') {
      if (!isMonth(v.effectiveMonth)) throw fieldError('effectiveMonth', '生效月份应为 YYYY-MM，如 2027-01');
      if (v.effectiveMonth < today.slice(0, 7)) throw fieldError('effectiveMonth', '生效月份不能早于本月');
    }
    const effectiveMonth = effectiveMonthOf(v.effectiveMonth, today);
    out.effectiveMonth = effectiveMonth;
    const amount = fen(v.newAmount);

    switch (action) {
      case 'increase':
        if (amount === null) throw fieldError('newAmount', '增发须填写调整后的月保障金额');
        if (current !== null && amount <= current)
          throw fieldError('newAmount', `增发后的金额应高于现保障金额 ${(current / 100).toFixed(2)} 元`);
        break;
      case 'decrease':
        if (amount === null) throw fieldError('newAmount', '减发须填写调整后的月保障金额');
        if (amount <= 0) throw fieldError('newAmount', '调整后的金额为零的，应作停发决定');
        if (current !== null && amount >= current)
          throw fieldError('newAmount', `减发后的金额应低于现保障金额 ${(current / 100).toFixed(2)} 元`);
        break;
      case 'person-reduce':
        if (amount === null) throw fieldError('newAmount', '须填写减发或停发本人保障金后的家庭月保障金额');
        if (current !== null && amount >= current)
          throw fieldError('newAmount', `调整后的金额应低于现保障金额 ${(current / 100).toFixed(2)} 元`);
        break;
      case 'gradual-exit': {
        const parameters = await this.parameters(step.em, root.regionCode, today);
        const months = v.gradualExitMonths ?? undefined;
        const plan = gradualExitPlan(months, effectiveMonth, parameters);
        if ('problem' in plan) throw fieldError('gradualExitMonths', plan.problem);
        Object.assign(out, {
          gradualExitMonths: plan.months,
          gradualExitUntil: plan.untilMonth,
          gradualExitEndDate: plan.endDate,
          newAmount: amount ?? current,
        });
        break;
      }
      default:
        break;
    }
    return out;
  }

  async apply(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const action = ACTIONS[call.attributes.action ?? ''];
    if (!action) throw new Error(`benefit.apply 的 sa:action “${call.attributes.action}” 无效`);
    const { em, now } = step;
    const v = call.variables;
    const { source, root: found } = await this.caseAndRoot(em, call.instanceId);
    const root = (await ledger.lockCase(em, found.id))!;
    const today = shanghaiDate(now);
    const parameters = await this.parameters(em, root.regionCode, today);
    const category: ReviewCategory =
      v.reviewCategory === 'stable' || v.reviewCategory === 'unstable'
        ? v.reviewCategory
        : (root.reviewCategory ??
          reviewCategory(root.economics as Household | null, parameters, today).category);
    const nextReview = nextReviewDate(today, category, parameters);

    if (action === 'unchanged') {
      await cases.update(em, root.id, {
        reviewCategory: category,
        nextReviewDate: nextReview,
        updatedAt: now,
      });
      await this.audit.record(em, {
        at: now,
        actorId: step.actorId,
        action: 'benefit.reviewed',
        caseId: root.id,
        detail: {
          sourceCaseId: source.id,
          sourceCaseNo: source.caseNo,
          result: 'unchanged',
          nextReviewDate: nextReview,
        },
      });
      return { nextReviewDate: nextReview };
    }

    const effectiveMonth = effectiveMonthOf(v.effectiveMonth, today);
    const current = root.benefitAmountFen ?? null;
    const amount = fen(v.newAmount);
    let amountFen: number | null = current;
    let status = root.benefitStatus ?? 'active';
    let gradualExitUntil: string | null = null;
    let nextReviewDate_: string | null = nextReview;
    switch (action) {
      case 'increase':
      case 'decrease':
      case 'person_reduce':
        if (amount === null) throw fieldError('newAmount', '须填写调整后的月保障金额');
        amountFen = amount;
        status = 'active';
        break;
      case 'stop':
        amountFen = null;
        status = 'stopped';
        nextReviewDate_ = null;
        break;
      case 'terminate':
        amountFen = null;
        status = 'terminated';
        nextReviewDate_ = null;
        break;
      case 'gradual_exit': {
        const plan = gradualExitPlan(v.gradualExitMonths ?? undefined, effectiveMonth, parameters);
        if ('problem' in plan) throw fieldError('gradualExitMonths', plan.problem);
        amountFen = amount ?? current;
        gradualExitUntil = plan.untilMonth;
        status = 'gradual_exit';
        // Reviewed again when the period ends: the review then stops the benefit (or not).
        nextReviewDate_ = `${addMonths(plan.untilMonth, 1)}-01`;
        break;
      }
      case 'recover':
        break;
    }
    const document = [...(await cases.documents(em, source.id))]
      .reverse()
      .find((d) => d.number && d.templateId !== 'service-receipt');
    const row: BenefitChangeEntity = {
      id: randomUUID(),
      caseId: root.id,
      sourceCaseId: source.id,
      action,
      amountFen,
      effectiveMonth,
      gradualExitUntil,
      personIdNumber: text(v.personIdNumber),
      reasons: text(v.reasons),
      documentId: document?.id ?? null,
      createdAt: now,
      createdBy: step.actorId,
    };
    await ledger.insertChange(em, row);
    await cases.update(em, root.id, {
      benefitAmountFen: amountFen,
      benefitStatus: status,
      reviewCategory: category,
      nextReviewDate: nextReviewDate_,
      updatedAt: now,
    });
    await this.audit.record(em, {
      at: now,
      actorId: step.actorId,
      action: 'benefit.change',
      caseId: root.id,
      detail: {
        changeId: row.id,
        action,
        sourceCaseId: source.id,
        sourceCaseNo: source.caseNo,
        before: current,
        after: amountFen,
        effectiveMonth,
        ...(gradualExitUntil && { gradualExitUntil }),
      },
    });
    return { benefitChangeId: row.id };
  }

  /**
   * An application confirmed: the grant. The amount and start month are the ones the served
   * confirmation states (read from its frozen snapshot, as the case's own end handler does).
   */
  async recordGrant(end: EndCall, step: StepContext): Promise<void> {
    if (end.outcome !== 'confirmed') return;
    const { em, now } = step;
    const kase = await cases.byInstance(em, end.instanceId);
    if (!kase || kase.kind !== 'application') return;
    const decision = (await cases.documents(em, kase.id))
      .reverse()
      .find((d) => typeof d.data.form?.amount === 'number');
    const decided = decision?.data.form ?? {};
    const amountFen = decision ? Number(decided.amount) : kase.benefitAmountFen;
    const today = shanghaiDate(now);
    const startMonth = decided.startMonth
      ? String(decided.startMonth)
      : (kase.benefitStartMonth ?? benefitStartMonth(today));
    const parameters = await this.parameters(em, kase.regionCode, today);
    const { category, reason } = reviewCategory(kase.economics as Household | null, parameters, today);
    const next = nextReviewDate(`${startMonth}-01`, category, parameters);
    const row: BenefitChangeEntity = {
      id: randomUUID(),
      caseId: kase.id,
      sourceCaseId: kase.id,
      action: 'grant',
      amountFen: amountFen ?? null,
      effectiveMonth: startMonth,
      gradualExitUntil: null,
      personIdNumber: null,
      reasons: null,
      documentId: decision?.id ?? null,
      createdAt: now,
      createdBy: step.actorId,
    };
    await ledger.insertChange(em, row);
    await cases.update(em, kase.id, {
      benefitStatus: 'active',
      reviewCategory: category,
      nextReviewDate: next,
      updatedAt: now,
    });
    await this.audit.record(em, {
      at: now,
      actorId: step.actorId,
      action: 'benefit.change',
      caseId: kase.id,
      detail: {
        changeId: row.id,
        action: 'grant',
        after: row.amountFen,
        effectiveMonth: startMonth,
        reviewCategory: category,
        reason,
        nextReviewDate: next,
      },
    });
  }

  /** The ledger of a beneficiary case, oldest first. */
  changes(em: EntityManager, caseId: string) {
    return ledger.changes(em, caseId);
  }
}
