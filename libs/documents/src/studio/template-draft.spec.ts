import { resolve } from 'node:path';
import { buildTemplate, loadTemplates } from '../templates/load-templates';
import { lintDraft, manifestText } from './template-draft';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));

describe('lintDraft: citations only the region can supply (issue 17 L7)', () => {
  it.each(['low-income-recognition-notice', 'low-income-refusal-decision', 'low-income-review-opinion'])(
    '%s is flagged until the provincial 低收入人口认定办法 is set',
    (id) => {
      const shipped = registry.get(id)!;
      expect(lintDraft(shipped).map((i) => i.message)).toContainEqual(
        expect.stringContaining('法律依据尚未设置：【待设置：本省低收入人口认定办法'),
      );
      const manifest = {
        ...shipped.manifest,
        legalBasis:
          '《最低生活保障审核确认办法》第八条、《某省低收入人口认定办法》（某民规〔2024〕3号）第五条',
      };
      const set = buildTemplate(id, manifestText(manifest), shipped.body);
      expect(lintDraft(set).filter((i) => i.message.includes('尚未设置'))).toEqual([]);
    },
  );

  it.each(['acceptance-notice', 'supplement-notice', 'non-acceptance-notice', 'ineligibility-notice'])(
    "%s, shared with the 低收入 program, cites that program's instrument and is flagged until it is set",
    (id) => {
      const shipped = registry.get(id)!;
      const sample = structuredClone(shipped.manifest.sample) as { case: { programName: string } };
      expect(shipped.renderMarkup(sample)).not.toContain('【待设置');
      sample.case.programName = '低收入人口认定';
      const lowIncome = shipped.renderMarkup(sample);
      expect(lowIncome).toContain('【待设置：本省低收入人口认定办法');
      expect(lowIncome).not.toContain(shipped.manifest.legalBasis);
      expect(lintDraft(shipped).map((i) => i.message)).toContainEqual(
        expect.stringContaining('法律依据尚未设置'),
      );
    },
  );

  it('flags no template whose citations are complete', () => {
    for (const id of ['non-confirmation-decision', 'confirmation-notice', 'linshi-authorization'])
      expect(lintDraft(registry.get(id)!).filter((i) => i.message.includes('尚未设置'))).toEqual([]);
  });
});
