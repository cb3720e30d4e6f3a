/**
 * 一票否决: each enabled clause is checked; any hit ends the application with a refusal citing
 * the clause. The property clauses together are the property test.
 */
import type { Deferred, Explanation, LineValue } from './explanation';
import { yuan } from './explanation';
import type { Household, Member } from './household';
import { type Fen } from './money';
import {
  type ExclusionClause,
  type ExclusionClauseId,
  PROPERTY_CLAUSES,
  type PolicyParameters,
} from './parameters';

export interface ClauseCheck {
  hit: boolean;
  /** Written when needed: for a hit (it is in the result) or when the 计算明细 is read. */
  detail: Deferred<string>;
  inputs: Deferred<Record<string, LineValue>>;
}

export interface ClauseHit {
  id: ExclusionClauseId;
  title: string;
  basis: string;
  detail: string;
}

interface ClauseContext {
  household: Household;
  counted: Member[];
  standardFen: Fen;
  p: PolicyParameters;
}

function flag(value: boolean | undefined, yes: string, no: string): ClauseCheck {
  return { hit: Boolean(value), detail: value ? yes : no, inputs: { fact: Boolean(value) } };
}

/** Financial-asset limit: N months of the standard × covered persons. */
export function financialAssetLimitFen(standardFen: Fen, persons: number, p: PolicyParameters): Fen {
  return standardFen * persons * p.property.financialAssetMonths;
}

const CHECKS: Record<ExclusionClauseId, (c: ClauseContext) => ClauseCheck> = {
  vehicle_not_needed: ({ household, p }) => {
    const bad = household.assets.vehicles.filter(
      (v) => !p.property.allowedVehiclePurposes.includes(v.purpose),
    );
    return {
      hit: bad.length > 0,
      detail: bad.length
        ? `拥有机动车辆：${bad.map((v) => v.description).join('、')}`
        : '无需要排除的机动车辆',
      inputs: { vehicles: household.assets.vehicles.length, notAllowed: bad.length },
    };
  },
  multiple_or_luxury_homes: ({ household, p }) => {
    const h = household.assets.homes;
    const hit = h.count > p.property.maxHomes || h.luxury;
    return {
      hit,
      detail: hit ? `住房${h.count}套${h.luxury ? '，含高档住房' : ''}` : `住房${h.count}套，符合规定`,
      inputs: { homes: h.count, maxHomes: p.property.maxHomes, luxury: h.luxury },
    };
  },
  business_above_threshold: ({ household, p }) => {
    const total = household.assets.businesses.reduce((s, b) => s + b.valueFen, 0);
    const hit = total > p.property.businessValueLimitFen;
    const limitFen = p.property.businessValueLimitFen;
    return {
      hit,
      detail: () => `经营实体及股份合计${yuan(total)}，限额${yuan(limitFen)}`,
      inputs: () => ({ totalYuan: yuan(total), limitYuan: yuan(limitFen) }),
    };
  },
  financial_assets_above_limit: ({ household, counted, standardFen, p }) => {
    const { depositsFen, securitiesFen } = household.assets;
    const total = depositsFen + securitiesFen;
    const limit = financialAssetLimitFen(standardFen, counted.length, p);
    const months = p.property.financialAssetMonths;
    const persons = counted.length;
    return {
      hit: total > limit,
      detail: () =>
        `存款及有价证券${yuan(total)}，限额${yuan(limit)}（${months}个月 × 保障标准 × ${persons}人）`,
      inputs: () => ({
        depositsYuan: yuan(depositsFen),
        securitiesYuan: yuan(securitiesFen),
        limitYuan: yuan(limit),
        months,
        persons,
      }),
    };
  },
  refuses_work: ({ household }) =>
    flag(household.exclusionFacts.refusesWorkWithoutReason, '有劳动能力的成员无正当理由拒绝就业', '无'),
  self_paid_travel_or_study_abroad: ({ household }) =>
    flag(household.exclusionFacts.selfPaidTravelOrStudyAbroad, '有自费出国（境）旅游或留学记录', '无'),
  luxury_consumption: ({ household }) =>
    flag(household.exclusionFacts.luxuryConsumption, '有高消费行为', '无'),
  employs_domestic_help: ({ household }) =>
    flag(household.exclusionFacts.employsDomesticHelp, '雇佣家政服务人员', '无'),
  refuses_verification: ({ household }) =>
    flag(household.exclusionFacts.refusesVerificationOrVisit, '拒绝签署核对授权书或拒绝入户调查', '无'),
  concealed_income_or_false_material: ({ household }) =>
    flag(household.exclusionFacts.concealedIncomeOrFalseMaterial, '隐瞒收入、财产或提供虚假材料', '无'),
  public_employee_member: ({ household, counted }) => {
    const employees = counted.filter((m) => m.employment === 'public_employee');
    const hit = Boolean(household.exclusionFacts.publicEmployeeMember) || employees.length > 0;
    return {
      hit,
      detail: hit ? `财政供养人员：${employees.map((m) => m.name).join('、') || '经核实'}` : '无',
      inputs: { fact: Boolean(household.exclusionFacts.publicEmployeeMember), members: employees.length },
    };
  },
  transferred_property_or_waived_support: ({ household }) =>
    flag(
      household.exclusionFacts.transferredPropertyOrWaivedSupport,
      '为获得救助转让财产或放弃法定权利',
      '无',
    ),
  high_end_renovation: ({ household }) =>
    flag(household.exclusionFacts.highEndRenovation, '住房高档装修', '无'),
  private_high_fee_schooling: ({ household }) =>
    flag(household.exclusionFacts.privateHighFeeSchooling, '子女自费就读民办高收费学校', '无'),
};

export const EXCLUSION_CLAUSE_IDS = Object.keys(CHECKS) as ExclusionClauseId[];

export interface ExclusionOutcome {
  hits: ClauseHit[];
  propertyPassed: boolean;
  propertyHits: ClauseHit[];
}

interface OrderedClause {
  clause: ExclusionClause;
  isProperty: boolean;
  rule: string;
  check: (c: ClauseContext) => ClauseCheck;
}

/** The enabled clauses of a parameter set in checking order, worked out once per set. */
const orderedClauses = new WeakMap<PolicyParameters, OrderedClause[]>();

function clausesOf(p: PolicyParameters): OrderedClause[] {
  let ordered = orderedClauses.get(p);
  if (!ordered) {
    const clauses: ExclusionClause[] = p.exclusionClauses.filter((c) => c.enabled);
    // Property clauses first: they are the property test the program rules refer to.
    ordered = [
      ...clauses.filter((c) => PROPERTY_CLAUSES.includes(c.id)),
      ...clauses.filter((c) => !PROPERTY_CLAUSES.includes(c.id)),
    ].map((clause) => {
      const isProperty = PROPERTY_CLAUSES.includes(clause.id);
      return {
        clause,
        isProperty,
        rule: isProperty ? `property.${clause.id}` : `veto.${clause.id}`,
        check: CHECKS[clause.id],
      };
    });
    orderedClauses.set(p, ordered);
  }
  return ordered;
}

const written = (x: Deferred<string>): string => (typeof x === 'function' ? x() : x);

export function checkExclusionClauses(ctx: ClauseContext, ex: Explanation): ExclusionOutcome {
  const hits: ClauseHit[] = [];
  for (const { clause, isProperty, rule, check } of clausesOf(ctx.p)) {
    const r = check(ctx);
    const title = clause.title;
    const detail = r.hit ? written(r.detail) : r.detail;
    ex.test(
      rule,
      () =>
        `${isProperty ? '财产状况' : '一票否决'}：${title}——${r.hit ? '命中' : '未命中'}（${written(detail)}）`,
      !r.hit,
      r.inputs,
      clause.basis,
    );
    if (r.hit) hits.push({ id: clause.id, title, basis: clause.basis, detail: detail as string });
  }
  const propertyHits = hits.filter((h) => PROPERTY_CLAUSES.includes(h.id));
  return { hits, propertyPassed: propertyHits.length === 0, propertyHits };
}
