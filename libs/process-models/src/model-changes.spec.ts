import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBpmn } from './moddle';
import { modelChanges } from './model-changes';

const DIBAO = fs.readFileSync(path.join(__dirname, '../../../processes/dibao-application.bpmn'), 'utf8');

async function changes(after: string) {
  const a = (await parseBpmn(DIBAO)).rootElement;
  const b = (await parseBpmn(after)).rootElement;
  return modelChanges(a as never, b as never, {
    roles: { investigator: '调查员', county_approver: '县级审批员' },
  }).map((c) => c.text);
}

describe('modelChanges: what a deploy changes, in a legal officer’s terms', () => {
  it('an unchanged model, or one whose shapes only moved, changes nothing', async () => {
    expect(await changes(DIBAO)).toEqual([]);
    const moved = DIBAO.replace(
      /(<bpmndi:BPMNShape id="Task_HomeVisit_di"[^>]*>\s*<dc:Bounds x=")(\d+)/,
      '$1999',
    );
    expect(moved).not.toBe(DIBAO);
    expect(await changes(moved)).toEqual([]);
  });

  it('names a changed document, legal basis and outcome', async () => {
    const after = DIBAO.replace(
      'sa:service="document.issue" sa:template="non-confirmation-decision"',
      'sa:service="document.issue" sa:template="ineligibility-notice"',
    )
      .replace('sa:legalBasis="《最低生活保障审核确认办法》第十六条"', 'sa:legalBasis="有关规定"')
      .replace(/(<bpmn:endEvent id="EndEvent_Refused"[^>]*sa:outcome=")[^"]*"/, '$1granted"');
    const texts = await changes(after);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/的出具的文书：non-confirmation-decision → ineligibility-notice$/),
        '“入户调查”的法律依据：《最低生活保障审核确认办法》第十六条 → 有关规定',
        expect.stringMatching(/的案件结果：.+ → granted$/),
      ]),
    );
    expect(texts).toHaveLength(3);
  });

  it('a step added and one removed', async () => {
    const after = DIBAO.replace('id="Task_HomeVisit"', 'id="Task_HomeVisit2"');
    expect(await changes(after)).toEqual(['新增办理步骤“入户调查”', '删除办理步骤“入户调查”']);
  });
});
