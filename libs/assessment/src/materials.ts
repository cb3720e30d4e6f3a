/**
 * The materials an applicant brings or uploads (申请材料清单), per program: a policy parameter,
 * versioned with the rest of the region's set and effective from its date. The law fixes a
 * minimum (审核确认办法第九条, 特困人员认定办法第十条); a province may add, never drop, items.
 * Pure.
 */
export type MaterialProgram = 'dibao' | 'dibian' | 'tekun' | 'linshi';

export const MATERIAL_PROGRAMS: readonly MaterialProgram[] = ['dibao', 'dibian', 'tekun', 'linshi'];

export interface MaterialItem {
  /** Stable key (lower-case letters, digits, '-' or '_'); the statutory ones are fixed. */
  id: string;
  /** What the applicant is asked for, in their words; the 补正 request names items by it. */
  name: string;
  /** How to provide it (copies, who signs). */
  note?: string;
  /** When only some households need it, e.g. 家庭成员持有残疾人证的. */
  when?: string;
  /** The rule that asks for it. */
  basis: string;
}

export type MaterialsChecklist = Partial<Record<MaterialProgram, MaterialItem[]>>;

/** Items every program's list must keep (the national minimum). */
export const STATUTORY_MATERIAL_IDS = ['application', 'identity', 'declaration', 'authorization'] as const;

const DIBAO_RULES = '《最低生活保障审核确认办法》（民发〔2021〕57号）第九条';
const TEKUN_RULES = '《特困人员认定办法》（民发〔2021〕43号）第十条';
const LINSHI_RULES =
  '《社会救助暂行办法》第四十八条、《关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）';

const identity = (basis: string): MaterialItem => ({
  id: 'identity',
  name: '居民身份证或户口簿',
  note: '申请人及共同生活家庭成员的；可通过政务服务平台核验的，窗口核验原件，不需另交复印件',
  basis,
});

const authorization = (basis: string, note: string): MaterialItem => ({
  id: 'authorization',
  name: '家庭经济状况核对授权书',
  note,
  basis: `《社会救助暂行办法》第五十八条、${basis}`,
});

const disability = (basis: string): MaterialItem => ({
  id: 'disability-card',
  name: '残疾人证',
  when: '家庭成员持有残疾人证的',
  note: '可通过政务服务平台核验的，不需另交',
  basis,
});

/** The national minimum as local defaults: what a region's set uses until it publishes its own. */
export const DEFAULT_MATERIALS: Record<MaterialProgram, MaterialItem[]> = {
  dibao: [
    { id: 'application', name: '最低生活保障申请书', note: '可在线填写，或到窗口填写', basis: DIBAO_RULES },
    identity(DIBAO_RULES),
    {
      id: 'declaration',
      name: '家庭人口、收入、财产状况书面声明及诚信承诺书',
      note: '成年家庭成员签字',
      basis: DIBAO_RULES,
    },
    authorization(DIBAO_RULES, '每位成年家庭成员本人签署（可在“我的申请”中依次签署，或到窗口签署）'),
    disability(DIBAO_RULES),
  ],
  dibian: [
    { id: 'application', name: '低收入人口认定申请书', note: '可在线填写，或到窗口填写', basis: DIBAO_RULES },
    identity(DIBAO_RULES),
    {
      id: 'declaration',
      name: '家庭人口、收入、财产状况书面声明及诚信承诺书',
      note: '成年家庭成员签字',
      basis: DIBAO_RULES,
    },
    authorization(DIBAO_RULES, '每位成年家庭成员本人签署'),
  ],
  tekun: [
    { id: 'application', name: '特困人员救助供养申请书', basis: TEKUN_RULES },
    identity(TEKUN_RULES),
    {
      id: 'declaration',
      name: '劳动能力、生活来源、财产状况以及赡养、抚养、扶养情况的书面声明及承诺书',
      basis: TEKUN_RULES,
    },
    authorization(TEKUN_RULES, '申请人及其法定赡养、抚养、扶养义务人签署'),
    disability(TEKUN_RULES),
  ],
  linshi: [
    { id: 'application', name: '临时救助申请书', basis: LINSHI_RULES },
    identity(LINSHI_RULES),
    {
      id: 'declaration',
      name: '家庭经济状况书面声明及诚信承诺书',
      basis: LINSHI_RULES,
    },
    authorization(LINSHI_RULES, '每位成年家庭成员本人签署；急难型先行救助的，可在救助后补签'),
    {
      id: 'expense-proof',
      name: '医疗、教育等必需支出的票据或证明',
      when: '因支出型困难申请的',
      basis: LINSHI_RULES,
    },
  ],
};

/** The checklist of a program under a parameter set (its own, else the national minimum). */
export function materialsFor(checklist: MaterialsChecklist | undefined, program: string): MaterialItem[] {
  const own = checklist?.[program as MaterialProgram];
  return own ?? DEFAULT_MATERIALS[program as MaterialProgram] ?? [];
}

const ID = /^[a-z][a-z0-9_-]{0,39}$/;
const NAMES: Record<(typeof STATUTORY_MATERIAL_IDS)[number], string> = {
  application: '申请书',
  identity: '身份证明',
  declaration: '书面声明及承诺书',
  authorization: '家庭经济状况核对授权书',
};

/** Problems with a region's checklist, for the administrator (field paths under `materials`). */
export function materialsProblems(checklist: unknown): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (checklist === null || typeof checklist !== 'object' || Array.isArray(checklist)) {
    return [{ field: 'materials', message: '申请材料清单应按救助项目分别列出' }];
  }
  for (const [program, items] of Object.entries(checklist as Record<string, unknown>)) {
    const at = `materials.${program}`;
    if (!(MATERIAL_PROGRAMS as readonly string[]).includes(program)) {
      problems.push({
        field: at,
        message: `救助项目“${program}”不存在（可用：${MATERIAL_PROGRAMS.join('、')}）`,
      });
      continue;
    }
    if (!Array.isArray(items) || items.length === 0 || items.length > 30) {
      problems.push({ field: at, message: '申请材料清单应列出1至30项材料' });
      continue;
    }
    const seen = new Set<string>();
    items.forEach((raw: unknown, i) => {
      const item = (raw ?? {}) as Partial<MaterialItem>;
      const field = `${at}[${i}]`;
      if (typeof item.id !== 'string' || !ID.test(item.id))
        problems.push({ field: `${field}.id`, message: '材料标识应为小写字母开头的字母、数字、“-”或“_”' });
      else if (seen.has(item.id))
        problems.push({ field: `${field}.id`, message: `材料标识“${item.id}”重复` });
      else seen.add(item.id);
      if (typeof item.name !== 'string' || !item.name.trim() || item.name.length > 50)
        problems.push({ field: `${field}.name`, message: '材料名称不能为空，且不超过50个字' });
      if (typeof item.basis !== 'string' || !item.basis.trim())
        problems.push({ field: `${field}.basis`, message: '应写明要求该材料的依据' });
      for (const key of ['note', 'when'] as const)
        if (item[key] !== undefined && (typeof item[key] !== 'string' || item[key].length > 200))
          problems.push({ field: `${field}.${key}`, message: '说明应为不超过200个字的文字' });
    });
    // The national minimum cannot be dropped by a region (it may add items, not remove these).
    for (const id of STATUTORY_MATERIAL_IDS)
      if (!seen.has(id))
        problems.push({ field: at, message: `申请材料清单缺少法定材料“${NAMES[id]}”（标识 ${id}）` });
  }
  return problems;
}
