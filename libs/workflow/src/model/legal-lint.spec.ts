import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintLegalCompleteness } from './legal-lint';
import { BpmnElement, validateModel } from './validate-model';

const DIBAO = fs.readFileSync(
  path.resolve(__dirname, '../../../../processes/dibao-application.bpmn'),
  'utf8',
);
const REMEDY = [
  'non-acceptance-notice',
  'ineligibility-notice',
  'non-confirmation-decision',
  'confirmation-notice',
];

async function lint(xml: string, remedyTemplates?: string[]) {
  const { definitions } = await validateModel(xml);
  return lintLegalCompleteness(definitions as BpmnElement, { remedyTemplates });
}

describe('lintLegalCompleteness', () => {
  it('passes the shipped 低保 model', async () => {
    expect((await lint(DIBAO, REMEDY)).errors).toEqual([]);
  });

  it('names an adverse end reachable without a decision that states the remedies', async () => {
    const xml = DIBAO.replace(
      'sa:service="document.issue" sa:template="non-acceptance-notice"',
      'sa:service="document.issue" sa:template="service-receipt"',
    );
    const { errors } = await lint(xml, REMEDY);
    expect(errors.map((e) => e.elementId)).toEqual(['EndEvent_NotAccepted']);
    expect(errors[0].message).toContain('行政复议');
    // Without knowing the templates any written document satisfies the rule.
    expect((await lint(xml)).errors).toEqual([]);
  });

  it('warns about a user task without a legal basis', async () => {
    const xml = DIBAO.replace(
      ' sa:due="10WD" sa:legalBasis="《最低生活保障审核确认办法》第十六条"',
      ' sa:due="10WD"',
    );
    const { warnings } = await lint(xml, REMEDY);
    expect(warnings.map((w) => w.elementId)).toContain('Task_HomeVisit');
  });
});
