/**
 * 一票否决: each enabled clause is checked; any hit ends the application with a refusal citing
 * the clause. The property clauses together are the property test.
 */
import type { Explanation, LineValue } from './explanation';
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
  detail: string;
  inputs: Record<string, LineValue>;
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
    return {
      hit,
      detail: `经营实体及股份合计${yuan(total)}，限额${yuan(p.property.businessValueLimitFen)}`,
      inputs: { totalYuan: yuan(total), limitYuan: yuan(p.property.businessValueLimitFen) },
    };
  },
  financial_assets_above_limit: ({ household, counted, standardFen, p }) => {
    const total = household.assets.depositsFen + household.assets.securitiesFen;
    const limit = financialAssetLimitFen(standardFen, counted.length, p);
    return {
      hit: total > limit,
      detail: `存款及有价证券${yuan(total)}，限额${yuan(limit)}（${p.property.financialAssetMonths}个月 × 保障标准 × ${counted.length}人）`,
      inputs: {
        depositsYuan: yuan(household.assets.depositsFen),
        securitiesYuan: yuan(household.assets.securitiesFen),
        limitYuan: yuan(limit),
        months: p.property.financialAssetMonths,
        persons: counted.length,
      },
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

export function checkExclusionClauses(ctx: ClauseContext, ex: Explanation): ExclusionOutcome {
  const hits: ClauseHit[] = [];
  const clauses: ExclusionClause[] = ctx.p.exclusionClauses.filter((c) => c.enabled);
  // Property clauses first: they are the property test the program rules refer to.
  const ordered = [
    ...clauses.filter((c) => PROPERTY_CLAUSES.includes(c.id)),
    ...clauses.filter((c) => !PROPERTY_CLAUSES.includes(c.id)),
  ];
  for (const clause of ordered) {
    const r = CHECKS[clause.id](ctx);
    const isProperty = PROPERTY_CLAUSES.includes(clause.id);
    const title = clause.title;
    ex.test(
      isProperty ? `property.${clause.id}` : `veto.${clause.id}`,
      () => `${isProperty ? '财产状况' : '一票否决'}：${title}——${r.hit ? '命中' : '未命中'}（${r.detail}）`,
      !r.hit,
      r.inputs,
      clause.basis,
    );
    if (r.hit) hits.push({ id: clause.id, title: clause.title, basis: clause.basis, detail: r.detail });
  }
  const propertyHits = hits.filter((h) => PROPERTY_CLAUSES.includes(h.id));
  return { hits, propertyPassed: propertyHits.length === 0, propertyHits };
}
