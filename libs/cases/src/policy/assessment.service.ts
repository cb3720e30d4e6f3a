import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { missingGlyphsMessage } from '@app/documents';
import { AppError, Clock, ErrorDetail } from '@app/common';
import { AuditService } from '@app/audit';
import {
  AssessmentInputError,
  AssessmentResult,
  Household,
  MoneyOutOfRange,
  PolicyParameters,
  assess,
  validateHousehold,
} from '@app/assessment';
import { stableStringify } from '@app/common';
import { worksCases } from '@app/assistance';
import { type AuthUser, requireAccess } from '@app/auth';
import { caseRepository as cases } from '../case.repository';
import { AssessmentEntity, Database, PolicyParametersEntity } from '@app/persistence';
import { PolicyParametersService } from './policy-parameters.service';
import { assessmentRepository as assessments } from './assessment.repository';
import { policyParametersRepository as policyParameters } from './policy-parameters.repository';

export interface AssessInput {
  household: Household;
  regionCode: string;
  assessmentDate?: string;
  caseId?: string | null;
}

/**
 * Runs the pure assessment with the parameters in force and records what it used, so the same
 * assessment can be run again later and must give the same result.
 */
@Injectable()
export class AssessmentService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyParametersService) private readonly policy: PolicyParametersService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * An assessment asked for over the API: the region must be the user's, and an assessment filed
   * onto a case must be for that case's region, by someone who may assess there — else a clerk of
   * one township could point another township's case at figures of their making.
   */
  evaluate(user: AuthUser, input: AssessInput): Promise<AssessmentEntity> {
    requireAccess(user, 'assessment.run', { regionCode: input.regionCode });
    return this.db.transaction(async (em) => {
      if (input.caseId) {
        const kase = await cases.byId(em, input.caseId);
        if (!kase) {
          throw AppError.validation('案件不存在', [{ field: 'caseId', message: '案件不存在' }]);
        }
        requireAccess(user, 'assessment.run', { regionCode: kase.regionCode });
        if (kase.regionCode !== input.regionCode) {
          throw AppError.validation('行政区划与案件不一致', [
            { field: 'regionCode', message: `应为案件所在的行政区划 ${kase.regionCode}` },
          ]);
        }
      }
      return this.evaluateIn(em, user.id, input);
    });
  }

  async evaluateIn(em: EntityManager, actorId: string | null, input: AssessInput): Promise<AssessmentEntity> {
    const date = input.assessmentDate ?? this.clock.today();
    checkHousehold(input.household, date);
    const parameters = await this.policy.resolve(em, input.regionCode, date);
    const result = run(input.household, parameters, date);
    const row: AssessmentEntity = {
      id: randomUUID(),
      caseId: input.caseId ?? null,
      parametersId: parameters.id,
      assessmentDate: date,
      household: input.household as unknown as Record<string, unknown>,
      result: result as unknown as Record<string, unknown>,
      hardshipIndex: String(result.hardshipIndex.score),
      createdBy: actorId,
      createdAt: this.clock.now(),
    };
    await assessments.insert(em, row);
    await this.audit.record(em, {
      at: row.createdAt,
      actorId,
      action: 'assessment.evaluate',
      caseId: row.caseId,
      detail: { assessmentId: row.id, parametersId: parameters.id, eligible: result.minimumLiving.eligible },
    });
    return row;
  }

  /**
   * A stored assessment for a reader: the whole of it is a household's incomes, savings, health and
   * disabilities, so a reader who does not work cases gets none of it (the 案卷, opened with a
   * 查阅事由, holds the 计算明细); a case's assessment only within the case's region.
   */
  async read(user: AuthUser, id: string, permission: 'assessment.read' | 'assessment.rerun') {
    if (!worksCases(user.role)) {
      throw new AppError(403, 'FORBIDDEN', '测算记录含家庭收入、财产和健康信息，仅供办案人员查看', [
        { field: 'id', message: '非办案人员请通过案卷（登记查阅事由）查看计算明细' },
      ]);
    }
    const row = await this.get(id);
    if (row.caseId) {
      const kase = await this.db.read((em) => cases.byId(em, row.caseId!));
      if (kase) requireAccess(user, permission, { regionCode: kase.regionCode });
    }
    return row;
  }

  async get(id: string): Promise<AssessmentEntity> {
    const row = await this.db.read((em) => assessments.byId(em, id));
    if (!row) throw AppError.notFound('测算记录不存在');
    return row;
  }

  /** Runs a recorded assessment again with the parameter version it used. */
  async rerun(user: AuthUser, id: string): Promise<{ same: boolean; result: AssessmentResult }> {
    const row = await this.read(user, id, 'assessment.rerun');
    const parameters = await this.db.read((em) => policyParameters.byIdOrFail(em, row.parametersId));
    const result = run(row.household as unknown as Household, parameters, row.assessmentDate);
    // jsonb does not keep key order: compare canonical forms.
    return { same: stableStringify(result) === stableStringify(row.result), result };
  }
}

function run(household: Household, row: PolicyParametersEntity, date: string): AssessmentResult {
  const parameters = {
    ...(row.parameters as PolicyParameters),
    versionId: row.id,
    versionNote: row.note,
    regionCode: row.regionCode,
    effectiveFrom: row.effectiveFrom,
  };
  try {
    return assess(household, parameters, { assessmentDate: date });
  } catch (e) {
    // Each amount is capped, but a sum of many may still leave exact arithmetic: the input's fault.
    if (e instanceof MoneyOutOfRange)
      throw AppError.validation('家庭各项金额合计过大，无法精确计算', [
        { field: 'household', message: '各项金额合计超出可精确计算的范围，请核对金额' },
      ]);
    // The same facts reach here by the economics page and the import: refused the same way, by field.
    if (e instanceof AssessmentInputError) {
      const details = e.problems.map((p) => ({
        field: p.field === 'assessmentDate' ? p.field : `household.${p.field}`,
        message: p.message,
      }));
      throw AppError.validation(details[0]?.message ?? '家庭经济状况数据有误', details);
    }
    throw e;
  }
}

const PERSON_NAME = /^(?=.*\p{L})[\p{Script=Han}\p{L}·. \u3000]+$/u;

/** Names of members and supporters print on the 计算明细 and decisions: the application's rule. */
function householdNameProblems(h: Household): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const check = (field: string, name: unknown) => {
    if (typeof name !== 'string') return out.push({ field, message: '姓名必须是文字' });
    if ([...name].length < 1 || [...name].length > 50)
      return out.push({ field, message: '姓名应为1–50个字' });
    if (!PERSON_NAME.test(name)) return out.push({ field, message: '姓名只能包含文字和间隔号' });
    const glyphs = missingGlyphsMessage(name);
    if (glyphs) out.push({ field, message: glyphs });
  };
  (h.members as unknown[]).forEach((m, i) =>
    check(`household.members[${i}].name`, (m as { name?: unknown })?.name),
  );
  (h.supporters as unknown[]).forEach((s, i) =>
    check(`household.supporters[${i}].name`, (s as { name?: unknown })?.name),
  );
  return out;
}

/** Shape first (so the validator never meets undefined), then the library's own checks. */
export function checkHousehold(h: Household, date: string): void {
  const problems: ErrorDetail[] = [];
  const shape = h as unknown as Record<string, unknown>;
  if (!shape || typeof shape !== 'object') {
    throw AppError.validation('家庭经济状况数据格式不正确', [{ field: 'household', message: '应为对象' }]);
  }
  for (const key of ['members', 'supporters', 'rigidExpenditures'] as const) {
    if (!Array.isArray(shape[key])) problems.push({ field: `household.${key}`, message: '应为列表' });
  }
  for (const key of ['assets', 'exclusionFacts'] as const) {
    if (!shape[key] || typeof shape[key] !== 'object')
      problems.push({ field: `household.${key}`, message: '应为对象' });
  }
  if (!problems.length) problems.push(...householdNameProblems(h));
  if (!problems.length) {
    try {
      for (const p of validateHousehold(h, date))
        problems.push({ field: `household.${p.field}`, message: p.message });
    } catch {
      problems.push({ field: 'household', message: '家庭经济状况数据格式不正确，请核对各项字段' });
    }
  }
  if (problems.length) throw AppError.validation(problems[0].message, problems);
}
