/**
 * The substantive rules each assistance decision applies, as data: a decision's 法律依据 must cite at
 * least one of them. A step's own `sa:legalBasis` names the procedure it follows (e.g.
 * 《最低生活保障审核确认办法》第二十条、第二十一条 for 县级审核确认); a decision that cites only that
 * says how it was made, not under which rule the family does or does not qualify, and a 复议机关 reads
 * it as 适用依据错误.
 *
 * `choice` is the deciding form's answer that leads to this document: the decision's legal basis is
 * prefilled from the template's default basis for that answer.
 */
export interface DecisionBasisRule {
  program: 'dibao' | 'tekun' | 'dibian' | 'linshi';
  choice: { field: string; value: string } | null;
  substantive: string[];
}

const SJ = '《社会救助暂行办法》';
const SH = '《最低生活保障审核确认办法》';
const TK = '《特困人员认定办法》';
const cite = (instrument: string, ...articles: string[]) => articles.map((a) => `${instrument}第${a}条`);

export const DECISION_BASIS: Readonly<Record<string, DecisionBasisRule>> = {
  'confirmation-notice': {
    program: 'dibao',
    choice: { field: 'decision', value: 'confirm' },
    substantive: [...cite(SJ, '九', '十一', '十二'), ...cite(SH, '十二', '十三', '十四', '二十三')],
  },
  'non-confirmation-decision': {
    program: 'dibao',
    choice: { field: 'decision', value: 'refuse' },
    substantive: [...cite(SJ, '九', '十一'), ...cite(SH, '十二', '十三', '十四')],
  },
  'benefit-increase-decision': {
    program: 'dibao',
    choice: { field: 'reviewDecision', value: 'increase' },
    substantive: [...cite(SJ, '十二', '十三'), ...cite(SH, '二十三', '三十二')],
  },
  'benefit-decrease-decision': {
    program: 'dibao',
    choice: { field: 'reviewDecision', value: 'decrease' },
    substantive: [...cite(SJ, '十二', '十三'), ...cite(SH, '二十三', '三十二')],
  },
  'benefit-stop-decision': {
    program: 'dibao',
    choice: { field: 'reviewDecision', value: 'stop' },
    substantive: [...cite(SJ, '九', '十三'), ...cite(SH, '十二', '十三', '十四', '三十二')],
  },
  'gradual-exit-notice': {
    program: 'dibao',
    choice: { field: 'reviewDecision', value: 'gradual-exit' },
    substantive: [...cite(SJ, '十三'), ...cite(SH, '三十三')],
  },
  'tekun-confirmation-notice': {
    program: 'tekun',
    choice: { field: 'decision', value: 'confirm' },
    substantive: [...cite(SJ, '十四'), ...cite(TK, '四', '五', '六')],
  },
  'tekun-non-confirmation-decision': {
    program: 'tekun',
    choice: { field: 'decision', value: 'refuse' },
    substantive: [...cite(SJ, '十四'), ...cite(TK, '四', '五', '六', '七', '八')],
  },
  'tekun-termination-decision': {
    program: 'tekun',
    choice: { field: 'decision', value: 'terminate' },
    substantive: [...cite(SJ, '十八'), ...cite(TK, '二十四')],
  },
  // The provincial 低收入人口认定办法 is the main rule: the template prints it beside what the
  // officer enters (`{{instrument "lowIncome"}}`, from the policy parameters), so the entered basis
  // must cite the national article that defines 低收入人口.
  'low-income-recognition-notice': {
    program: 'dibian',
    choice: { field: 'decision', value: 'recognize' },
    substantive: cite(SH, '八'),
  },
  'low-income-refusal-decision': {
    program: 'dibian',
    choice: { field: 'decision', value: 'refuse' },
    substantive: cite(SH, '八'),
  },
  'linshi-grant-decision': {
    program: 'linshi',
    choice: { field: 'approvalDecision', value: 'grant' },
    substantive: cite(SJ, '四十七'),
  },
  'linshi-refusal-decision': {
    program: 'linshi',
    choice: { field: 'approvalDecision', value: 'refuse' },
    substantive: cite(SJ, '四十七'),
  },
};

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
 * a substantive article (or the template is not a decision this table covers, or nothing was
 * entered, in which case the template prints its own default basis).
 */
export function decisionBasisProblem(templateId: string, entered: unknown): string | null {
  const rule = DECISION_BASIS[templateId];
  if (!rule || typeof entered !== 'string' || !entered.trim()) return null;
  const cited = citedArticles(entered);
  const required = rule.substantive.flatMap((s) => [...citedArticles(s)]);
  if (required.some((a) => cited.has(a))) return null;
  return `法律依据未引用本决定适用的实体条款：应至少引用${rule.substantive.join('、')}之一（“${entered.trim()}”只写明了办理程序或其他条款）`;
}

/**
 * The decision template a deciding form's answers lead to, for the case's program: the one whose
 * `choice` the answers match, or null when the answer is not given yet.
 */
export function decisionTemplateFor(program: string, answers: Record<string, unknown>): string | null {
  for (const [id, rule] of Object.entries(DECISION_BASIS))
    if (rule.program === program && rule.choice && answers[rule.choice.field] === rule.choice.value)
      return id;
  return null;
}
