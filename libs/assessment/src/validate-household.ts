/** Checks the collected facts before assessing; messages point the clerk at the field to correct. */
import { residentIdProblem } from '@app/assistance';
import { compositionDecision } from './household-composition';
import type {
  DisabilityType,
  EducationLevel,
  Employment,
  HealthCategory,
  Household,
  IncomeKind,
  Relation,
  RigidExpenditureKind,
  Supporter,
  SuddenHardship,
  VehiclePurpose,
  WorkType,
} from './household';
import { MAX_AMOUNT_FEN } from './money';
import type { ValidationProblem } from './validate-parameters';

/**
 * The allowed values of every enumerated field, as records so the compiler insists on each member
 * of the type: a value outside them (a typo, another system's code) reaches the rules as a 400
 * naming the field, never as a TypeError deep in the assessment.
 */
const RELATION: Record<Relation, true> = {
  applicant: true,
  spouse: true,
  child: true,
  parent: true,
  grandparent: true,
  grandchild: true,
  sibling: true,
  child_in_law: true,
  other: true,
};
const HEALTH: Record<HealthCategory, true> = {
  healthy: true,
  minor_illness: true,
  chronic_illness: true,
  disability_mild: true,
  serious_illness: true,
  disability_severe: true,
};
const DISABILITY_TYPE: Record<DisabilityType, true> = {
  intellectual: true,
  mental: true,
  physical: true,
  visual: true,
  hearing: true,
  speech: true,
  multiple: true,
};
const EDUCATION: Record<EducationLevel, true> = {
  primary: true,
  junior_high: true,
  senior_high: true,
  secondary_vocational: true,
  junior_college: true,
  bachelor: true,
  postgraduate: true,
};
const EMPLOYMENT: Record<Employment, true> = {
  employed: true,
  self_employed: true,
  unemployed: true,
  farming: true,
  retired: true,
  public_employee: true,
  none: true,
};
const WORK_TYPE: Record<WorkType, true> = { odd_jobs: true, farming: true, none: true };
const INCOME_KIND: Record<IncomeKind, true> = {
  wage: true,
  business: true,
  property: true,
  transfer: true,
  other: true,
  special_care_allowance: true,
  family_planning_reward: true,
  scholarship: true,
  heroic_deed_award: true,
  social_assistance: true,
  basic_pension_base: true,
};
const CUSTODY = { prison: true, compulsory_rehab: true, missing: true };
const SUPPORTER_RELATION: Record<Supporter['relation'], true> = {
  child: true,
  parent: true,
  spouse: true,
  grandchild: true,
  grandparent: true,
  sibling: true,
  other: true,
};
const VEHICLE_PURPOSE: Record<VehiclePurpose, true> = {
  disability_aid: true,
  work: true,
  private: true,
};
const EXPENDITURE_KIND: Record<RigidExpenditureKind, true> = {
  medical: true,
  tuition: true,
  pension_insurance: true,
};
const HARDSHIP_KIND: Record<SuddenHardship['kind'], true> = {
  accident: true,
  fire: true,
  serious_illness: true,
  disaster: true,
  major_expenditure: true,
  other: true,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function validateHousehold(h: Household, assessmentDate: string): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  /** `v` one of `allowed`; `optional` lets it be absent (undefined or null). */
  const oneOf = (field: string, v: unknown, allowed: object, optional = false) => {
    if (optional && (v === undefined || v === null)) return true;
    if ((typeof v === 'string' || typeof v === 'number') && Object.hasOwn(allowed, v)) return true;
    const got = v === undefined || v === null ? '未填写' : `“${String(v)}”不是可选值`;
    bad(field, `${got}，应为：${Object.keys(allowed).join('、')}`);
    return false;
  };
  if (!enumsValid(h, oneOf, bad) || !booleansValid(h, bad)) return problems;
  const money = (field: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      bad(field, '金额应为不小于零的整数（单位：分）');
    else if (v > MAX_AMOUNT_FEN) bad(field, `金额不能超过${MAX_AMOUNT_FEN / 100 / 1e8}亿元`);
  };
  const applicants = h.members.filter((m) => m.relation === 'applicant');
  if (applicants.length !== 1) bad('members', `应有且只有一名申请人，现有${applicants.length}名`);
  const ids = new Set<string>();
  h.members.forEach((m, i) => {
    const problem = residentIdProblem(m.idNumber, assessmentDate);
    if (problem) bad(`members[${i}].idNumber`, `${m.name}的身份证号码无效：${problem}`);
    if (ids.has(m.idNumber)) bad(`members[${i}].idNumber`, `${m.name}的身份证号码与其他成员重复`);
    ids.add(m.idNumber);
    m.incomes.forEach((inc, j) => money(`members[${i}].incomes[${j}].annualFen`, inc.annualFen));
    if (!problem && m.relation === 'applicant' && !compositionDecision(m, assessmentDate).counted) {
      bad(`members[${i}].cohabitation`, '申请人本人不属于共同生活家庭成员，不能作为申请人');
    }
  });
  const supporterIds = new Set<string>();
  h.supporters.forEach((s, i) => {
    // The same obligor twice would count the support owed twice.
    if (supporterIds.has(s.idNumber))
      bad(`supporters[${i}].idNumber`, `${s.name}的身份证号码与其他义务人重复，同一义务人只能填写一次`);
    supporterIds.add(s.idNumber);
    // A co-resident obligor's income counts through the household: one who is not a member counts nothing.
    if (s.livesInHousehold === true && !ids.has(s.idNumber))
      bad(
        `supporters[${i}].livesInHousehold`,
        `${s.name}标明与本户共同生活，但不是本户家庭成员；共同生活的义务人应作为家庭成员填写其收入`,
      );
    if (ids.has(s.idNumber) && s.livesInHousehold !== true) {
      // Counted twice otherwise: once as a member's income, once as support from outside.
      bad(
        `supporters[${i}].idNumber`,
        `${s.name}已是本户家庭成员，其收入已计入家庭收入，不能再作为户外赡养（抚养、扶养）义务人计算；请从义务人中删除，或标明“共同生活”`,
      );
    }
    const problem = residentIdProblem(s.idNumber, assessmentDate);
    if (problem) bad(`supporters[${i}].idNumber`, `${s.name}的身份证号码无效：${problem}`);
    money(`supporters[${i}].annualIncomeFen`, s.annualIncomeFen);
    for (const id of s.supports)
      if (!ids.has(id)) bad(`supporters[${i}].supports`, `${s.name}的被赡养（抚养、扶养）人不是本户成员`);
  });
  money('assets.depositsFen', h.assets.depositsFen);
  money('assets.securitiesFen', h.assets.securitiesFen);
  if (!Number.isInteger(h.assets.homes.count) || h.assets.homes.count < 0)
    bad('assets.homes.count', '住房套数应为不小于零的整数');
  h.assets.businesses.forEach((b, i) => money(`assets.businesses[${i}].valueFen`, b.valueFen));
  h.rigidExpenditures.forEach((r, i) => {
    money(`rigidExpenditures[${i}].annualFen`, r.annualFen);
    if (r.memberIdNumber && !ids.has(r.memberIdNumber))
      bad(`rigidExpenditures[${i}].memberIdNumber`, '支出所属成员不是本户成员');
    // Tuition is capped per student: a line that names nobody would pool two students under one cap.
    if (r.kind === 'tuition' && !r.memberIdNumber)
      bad(`rigidExpenditures[${i}].memberIdNumber`, '学费应注明是哪一名学生的（填写该学生的身份证号码）');
    // As the workbook import: tuition belongs to a full-time student's own line.
    const payer = r.memberIdNumber ? h.members.find((m) => m.idNumber === r.memberIdNumber) : undefined;
    if (r.kind === 'tuition' && payer && !payer.student?.fullTime)
      bad(
        `rigidExpenditures[${i}].memberIdNumber`,
        `学费应填在全日制在校学生本人名下（${payer.name}不是全日制在校学生）`,
      );
  });
  return problems;
}

const GRADE_TEXT = '残疾等级应为1至4级的整数（一级最重）';

/** Boolean facts must be true or false: the text "false" is truthy and flipped a rule. */
function booleansValid(h: Household, bad: (field: string, message: string) => void): boolean {
  let ok = true;
  const flag = (field: string, v: unknown, optional = true) => {
    if (typeof v === 'boolean' || (optional && (v === undefined || v === null))) return;
    ok = false;
    bad(field, '应为是（true）或否（false）');
  };
  h.members.forEach((m, i) => {
    const at = `members[${i}]`;
    if (!isObject(m.cohabitation)) {
      ok = false;
      bad(`${at}.cohabitation`, '应填写共同居住情况');
    } else {
      flag(`${at}.cohabitation.livesTogetherLongTerm`, m.cohabitation.livesTogetherLongTerm, false);
      flag(`${at}.cohabitation.ableToLiveIndependently`, m.cohabitation.ableToLiveIndependently);
      flag(`${at}.cohabitation.statutorySupportDuty`, m.cohabitation.statutorySupportDuty);
    }
    if (isObject(m.student)) flag(`${at}.student.fullTime`, m.student.fullTime, false);
    flag(`${at}.inOrphanScheme`, m.inOrphanScheme);
    if (!Array.isArray(m.incomes)) {
      ok = false;
      bad(`${at}.incomes`, '应为列表');
    }
    if (isObject(m.selfCare))
      for (const [k, v] of Object.entries(m.selfCare)) flag(`${at}.selfCare.${k}`, v, false);
  });
  h.supporters.forEach((s, i) => {
    flag(`supporters[${i}].livesInHousehold`, s.livesInHousehold);
    if (!Array.isArray(s.supports)) {
      ok = false;
      bad(`supporters[${i}].supports`, '应为列表');
    }
    if (!isObject(s.flags)) {
      ok = false;
      bad(`supporters[${i}].flags`, '应为对象');
      return;
    }
    for (const [k, v] of Object.entries(s.flags))
      if (k !== 'disability' && k !== 'provincialIncapacityReason') flag(`supporters[${i}].flags.${k}`, v);
  });
  if (isObject(h.exclusionFacts))
    for (const [k, v] of Object.entries(h.exclusionFacts)) flag(`exclusionFacts.${k}`, v);
  if (isObject(h.assets) && isObject(h.assets.homes))
    flag('assets.homes.luxury', h.assets.homes.luxury, false);
  return ok;
}

type OneOf = (field: string, v: unknown, allowed: object, optional?: boolean) => boolean;

/** Every enumerated field checked before any rule reads one; false when one is wrong. */
function enumsValid(h: Household, oneOf: OneOf, bad: (field: string, message: string) => void): boolean {
  let ok = true;
  const check = (field: string, v: unknown, allowed: object, optional = false) => {
    ok = oneOf(field, v, allowed, optional) && ok;
  };
  const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  // A number, not the text "1": rules compare grades (≤ 2) and "7" must not pass as a grade.
  const grade = (field: string, v: unknown) => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 4) return;
    ok = false;
    bad(field, `${GRADE_TEXT}，收到“${String(v)}”`);
  };
  items(h.members).forEach((raw, i) => {
    const m = isObject(raw) ? raw : {};
    const at = `members[${i}]`;
    check(`${at}.relation`, m.relation, RELATION);
    check(`${at}.health`, m.health, HEALTH);
    if (isObject(m.disability)) {
      grade(`${at}.disability.grade`, m.disability.grade);
      check(`${at}.disability.type`, m.disability.type, DISABILITY_TYPE);
    } else check(`${at}.disability`, m.disability, {}, true);
    if (isObject(m.student)) check(`${at}.student.level`, m.student.level, EDUCATION);
    check(`${at}.employment`, m.employment, EMPLOYMENT, true);
    check(`${at}.workType`, m.workType, WORK_TYPE, true);
    if (isObject(m.cohabitation)) check(`${at}.cohabitation.custody`, m.cohabitation.custody, CUSTODY, true);
    items(m.incomes).forEach((inc, j) =>
      check(`${at}.incomes[${j}].kind`, isObject(inc) ? inc.kind : undefined, INCOME_KIND),
    );
  });
  items(h.supporters).forEach((raw, i) => {
    const s = isObject(raw) ? raw : {};
    check(`supporters[${i}].relation`, s.relation, SUPPORTER_RELATION);
    if (isObject(s.flags) && isObject(s.flags.disability)) {
      grade(`supporters[${i}].flags.disability.grade`, s.flags.disability.grade);
      check(`supporters[${i}].flags.disability.type`, s.flags.disability.type, DISABILITY_TYPE);
    }
  });
  if (isObject(h.assets))
    items(h.assets.vehicles).forEach((v, i) =>
      check(`assets.vehicles[${i}].purpose`, isObject(v) ? v.purpose : undefined, VEHICLE_PURPOSE),
    );
  items(h.rigidExpenditures).forEach((r, i) =>
    check(`rigidExpenditures[${i}].kind`, isObject(r) ? r.kind : undefined, EXPENDITURE_KIND),
  );
  if (isObject(h.suddenHardship)) check('suddenHardship.kind', h.suddenHardship.kind, HARDSHIP_KIND);
  return ok;
}
