import type {
  DisabilityType,
  EducationLevel,
  HealthCategory,
  IncomeKind,
  Relation,
  WorkType,
} from '@app/assessment';

/** The columns of the household import workbook; one row per household member. */
export const COLUMNS = [
  { key: 'householdKey', header: '户编号', note: '同一户的成员填写相同编号' },
  { key: 'regionCode', header: '行政区划代码', note: '12位村（社区）代码' },
  { key: 'name', header: '姓名' },
  { key: 'idNumber', header: '身份证号码', note: '18位，请保持文本格式' },
  { key: 'relation', header: '与申请人关系' },
  { key: 'health', header: '健康状况' },
  { key: 'workType', header: '务工类型', note: '可空；空白时按本地区政策参数的默认推算方式' },
  {
    key: 'disabilityGrade',
    header: '残疾证等级',
    note: '持残疾人证的填1–4（一级最重），无证留空；与“残疾类别”同时填写',
    optional: true,
  },
  { key: 'disabilityType', header: '残疾类别', note: '持残疾人证的填写，无证留空', optional: true },
  { key: 'schoolLevel', header: '全日制在校学段', note: '非在校生留空' },
  { key: 'wage', header: '年工资性收入（元）' },
  { key: 'business', header: '年经营净收入（元）' },
  { key: 'property', header: '年财产净收入（元）' },
  { key: 'transfer', header: '年转移净收入（元）' },
  { key: 'deposits', header: '存款（元）', note: '只在申请人行填写' },
  { key: 'securities', header: '有价证券（元）', note: '只在申请人行填写' },
  { key: 'homes', header: '住房套数', note: '只在申请人行填写' },
  { key: 'medical', header: '年医疗自付费用（元）', note: '只在申请人行填写' },
  { key: 'tuition', header: '年学费（元）', note: '填在该学生本人所在行（须填写全日制在校学段）' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];

export const RELATIONS: Record<string, Relation> = {
  申请人: 'applicant',
  配偶: 'spouse',
  子女: 'child',
  父母: 'parent',
  祖父母: 'grandparent',
  孙子女: 'grandchild',
  兄弟姐妹: 'sibling',
  儿媳女婿: 'child_in_law',
  其他: 'other',
};

export const HEALTH: Record<string, HealthCategory> = {
  健康: 'healthy',
  一般疾病: 'minor_illness',
  慢性病: 'chronic_illness',
  轻度残疾: 'disability_mild',
  重病: 'serious_illness',
  重度残疾: 'disability_severe',
};

export const WORK: Record<string, WorkType> = { 务工: 'odd_jobs', 务农: 'farming', 无: 'none' };

export const DISABILITY_GRADES: Record<string, 1 | 2 | 3 | 4> = { 1: 1, 2: 2, 3: 3, 4: 4 };

export const DISABILITY_TYPES: Record<string, DisabilityType> = {
  智力: 'intellectual',
  精神: 'mental',
  肢体: 'physical',
  视力: 'visual',
  听力: 'hearing',
  言语: 'speech',
  多重: 'multiple',
};

export const SCHOOL: Record<string, EducationLevel> = {
  小学: 'primary',
  初中: 'junior_high',
  高中: 'senior_high',
  中职: 'secondary_vocational',
  大专: 'junior_college',
  本科: 'bachelor',
  研究生: 'postgraduate',
};

export const INCOME_COLUMNS: [ColumnKey, IncomeKind][] = [
  ['wage', 'wage'],
  ['business', 'business'],
  ['property', 'property'],
  ['transfer', 'transfer'],
];

export function headerOf(key: ColumnKey): string {
  return COLUMNS.find((c) => c.key === key)!.header;
}
