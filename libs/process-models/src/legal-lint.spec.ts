import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTemplates } from '@app/documents';
import { lintLegalCompleteness } from './legal-lint';
import { BpmnElement, validateModel } from './validate-model';

const DIBAO = fs.readFileSync(path.resolve(__dirname, '../../../processes/dibao-application.bpmn'), 'utf8');
// The real template metadata, as the host passes it at deploy (TemplateStore → ServiceRegistry).
const TEMPLATES = [...loadTemplates(path.resolve(__dirname, '../../../templates')).values()].map(
  (t) => t.manifest,
);
const REMEDY = TEMPLATES.filter((m) => m.remedy).map((m) => m.id);
const SERVED = TEMPLATES.filter((m) => m.delivery === 'served').map((m) => m.id);
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/models');

async function lint(xml: string, remedyTemplates?: string[], servedTemplates?: string[]) {
  const { definitions } = await validateModel(xml);
  return lintLegalCompleteness(definitions as BpmnElement, { remedyTemplates, servedTemplates });
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

  describe('service (送达) of served documents', () => {
    it('passes the shipped 低保 model and the good fixture', async () => {
      expect((await lint(DIBAO, REMEDY, SERVED)).errors).toEqual([]);
      const good = fs.readFileSync(path.join(FIXTURES, 'good.bpmn'), 'utf8');
      const report = await lint(good, REMEDY, SERVED);
      expect(report.errors).toEqual([]);
      expect(report.warnings.filter((w) => w.message.includes('送达记录'))).toEqual([]);
    });

    it('names the issue of a served notice that a path leaves unserved', async () => {
      const xml = fs.readFileSync(path.join(FIXTURES, 'notice-not-served.bpmn'), 'utf8');
      const { errors } = await lint(xml, REMEDY, SERVED);
      expect(errors.map((e) => e.elementId)).toEqual(['Task_IssueRefusal']);
      expect(errors[0].message).toContain('送达');
      expect(errors[0].message).toContain('结束事件“不予受理”');
      // Not checked without knowing which templates are served.
      expect((await lint(xml, REMEDY)).errors).toEqual([]);
    });

    it('accepts a recordsService template in place of service-receipt', async () => {
      const xml = DIBAO.replace(/sa:template="service-receipt"/g, 'sa:template="delivery-record"');
      const { definitions } = await validateModel(xml);
      const strict = lintLegalCompleteness(definitions as BpmnElement, { servedTemplates: SERVED });
      expect(strict.errors.map((e) => e.elementId)).toEqual(
        expect.arrayContaining([
          'Task_IssueAcceptanceNotice',
          'Task_IssueConfirmationNotice',
          'Task_IssueIneligibilityNotice',
          'Task_IssueNonAcceptance',
          'Task_IssueNonConfirmation',
          'Task_IssueSupplementNotice',
        ]),
      );
      const renamed = lintLegalCompleteness(definitions as BpmnElement, {
        servedTemplates: SERVED,
        serviceRecordTemplates: ['delivery-record'],
      });
      expect(renamed.errors).toEqual([]);
    });

    it('warns when another served document comes before the first one is served', async () => {
      // The 受理通知书 has no serve step of its own; later receipts record later documents.
      const { errors, warnings } = await lint(DIBAO, REMEDY, SERVED);
      expect(errors).toEqual([]);
      expect(warnings.find((w) => w.elementId === 'Task_IssueAcceptanceNotice')?.message).toContain(
        '送达回证',
      );
    });
  });
});
