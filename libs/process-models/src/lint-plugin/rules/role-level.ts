/**
 * Each step's role belongs to the level of government that holds the power: 受理 and 初审 at the
 * township, 审核确认 at the county (审核确认办法第二条; 特困人员认定办法第三条), and a decision the
 * county lawfully entrusted to the township (sa:step="entrusted-confirmation") at the township.
 */
import { splitCandidateGroups } from '../../element-info';
import { flowGraph } from '../graph';
import { programRulesOf, stepKind } from '../model';
import { processRule } from '../rule';
import { ROLE_LEVELS, STEP_LABELS, STEP_LEVELS } from '../vocabulary';

const LEVEL_NAMES = { township: '乡镇（街道）', county: '县级民政部门' } as const;

export default processRule(({ definitions, process, report }) => {
  const rules = programRulesOf(definitions, process);
  if (!rules) return;
  for (const node of flowGraph(process).nodes) {
    const kind = stepKind(node);
    const level = kind && STEP_LEVELS[kind];
    if (!level || node.$type !== 'bpmn:UserTask') continue;
    for (const group of splitCandidateGroups(node.candidateGroups)) {
      const actual = ROLE_LEVELS[group];
      if (!actual || actual === level) continue;
      const roles = Object.entries(ROLE_LEVELS)
        .filter(([, l]) => l === level)
        .map(([r]) => `“${r}”`)
        .join('或');
      report(
        node,
        `${STEP_LABELS[kind]}由${LEVEL_NAMES[level]}行使，不能交给${LEVEL_NAMES[actual]}的角色“${group}”；请改为${roles}（${rules.levelBasis}）`,
      );
    }
  }
});
