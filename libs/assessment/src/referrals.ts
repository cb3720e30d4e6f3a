/**
 * 综合评估 / needs matching: every program the household may qualify for, with the reason, so
 * the one window (一门受理) can refer it on. A referral is a suggestion, not a decision.
 */
import { BASIS } from './basis';
import { severeDisability } from './conditions';
import type { Explanation } from './explanation';
import type { ExtremePovertyResult } from './extreme-poverty';
import type { Household, Member } from './household';
import { type ExactFen, fen, lte } from './money';
import type { PolicyParameters } from './parameters';
import type { Benefit, MemberAssessment, ProgramTest, Referral } from './result';

export interface ReferralContext {
  household: Household;
  counted: { member: Member; assessed: MemberAssessment }[];
  minimumLiving: ProgramTest;
  lowIncome: ProgramTest;
  extremePoverty: ExtremePovertyResult[];
  benefit: Benefit;
  medicalClaimedFen: ExactFen;
}

const SUDDEN_LABELS = {
  accident: '意外事故',
  fire: '火灾',
  serious_illness: '突发重大疾病',
  disaster: '自然灾害',
  major_expenditure: '突发重大支出',
  other: '其他突发困难',
} as const;

export function matchNeeds(ctx: ReferralContext, p: PolicyParameters, ex: Explanation): Referral[] {
  const out: Referral[] = [];
  const supported =
    ctx.minimumLiving.eligible || ctx.lowIncome.eligible || ctx.extremePoverty.some((e) => e.eligible);
  const members = (pred: (x: ReferralContext['counted'][number]) => boolean) => ctx.counted.filter(pred);
  const names = (xs: ReferralContext['counted']) => xs.map((x) => x.member.name).join('、');
  const ids = (xs: ReferralContext['counted']) => xs.map((x) => x.member.idNumber);

  if (ctx.minimumLiving.eligible) {
    out.push({
      program: 'minimum_living',
      label: '最低生活保障（按户施保）',
      department: '民政部门',
      reason: '家庭人均收入低于保障标准且财产状况符合规定',
      basis: BASIS.minimumLiving,
      idNumbers: [],
    });
  }
  if (ctx.benefit.kind === 'single_person') {
    const covered = members((x) => ctx.benefit.coveredIdNumbers.includes(x.member.idNumber));
    out.push({
      program: 'single_person_coverage',
      label: '最低生活保障（单人保）',
      department: '民政部门',
      reason: `低保边缘家庭中的${names(covered)}可单独纳入`,
      basis: BASIS.art8,
      idNumbers: ids(covered),
    });
  }
  for (const e of ctx.extremePoverty.filter((x) => x.eligible)) {
    out.push({
      program: 'extreme_poverty',
      label: '特困人员救助供养',
      department: '民政部门',
      reason: `${e.name}无劳动能力、无生活来源、无履行义务能力的义务人`,
      basis: BASIS.extremePoverty,
      idNumbers: [e.idNumber],
    });
  }
  if (ctx.lowIncome.eligible) {
    out.push({
      program: 'low_income',
      label: '低收入人口认定（低保边缘家庭）',
      department: '民政部门',
      reason: '家庭人均收入低于低收入认定标准且财产状况符合规定',
      basis: BASIS.lowIncome,
      idNumbers: [],
    });
  }
  const sudden = ctx.household.suddenHardship;
  if (sudden) {
    out.push({
      program: 'temporary_assistance',
      label: '临时救助',
      department: '民政部门（乡镇先行救助）',
      reason: `${SUDDEN_LABELS[sudden.kind]}：${sudden.description}`,
      basis: BASIS.temporary,
      idNumbers: [],
    });
  }
  if (lte(fen(p.referral.highMedicalExpenditureFen), ctx.medicalClaimedFen)) {
    out.push({
      program: 'medical_assistance',
      label: '医疗救助',
      department: '医疗保障部门',
      reason: '医疗自付费用达到本地高额医疗费用线',
      basis: BASIS.medical,
      idNumbers: [],
    });
  }
  const students = members((x) => Boolean(x.member.student?.fullTime));
  if (supported && students.length > 0) {
    out.push({
      program: 'education_assistance',
      label: '教育救助',
      department: '教育部门',
      reason: `困难家庭在校学生：${names(students)}`,
      basis: BASIS.education,
      idNumbers: ids(students),
    });
  }
  const jobless = members((x) => x.assessed.coefficientBp > 0 && x.member.employment === 'unemployed');
  if (supported && jobless.length > 0) {
    out.push({
      program: 'employment_assistance',
      label: '就业救助',
      department: '人力资源社会保障部门',
      reason: `有劳动能力的失业成员：${names(jobless)}`,
      basis: BASIS.employment,
      idNumbers: ids(jobless),
    });
  }
  const homeless = ctx.household.assets.homes.count === 0;
  const homeLost = sudden?.kind === 'fire' || sudden?.kind === 'disaster';
  if (supported && (homeless || homeLost)) {
    out.push({
      program: 'housing_assistance',
      label: '住房救助',
      department: '住房城乡建设部门',
      reason: homeless ? '困难家庭无自有住房' : '住房因火灾或灾害受损',
      basis: BASIS.housing,
      idNumbers: [],
    });
  }
  const disabled = members((x) => Boolean(x.member.disability));
  if (supported && disabled.length > 0) {
    out.push({
      program: 'disability_living_subsidy',
      label: '困难残疾人生活补贴',
      department: '民政部门、残联',
      reason: `困难家庭持证残疾人：${names(disabled)}`,
      basis: BASIS.disability,
      idNumbers: ids(disabled),
    });
  }
  const severe = members((x) => severeDisability(x.member) !== null);
  if (severe.length > 0) {
    out.push({
      program: 'severe_disability_care_subsidy',
      label: '重度残疾人护理补贴',
      department: '民政部门、残联',
      reason: `一、二级残疾人：${names(severe)}`,
      basis: BASIS.disability,
      idNumbers: ids(severe),
    });
  }
  const needCare = members((x) => x.assessed.selfCare !== null && x.assessed.selfCare.ability !== 'full');
  if (needCare.length > 0) {
    out.push({
      program: 'care_service',
      label: '照料护理服务',
      department: '民政部门（养老服务）',
      reason: `生活自理能力丧失：${names(needCare)}`,
      basis: BASIS.selfCare,
      idNumbers: ids(needCare),
    });
  }
  for (const r of out) {
    const { label, reason, department } = r;
    ex.add({
      rule: `referral.${r.program}`,
      label: () => `可转介：${label}——${reason}`,
      inputs: () => ({ department }),
      basis: r.basis,
    });
  }
  return out;
}
