import { resolve } from 'node:path';
import { loadTemplates } from './load-templates';
import { validateTemplateData } from './validate-data';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
/** The parts of a template's sample data that these tests change. */
interface SampleData extends Record<string, unknown> {
  form: Record<string, unknown>;
  household?: { members: Record<string, unknown>[] };
}
const sampleOf = (id: string) => structuredClone(registry.get(id)!.manifest.sample) as SampleData;
const schemaOf = (id: string) => registry.get(id)!.manifest.schema;

describe('validateTemplateData', () => {
  it('accepts every template sample', () => {
    for (const t of registry.values())
      expect(validateTemplateData(t.manifest.schema, t.manifest.sample)).toEqual([]);
  });

  it('names missing decision elements in Chinese', () => {
    const data = sampleOf('non-confirmation-decision');
    delete data.form.reasons;
    delete data.form.facts;
    const errors = validateTemplateData(schemaOf('non-confirmation-decision'), data);
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'form.reasons', message: '「理由」为必填项' },
        { field: 'form.facts', message: '「查明的事实」为必填项' },
      ]),
    );
  });

  it('requires amount, covered persons and start month for a confirmation', () => {
    const data = sampleOf('confirmation-notice');
    data.form = {};
    const fields = validateTemplateData(schemaOf('confirmation-notice'), data).map((e) => e.field);
    expect(fields.sort()).toEqual(['form.amount', 'form.coveredPersons', 'form.startMonth']);
  });

  it('reports wrong types and formats with the field title', () => {
    const data = sampleOf('confirmation-notice');
    data.form.amount = '1440.00';
    data.form.startMonth = '2026/12';
    const errors = validateTemplateData(schemaOf('confirmation-notice'), data);
    expect(errors).toContainEqual({ field: 'form.amount', message: '「月保障金额（分）」应为整数' });
    expect(errors).toContainEqual({ field: 'form.startMonth', message: '「起始发放月份」格式不正确' });
  });

  it('needs at least two investigators for a home visit', () => {
    const data = sampleOf('home-visit-record');
    data.form.investigators = ['王明'];
    expect(validateTemplateData(schemaOf('home-visit-record'), data)).toEqual([
      { field: 'form.investigators', message: '「调查人员」至少应有2项' },
    ]);
  });

  it('points into list items', () => {
    const data = sampleOf('verification-authorization');
    delete data.household!.members[1].name;
    expect(validateTemplateData(schemaOf('verification-authorization'), data)).toEqual([
      { field: 'household.members.1.name', message: '「姓名」为必填项' },
    ]);
  });

  it('applies the conditional rules of the first-instance opinion', () => {
    const data = sampleOf('first-instance-opinion');
    data.form.opinion = 'ineligible';
    const fields = validateTemplateData(schemaOf('first-instance-opinion'), data).map((e) => e.field);
    expect(fields).toContain('form.reasons');
    data.form.opinion = 'maybe';
    const errors = validateTemplateData(schemaOf('first-instance-opinion'), data);
    expect(errors).toContainEqual({
      field: 'form.opinion',
      message: '「初审意见」应为以下之一：eligible、ineligible',
    });
  });

  it('accepts extra form fields the case collected for other documents', () => {
    const data = sampleOf('confirmation-notice');
    data.form.objection = '无异议';
    data.form.unrelated = 1;
    expect(validateTemplateData(schemaOf('confirmation-notice'), data)).toEqual([]);
  });
});
