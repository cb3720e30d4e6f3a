import type { DecisionBasisRule, TemplateManifest } from './template-types';

export type { DecisionBasisRule } from './template-types';

/** The programs a decision template may belong to. */
export const DECISION_PROGRAMS: readonly DecisionBasisRule['program'][] = [
  'dibao',
  'tekun',
  'dibian',
  'linshi',
];

const DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九, 一百 … : a Chinese article number as an integer. */
function cnNumber(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = DIGITS[ch] ?? 0;
  }
  return total + digit;
}

const NUM = '[零一二三四五六七八九十百]+';
const CITATION = new RegExp(`(《[^》]+》)|第(${NUM})条(?:\\s*(?:至|—|－|-|~)\\s*第(${NUM})条)?`, 'g');

/**
 * Every article a basis cites, as “《办法》#n”: an article belongs to the instrument named last
 * before it; “第十二条至第十四条” cites each article of the range; items (第（三）项) cite their article.
 */
export function citedArticles(basis: string): Set<string> {
  const out = new Set<string>();
  let instrument: string | null = null;
  for (const m of basis.matchAll(CITATION)) {
    if (m[1]) {
      instrument = m[1];
      continue;
    }
    if (!instrument) continue;
    const from = cnNumber(m[2]);
    const to = m[3] ? cnNumber(m[3]) : from;
    for (let n = from; n <= to && n - from < 200; n++) out.add(`${instrument}#${n}`);
  }
  return out;
}

/**
 * Why an entered basis cannot stand for the template's decision, in Chinese, or null when it cites
 * a substantive article (or the template declares no `decisionBasis`, or nothing was entered, in
 * which case the template prints its own default basis). The rule is the manifest's: the version
 * of the template in force, as legal officers released it.
 */
export function decisionBasisProblem(
  manifest: Pick<TemplateManifest, 'decisionBasis'> | undefined,
  entered: unknown,
): string | null {
  const rule = manifest?.decisionBasis;
  if (!rule || typeof entered !== 'string' || !entered.trim()) return null;
  const cited = citedArticles(entered);
  const required = rule.substantive.flatMap((s) => [...citedArticles(s)]);
  if (required.some((a) => cited.has(a))) return null;
  return `法律依据未引用本决定适用的实体条款：应至少引用${rule.substantive.join('、')}之一（“${entered.trim()}”只写明了办理程序或其他条款）`;
}

/**
 * The substantive articles a template's default basis (manifest `legalBasis`) leaves out, as the
 * rule lists them. An entry passes when it cites one of them (a clerk may cite the ground that
 * applies), but the default a decision prints when nothing is entered is the template's full basis:
 * it cites every one. (The 确认通知书 printed 第二十一条、第二十三条 without the income and property
 * articles 第十二条至第十四条 its rule lists, and passed because one article was enough.)
 */
export function defaultBasisMissing(
  manifest: Pick<TemplateManifest, 'decisionBasis' | 'legalBasis'>,
): string[] {
  const rule = manifest.decisionBasis;
  if (!rule || typeof manifest.legalBasis !== 'string') return [];
  const cited = citedArticles(manifest.legalBasis);
  return rule.substantive.filter((s) => [...citedArticles(s)].some((a) => !cited.has(a)));
}

/**
 * Why a manifest's `decisionBasis` is not usable, in Chinese, or null (also null when absent). Whether
 * the default basis cites one of its articles is the studio lint's (a legal-completeness issue).
 */
export function decisionBasisRuleProblem(m: Pick<TemplateManifest, 'decisionBasis'>): string | null {
  const rule = m.decisionBasis as unknown;
  if (rule === undefined) return null;
  if (typeof rule !== 'object' || rule === null) return 'decisionBasis 应为对象';
  const r = rule as Record<string, unknown>;
  if (!DECISION_PROGRAMS.includes(r.program as DecisionBasisRule['program']))
    return `decisionBasis.program 应为 ${DECISION_PROGRAMS.join('/')}`;
  const choice = r.choice as Record<string, unknown> | null | undefined;
  if (
    choice !== null &&
    (typeof choice !== 'object' ||
      typeof choice.field !== 'string' ||
      !choice.field ||
      typeof choice.value !== 'string' ||
      !choice.value)
  )
    return 'decisionBasis.choice 应为 {"field": 表单字段, "value": 选项} 或 null';
  if (!Array.isArray(r.substantive) || !r.substantive.length)
    return 'decisionBasis.substantive 应列出至少一条实体条款';
  for (const s of r.substantive) {
    if (typeof s !== 'string' || citedArticles(s).size !== 1)
      return `decisionBasis.substantive 每项应为《法规名称》第某条，一项一条：「${String(s)}」`;
  }
  return null;
}

/** A decision template in force and its rule, as the deciding step's form needs them. */
export interface DecisionTemplate {
  id: string;
  manifest: Pick<TemplateManifest, 'decisionBasis' | 'legalBasis' | 'title'>;
}

/**
 * The decision template a deciding form's answers lead to, for the case's program: the one whose
 * `choice` the answers match, or null when the answer is not given yet.
 */
export function decisionTemplateFor(
  templates: readonly DecisionTemplate[],
  program: string,
  answers: Record<string, unknown>,
): string | null {
  for (const { id, manifest } of templates) {
    const rule = manifest.decisionBasis;
    if (rule?.program === program && rule.choice && answers[rule.choice.field] === rule.choice.value)
      return id;
  }
  return null;
}
