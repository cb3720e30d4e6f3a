import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  citedArticles,
  decisionBasisProblem,
  decisionTemplateFor,
  defaultBasisMissing,
} from './decision-basis';
import { lintDraft } from '../studio/template-draft';
import { TemplateLoadError, buildTemplate, loadTemplates } from './load-templates';
import type { DecisionBasisRule } from './template-types';

const ROOT = resolve(__dirname, '../../../..');
const registry = loadTemplates(join(ROOT, 'templates'));
/** The rule table as legal officers keep it: each decision template's manifest `decisionBasis`. */
const DECISION_BASIS: Record<string, DecisionBasisRule> = Object.fromEntries(
  [...registry.values()].flatMap((t) =>
    t.manifest.decisionBasis ? [[t.manifest.id, t.manifest.decisionBasis]] : [],
  ),
);
const manifestOf = (id: string) => registry.get(id)?.manifest;
const decisions = [...registry.values()].map((t) => ({ id: t.manifest.id, manifest: t.manifest }));

/** Every `sa:legalBasis` written on a deciding user task (one with a 法律依据 field) in the models. */
function decidingStepBases(): { process: string; task: string; basis: string }[] {
  const out: { process: string; task: string; basis: string }[] = [];
  for (const file of readdirSync(join(ROOT, 'processes')).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(join(ROOT, 'processes', file), 'utf8');
    for (const m of xml.matchAll(/<bpmn:userTask id="([^"]+)"([^>]*)>([\s\S]*?)<\/bpmn:userTask>/g)) {
      const basis = /sa:legalBasis="([^"]+)"/.exec(m[2])?.[1];
      if (basis && m[3].includes('formField id="legalBasis"')) out.push({ process: file, task: m[1], basis });
    }
  }
  return out;
}

describe('citedArticles', () => {
  it.each([
    ['《社会救助暂行办法》第十一条第（三）项', ['《社会救助暂行办法》#11']],
    [
      '《最低生活保障审核确认办法》第十二条至第十四条、第二十一条',
      [
        '《最低生活保障审核确认办法》#12',
        '《最低生活保障审核确认办法》#13',
        '《最低生活保障审核确认办法》#14',
        '《最低生活保障审核确认办法》#21',
      ],
    ],
    [
      '《社会救助暂行办法》第四十七条、《特困人员认定办法》第四条',
      ['《社会救助暂行办法》#47', '《特困人员认定办法》#4'],
    ],
    ['第九条', []],
  ])('%s', (basis, articles) => {
    expect([...citedArticles(basis)]).toEqual(articles);
  });
});

describe('a decision’s legal basis cites a substantive article of its program', () => {
  it('refuses the 县级审核确认 step’s procedural basis on a 不予确认决定书, naming 法律依据', () => {
    const problem = decisionBasisProblem(
      manifestOf('non-confirmation-decision'),
      '《最低生活保障审核确认办法》第二十条、第二十一条',
    );
    expect(problem).toContain('法律依据');
    expect(problem).toContain('《社会救助暂行办法》第九条');
  });

  it.each(Object.keys(DECISION_BASIS))('%s: its template’s own default basis passes', (id) => {
    const template = registry.get(id);
    expect(template).toBeDefined();
    expect(decisionBasisProblem(template!.manifest, template!.manifest.legalBasis)).toBeNull();
  });

  it.each(Object.keys(DECISION_BASIS))('%s: every substantive article is read as one article', (id) => {
    for (const s of DECISION_BASIS[id].substantive) expect(citedArticles(s).size).toBe(1);
  });

  it('covers every program’s decisions, each rule in its template’s manifest', () => {
    const kinds = Object.entries(DECISION_BASIS).map(([id, r]) => `${r.program}:${id}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'dibao:confirmation-notice',
        'dibao:non-confirmation-decision',
        'dibao:benefit-increase-decision',
        'dibao:benefit-decrease-decision',
        'dibao:benefit-stop-decision',
        'tekun:tekun-confirmation-notice',
        'tekun:tekun-non-confirmation-decision',
        'dibian:low-income-recognition-notice',
        'dibian:low-income-refusal-decision',
        'linshi:linshi-grant-decision',
        'linshi:linshi-refusal-decision',
      ]),
    );
  });

  // The 增减停 and 低收入 steps cite their substantive article on the step itself (审核确认办法第三十二条,
  // 第八条); the application steps cite only how the county decides.
  it('an application’s deciding step cites only procedure: its sa:legalBasis does not pass as the decision’s', () => {
    const passing: string[] = [];
    const procedural = [
      'dibao-application.bpmn',
      'tekun-application.bpmn',
      'tekun-termination.bpmn',
      'temporary-assistance.bpmn',
    ];
    const steps = decidingStepBases().filter((s) => procedural.includes(s.process));
    expect(steps.length).toBeGreaterThanOrEqual(procedural.length);
    for (const step of steps) {
      for (const id of Object.keys(DECISION_BASIS)) {
        const xml = readFileSync(join(ROOT, 'processes', step.process), 'utf8');
        if (!xml.includes(`sa:template="${id}"`)) continue;
        if (!decisionBasisProblem(manifestOf(id), step.basis))
          passing.push(`${step.task} → ${id}: ${step.basis}`);
      }
    }
    expect(passing).toEqual([]);
  });

  it('nothing entered is not refused: the template then prints its own default', () => {
    expect(decisionBasisProblem(manifestOf('non-confirmation-decision'), '')).toBeNull();
    expect(decisionBasisProblem(manifestOf('non-confirmation-decision'), undefined)).toBeNull();
  });

  it('a document that is not a covered decision is not checked', () => {
    expect(
      decisionBasisProblem(manifestOf('acceptance-notice'), '《最低生活保障审核确认办法》第十条'),
    ).toBeNull();
  });

  it.each([
    ['dibao', { decision: 'refuse' }, 'non-confirmation-decision'],
    ['dibao', { decision: 'confirm' }, 'confirmation-notice'],
    ['dibao', { reviewDecision: 'stop' }, 'benefit-stop-decision'],
    ['tekun', { decision: 'refuse' }, 'tekun-non-confirmation-decision'],
    ['dibian', { decision: 'recognize' }, 'low-income-recognition-notice'],
    ['linshi', { approvalDecision: 'refuse' }, 'linshi-refusal-decision'],
    ['dibao', {}, null],
  ])('%s %j leads to %s', (program, answers, id) => {
    expect(decisionTemplateFor(decisions, program, answers)).toBe(id);
  });
});

describe('the rule is data in the decision template’s manifest (issue 17)', () => {
  const template = registry.get('non-confirmation-decision')!;
  const edited = (change: (m: Record<string, unknown>) => void) => {
    const m = JSON.parse(template.manifestText) as Record<string, unknown>;
    change(m);
    return buildTemplate('non-confirmation-decision', JSON.stringify(m), template.body);
  };

  it('an edited release changes what the check asks for', () => {
    const basis = '《社会救助暂行办法》第十条';
    expect(decisionBasisProblem(template.manifest, basis)).not.toBeNull();
    const released = edited((m) => {
      (m.decisionBasis as { substantive: string[] }).substantive.push('《社会救助暂行办法》第十条');
      m.version = Number(m.version) + 1;
    });
    expect(decisionBasisProblem(released.manifest, basis)).toBeNull();
  });

  it.each([
    [
      'an article that is not one article',
      (m: Record<string, unknown>) =>
        ((m.decisionBasis as { substantive: string[] }).substantive = ['第九条']),
      '一项一条',
    ],
    [
      'no article at all',
      (m: Record<string, unknown>) => ((m.decisionBasis as { substantive: string[] }).substantive = []),
      '至少一条',
    ],
    [
      'an unknown program',
      (m: Record<string, unknown>) => ((m.decisionBasis as { program: string }).program = 'other'),
      'program',
    ],
    [
      'a choice without its value',
      (m: Record<string, unknown>) =>
        ((m.decisionBasis as { choice: unknown }).choice = { field: 'decision' }),
      'choice',
    ],
  ])('the manifest check refuses %s', (_, change, says) => {
    expect(() => edited(change)).toThrow(TemplateLoadError);
    expect(() => edited(change)).toThrow(says);
  });

  it('L6: every decision template’s default basis cites every substantive article of its rule', () => {
    const missing = Object.fromEntries(
      [...registry.values()]
        .filter((t) => t.manifest.decisionBasis)
        .map((t) => [t.manifest.id, defaultBasisMissing(t.manifest)])
        .filter(([, m]) => m.length),
    );
    expect(missing).toEqual({});
    // The 确认通知书 and the 减发决定书 cite the income and property articles (审核确认办法第十二条至第十四条).
    for (const id of ['confirmation-notice', 'benefit-decrease-decision', 'benefit-increase-decision']) {
      expect([...citedArticles(manifestOf(id)!.legalBasis)]).toEqual(
        expect.arrayContaining([
          '《最低生活保障审核确认办法》#12',
          '《最低生活保障审核确认办法》#13',
          '《最低生活保障审核确认办法》#14',
        ]),
      );
    }
  });

  it('the studio lint names the substantive articles a default basis leaves out', () => {
    const partial = edited(
      (m) =>
        (m.legalBasis =
          '《社会救助暂行办法》第九条、第十一条、第十二条，《最低生活保障审核确认办法》第二十一条、第二十三条'),
    );
    expect(lintDraft(partial).map((i) => i.message)).toEqual([
      expect.stringContaining(
        '未引用本决定适用的实体条款《最低生活保障审核确认办法》第十二条、《最低生活保障审核确认办法》第十三条',
      ),
    ]);
  });

  it('the studio lint refuses a default basis that cites none of the articles', () => {
    const procedural = edited((m) => (m.legalBasis = '《最低生活保障审核确认办法》第二十条'));
    expect(lintDraft(procedural).map((i) => i.message)).toEqual([
      expect.stringContaining('默认法律依据（manifest.legalBasis）法律依据未引用本决定适用的实体条款'),
    ]);
    expect(lintDraft(template).filter((i) => i.message.includes('实体条款'))).toEqual([]);
  });
});
