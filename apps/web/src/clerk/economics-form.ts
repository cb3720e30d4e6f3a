/**
 * The household economics editor's model: what the clerk types (yuan as text, empty meaning
 * "not stated") and its conversion to the API's Household (libs/assessment/src/household.ts),
 * money as integer fen. Problems are keyed by the same paths the server uses
 * (`household.members[0].incomes[1].annualFen`), so client and server errors land on the same input.
 */
import { fenToYuan, parseYuan } from '@web/shared/money';
import type { HouseholdMemberRecord as CaseMember } from '@web/api/types';

/** A case's applicant-form member, as stored on the case. */
export type { CaseMember };

export const RELATIONS: Record<string, string> = {
  applicant: '申请人本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '祖父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  child_in_law: '儿媳/女婿',
  other: '其他',
};

/** The application form's relation words (apps/api/src/dto/application.dto.ts) → Household relation. */
const CASE_RELATIONS: Record<string, string> = {
  本人: 'applicant',
  配偶: 'spouse',
  子女: 'child',
  父母: 'parent',
  兄弟姐妹: 'sibling',
  祖父母: 'grandparent',
  孙子女: 'grandchild',
  其他: 'other',
};

export const HEALTH: Record<string, string> = {
  healthy: '健康',
  minor_illness: '一般疾病',
  chronic_illness: '慢性病',
  disability_mild: '轻度残疾（三、四级）',
  serious_illness: '重病',
  disability_severe: '重度残疾（一、二级）',
};

export const DISABILITY_TYPES: Record<string, string> = {
  physical: '肢体',
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  intellectual: '智力',
  mental: '精神',
  multiple: '多重',
};

export const EDUCATION: Record<string, string> = {
  primary: '小学',
  junior_high: '初中',
  senior_high: '高中',
  secondary_vocational: '中职',
  junior_college: '大专',
  bachelor: '本科',
  postgraduate: '研究生',
};

export const EMPLOYMENT: Record<string, string> = {
  employed: '受雇就业',
  self_employed: '个体经营',
  farming: '务农',
  unemployed: '失业',
  retired: '退休',
  public_employee: '公职人员',
  none: '无',
};

export const WORK_TYPES: Record<string, string> = { odd_jobs: '务工', farming: '务农', none: '无' };

export const INCOME_KINDS: Record<string, string> = {
  wage: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfer: '转移净收入',
  other: '其他收入',
  special_care_allowance: '优抚金（不计入）',
  family_planning_reward: '计划生育奖励扶助金（不计入）',
  scholarship: '奖学金、助学金（不计入）',
  heroic_deed_award: '见义勇为奖励（不计入）',
  social_assistance: '社会救助金（不计入）',
  basic_pension_base: '基础养老金（不计入）',
};

export const CUSTODY: Record<string, string> = {
  prison: '服刑',
  compulsory_rehab: '强制隔离戒毒',
  missing: '宣告失踪',
};

export const VEHICLE_PURPOSES: Record<string, string> = {
  disability_aid: '残疾人功能性补偿代步',
  work: '生产经营用',
  private: '家庭自用',
};

export const EXPENDITURE_KINDS: Record<string, string> = {
  medical: '医疗自付费用',
  tuition: '教育（学费）',
  pension_insurance: '养老保险缴费',
};

export const SUPPORTER_RELATIONS: Record<string, string> = {
  child: '子女',
  parent: '父母',
  spouse: '配偶',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};

export const SUPPORTER_FLAGS: Record<string, string> = {
  onMinimumLiving: '本人享受低保',
  extremePoverty: '本人为特困人员',
  seriousIllness: '本人患重病',
  inPrison: '正在服刑',
  student: '在校学生',
  noCivilCapacity: '无民事行为能力',
  missing: '下落不明',
  largeAssets: '有大额财产',
  luxuryCar: '有高档车辆',
  highEndHousing: '有高档住房',
};

export const EXCLUSION_FACTS: Record<string, string> = {
  refusesWorkWithoutReason: '有劳动能力无正当理由拒绝就业',
  selfPaidTravelOrStudyAbroad: '自费出国旅游或留学',
  luxuryConsumption: '高档消费',
  employsDomesticHelp: '雇佣保姆或家政人员',
  refusesVerificationOrVisit: '拒绝核对或入户调查',
  concealedIncomeOrFalseMaterial: '隐瞒收入或提供虚假材料',
  publicEmployeeMember: '家庭成员为公职人员',
  transferredPropertyOrWaivedSupport: '转移财产或放弃赡养费',
  highEndRenovation: '高标准装修住房',
  privateHighFeeSchooling: '子女就读高收费私立学校',
};

export const HARDSHIP_KINDS: Record<string, string> = {
  accident: '意外事故',
  fire: '火灾',
  serious_illness: '突发重病',
  disaster: '自然灾害',
  major_expenditure: '重大生活必需支出',
  other: '其他',
};

/**
 * A household as the server stores it (after its own validation), seen from the editor: every
 * part may be absent in an older or partial record, and facts the editor does not show ride along.
 */
/** A column of a repeated row (an income, a vehicle…): its visible heading, and what to type in it. */
export interface RowColumn {
  label: string;
  placeholder: string;
}

/**
 * The columns of the editor's repeated rows. Each input carries its column's label (visible
 * above the rows and as aria-label) and a placeholder that says what goes there: unlabelled
 * rows had a tester type the amount into 来源.
 */
export const ROW_COLUMNS = {
  income: {
    kind: { label: '收入类型', placeholder: '选择收入类型' },
    amount: { label: '年收入金额（元/年）', placeholder: '金额，如 12000' },
    source: { label: '核实来源', placeholder: '核实单位，如 核对中心（不填金额）' },
  },
  vehicle: {
    description: { label: '车辆说明', placeholder: '品牌、车牌' },
    purpose: { label: '用途', placeholder: '选择用途' },
    amount: { label: '价值（元）', placeholder: '金额，可空' },
  },
  business: {
    description: { label: '名称与持股情况', placeholder: '企业名称、持股比例' },
    amount: { label: '价值（元）', placeholder: '金额，如 50000' },
  },
  expenditure: {
    kind: { label: '支出类型', placeholder: '选择支出类型' },
    amount: { label: '年自付金额（元）', placeholder: '金额，如 3000' },
    member: { label: '支出成员', placeholder: '全户' },
    note: { label: '说明', placeholder: '如 住院、慢性病门诊' },
  },
} as const satisfies Record<string, Record<string, RowColumn>>;

export interface StoredEconomics {
  members?: StoredMember[];
  supporters?: StoredSupporter[];
  assets?: {
    depositsFen?: number;
    securitiesFen?: number;
    homes?: { count?: number; luxury?: boolean };
    vehicles?: { description?: string; purpose?: string; valueFen?: number }[];
    businesses?: { description?: string; valueFen?: number }[];
  };
  exclusionFacts?: Record<string, boolean>;
  rigidExpenditures?: { kind?: string; annualFen?: number; memberIdNumber?: string; note?: string }[];
  suddenHardship?: { kind?: string; description?: string };
  [fact: string]: unknown;
}

export interface StoredMember {
  name?: string;
  idNumber?: string;
  relation?: string;
  cohabitation?: { livesTogetherLongTerm?: boolean; custody?: string | null; [fact: string]: unknown };
  health?: string;
  disability?: { grade?: number; type?: string };
  student?: { level?: string; fullTime?: boolean };
  employment?: string;
  workType?: string;
  incomes?: { kind: string; annualFen?: number; source?: string }[];
  [fact: string]: unknown;
}

export interface StoredSupporter {
  name?: string;
  idNumber?: string;
  relation?: string;
  supports?: string[];
  annualIncomeFen?: number;
  livesInHousehold?: boolean;
  flags?: Record<string, unknown>;
  [fact: string]: unknown;
}

export interface IncomeForm {
  kind: string;
  yuan: string;
  source: string;
}

export interface MemberForm {
  /** The recorded member as it came, so facts this editor does not show (self-care …) survive a save. */
  original: StoredMember;
  name: string;
  idNumber: string;
  relation: string;
  livesTogetherLongTerm: boolean;
  custody: string;
  health: string;
  disabilityGrade: number | null;
  disabilityType: string;
  studentLevel: string;
  studentFullTime: boolean;
  employment: string;
  workType: string;
  incomes: IncomeForm[];
}

export interface SupporterForm {
  original: StoredSupporter;
  name: string;
  idNumber: string;
  relation: string;
  supports: string[];
  incomeYuan: string;
  livesInHousehold: boolean;
  flags: string[];
}

export interface EconomicsForm {
  members: MemberForm[];
  supporters: SupporterForm[];
  depositsYuan: string;
  securitiesYuan: string;
  homesCount: string;
  luxuryHome: boolean;
  vehicles: { description: string; purpose: string; yuan: string }[];
  businesses: { description: string; yuan: string }[];
  exclusion: string[];
  expenditures: { kind: string; yuan: string; memberIdNumber: string; note: string }[];
  hardshipKind: string;
  hardshipDescription: string;
}

/** Why a yuan text is not an amount, or '' when it is. */
export function moneyProblem(text: string, required = true): string {
  const t = text.trim();
  if (t === '') return required ? '请填写金额' : '';
  if (t.startsWith('-')) return '金额不能为负数';
  if (parseYuan(t) === undefined) return '金额格式不正确：以元为单位，最多两位小数';
  return '';
}

function memberForm(m: StoredMember): MemberForm {
  return {
    original: m,
    name: m.name ?? '',
    idNumber: m.idNumber ?? '',
    relation: m.relation ?? 'other',
    livesTogetherLongTerm: m.cohabitation?.livesTogetherLongTerm ?? true,
    custody: m.cohabitation?.custody ?? '',
    health: m.health ?? 'healthy',
    disabilityGrade: m.disability?.grade ?? null,
    disabilityType: m.disability?.type ?? '',
    studentLevel: m.student?.level ?? '',
    studentFullTime: m.student?.fullTime ?? true,
    employment: m.employment ?? '',
    workType: m.workType ?? '',
    incomes: (m.incomes ?? []).map((i) => ({
      kind: i.kind,
      yuan: fenToYuan(i.annualFen),
      source: i.source ?? '',
    })),
  };
}

/**
 * The editor's starting point: the recorded economics when there are any, otherwise the members
 * named on the application (relation words mapped), everything else empty.
 */
export function initialForm(caseMembers: CaseMember[], economics: StoredEconomics | null): EconomicsForm {
  const e = economics ?? {};
  const members: StoredMember[] = e.members?.length
    ? e.members
    : caseMembers.map((m) => ({
        name: m.name,
        idNumber: m.idNumber,
        relation: CASE_RELATIONS[m.relation] ?? 'other',
        incomes: [],
      }));
  const assets = e.assets ?? {};
  return {
    members: members.map(memberForm),
    supporters: (e.supporters ?? []).map((s) => ({
      original: s,
      name: s.name ?? '',
      idNumber: s.idNumber ?? '',
      relation: s.relation ?? 'child',
      supports: [...(s.supports ?? [])],
      incomeYuan: fenToYuan(s.annualIncomeFen),
      livesInHousehold: !!s.livesInHousehold,
      flags: Object.keys(SUPPORTER_FLAGS).filter((k) => s.flags?.[k] === true),
    })),
    depositsYuan: economics ? fenToYuan(assets.depositsFen) : '',
    securitiesYuan: economics ? fenToYuan(assets.securitiesFen) : '',
    homesCount: typeof assets.homes?.count === 'number' ? String(assets.homes.count) : '',
    luxuryHome: !!assets.homes?.luxury,
    vehicles: (assets.vehicles ?? []).map((v) => ({
      description: v.description ?? '',
      purpose: v.purpose ?? 'private',
      yuan: fenToYuan(v.valueFen),
    })),
    businesses: (assets.businesses ?? []).map((b) => ({
      description: b.description ?? '',
      yuan: fenToYuan(b.valueFen),
    })),
    exclusion: Object.keys(EXCLUSION_FACTS).filter((k) => e.exclusionFacts?.[k] === true),
    expenditures: (e.rigidExpenditures ?? []).map((r) => ({
      kind: r.kind ?? 'medical',
      yuan: fenToYuan(r.annualFen),
      memberIdNumber: r.memberIdNumber ?? '',
      note: r.note ?? '',
    })),
    hardshipKind: e.suddenHardship?.kind ?? '',
    hardshipDescription: e.suddenHardship?.description ?? '',
  };
}

export function newIncome(): IncomeForm {
  return { kind: 'wage', yuan: '', source: '' };
}

export function newSupporter(): SupporterForm {
  return {
    original: {},
    name: '',
    idNumber: '',
    relation: 'child',
    supports: [],
    incomeYuan: '',
    livesInHousehold: false,
    flags: [],
  };
}

/** Health categories that come with a disability certificate. */
export function isDisability(health: string): boolean {
  return health === 'disability_mild' || health === 'disability_severe';
}

export interface BuildResult {
  household: Record<string, unknown>;
  /** Server-style field path → message; empty when the form may be sent. */
  errors: Record<string, string>;
}

/** The request's household, plus every problem the clerk can fix before sending. */
export function buildHousehold(form: EconomicsForm): BuildResult {
  const errors: Record<string, string> = {};
  const money = (path: string, text: string, required = true): number => {
    const problem = moneyProblem(text, required);
    if (problem) errors[`household.${path}`] = problem;
    return problem ? 0 : (parseYuan(text) ?? 0);
  };
  const text = (path: string, value: string, label: string): string => {
    if (!value.trim()) errors[`household.${path}`] = `请填写${label}`;
    return value.trim();
  };

  if (form.members.filter((m) => m.relation === 'applicant').length !== 1)
    errors['household.members'] = '家庭成员中应有且只有一名申请人本人';

  const members = form.members.map((m, i) => {
    const { disability: _d, student: _s, employment: _e, workType: _w, ...rest } = m.original;
    const cohabitation: Record<string, unknown> = {
      ...(m.original.cohabitation ?? {}),
      livesTogetherLongTerm: m.livesTogetherLongTerm,
      custody: m.custody || null,
    };
    if (!m.custody) delete cohabitation.custody;
    const member: Record<string, unknown> = {
      ...rest,
      name: m.name,
      idNumber: m.idNumber,
      relation: m.relation,
      cohabitation,
      health: m.health,
      incomes: m.incomes.map((inc, j) => {
        const out: Record<string, unknown> = {
          kind: inc.kind,
          annualFen: money(`members[${i}].incomes[${j}].annualFen`, inc.yuan),
        };
        if (inc.source.trim()) out.source = inc.source.trim();
        return out;
      }),
    };
    if (isDisability(m.health)) {
      if (!m.disabilityGrade) errors[`household.members[${i}].disability`] = '请选择残疾等级';
      else member.disability = { grade: m.disabilityGrade, type: m.disabilityType || 'physical' };
    }
    if (m.studentLevel) member.student = { fullTime: m.studentFullTime, level: m.studentLevel };
    if (m.employment) member.employment = m.employment;
    if (m.workType) member.workType = m.workType;
    return member;
  });

  const memberIds = new Set(form.members.map((m) => m.idNumber));
  const supporters = form.supporters.map((s, i) => {
    const flags: Record<string, unknown> = { ...(s.original.flags ?? {}) };
    for (const k of Object.keys(SUPPORTER_FLAGS)) delete flags[k];
    for (const k of s.flags) flags[k] = true;
    const out: Record<string, unknown> = {
      ...s.original,
      name: text(`supporters[${i}].name`, s.name, '姓名'),
      idNumber: text(`supporters[${i}].idNumber`, s.idNumber, '身份证号码'),
      relation: s.relation,
      supports: s.supports.filter((id) => memberIds.has(id)),
      annualIncomeFen: money(`supporters[${i}].annualIncomeFen`, s.incomeYuan),
      flags,
    };
    if (s.livesInHousehold) out.livesInHousehold = true;
    else delete out.livesInHousehold;
    return out;
  });

  const homes = form.homesCount.trim();
  if (!/^\d{1,3}$/.test(homes)) errors['household.assets.homes.count'] = '住房套数应为不小于零的整数';

  const exclusionFacts: Record<string, boolean> = {};
  for (const k of form.exclusion) exclusionFacts[k] = true;

  const household: Record<string, unknown> = {
    members,
    supporters,
    assets: {
      depositsFen: money('assets.depositsFen', form.depositsYuan),
      securitiesFen: money('assets.securitiesFen', form.securitiesYuan),
      vehicles: form.vehicles.map((v, i) => {
        const out: Record<string, unknown> = {
          description: text(`assets.vehicles[${i}].description`, v.description, '车辆说明'),
          purpose: v.purpose,
        };
        if (v.yuan.trim()) out.valueFen = money(`assets.vehicles[${i}].valueFen`, v.yuan);
        return out;
      }),
      homes: { count: Number(homes) || 0, luxury: form.luxuryHome },
      businesses: form.businesses.map((b, i) => ({
        description: text(`assets.businesses[${i}].description`, b.description, '经营或持股说明'),
        valueFen: money(`assets.businesses[${i}].valueFen`, b.yuan),
      })),
    },
    exclusionFacts,
    rigidExpenditures: form.expenditures.map((r, i) => {
      const out: Record<string, unknown> = {
        kind: r.kind,
        annualFen: money(`rigidExpenditures[${i}].annualFen`, r.yuan),
      };
      if (r.memberIdNumber) out.memberIdNumber = r.memberIdNumber;
      if (r.note.trim()) out.note = r.note.trim();
      return out;
    }),
  };
  if (form.hardshipKind)
    household.suddenHardship = {
      kind: form.hardshipKind,
      description: text('suddenHardship.description', form.hardshipDescription, '事由说明'),
    };
  return { household, errors };
}

/** Member index of a server path like `household.members[2].incomes[0].annualFen`, or -1. */
export function memberIndexOf(field: string): number {
  const m = /^household\.members\[(\d+)\]/.exec(field);
  return m ? Number(m[1]) : -1;
}
