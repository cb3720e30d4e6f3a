import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFormFields, type FormField } from './element-info';
import { parseBpmn } from './moddle';
import { processInfoProblems, readProcessInfo } from './process-info';
import { isValidDate, parseYuanToFen, validateFormData } from './form-validation';

function field(
  id: string,
  label: string,
  type: string,
  constraints: [string, string?][] = [],
  options: [string, string][] = [],
): FormField {
  return {
    id,
    label,
    type,
    options: options.map(([oid, name]) => ({ id: oid, name })),
    constraints: constraints.map(([name, config]) => (config === undefined ? { name } : { name, config })),
  };
}

describe('parseYuanToFen', () => {
  it.each<[unknown, number | undefined]>([
    ['0', 0],
    ['0.1', 10],
    ['0.01', 1],
    ['1200', 120000],
    ['1200.5', 120050],
    ['1200.50', 120050],
    [' 865.33 ', 86533],
    ['90071992547409.91', 9007199254740991],
    ['90071992547409.92', undefined],
    [1200, 120000],
    [0.1, undefined],
    [-1, undefined],
    ['-5', undefined],
    ['1.234', undefined],
    ['1,200', undefined],
    ['01', undefined],
    ['1.', undefined],
    ['.5', undefined],
    ['1e3', undefined],
    ['', undefined],
    [null, undefined],
  ])('%p → %p', (input, expected) => {
    expect(parseYuanToFen(input)).toBe(expected);
  });
});

describe('isValidDate', () => {
  it.each<[string, boolean]>([
    ['2025-02-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00:00Z', false],
  ])('%s → %p', (value, expected) => expect(isValidDate(value)).toBe(expected));
});

describe('validateFormData', () => {
  const fields: FormField[] = [
    field(
      'decision',
      '审核确认意见',
      'enum',
      [['required']],
      [
        ['confirm', '确认'],
        ['refuse', '不予确认'],
      ],
    ),
    field('amount', '发放金额', 'money', [
      ['min', '0'],
      ['max', '5000'],
    ]),
    field('coveredPersons', '保障人数', 'long', [['required'], ['min', '1'], ['max', '20']]),
    field('reasons', '理由', 'text', [
      ['minlength', '2'],
      ['maxlength', '20'],
    ]),
    field('recipient', '受送达人', 'string', [['maxlength', '4']]),
    field('objection', '是否有异议', 'boolean', [['required']]),
    field('visitDate', '入户日期', 'date', [['min', '2021-07-01']]),
    field('investigators', '调查人员', 'list', [['required'], ['minItems', '2']]),
    field('witnesses', '见证人', 'list', [['maxItems', '2']]),
  ];
  const valid = {
    decision: 'confirm',
    amount: '865.3',
    coveredPersons: '3',
    reasons: '家庭人均收入\r\n低于标准',
    recipient: ' 张三 ',
    objection: 'false',
    visitDate: '2025-03-04',
    investigators: [' 王五 ', '赵六'],
  };

  it('types valid input: money in fen, long as integer, boolean, date string, trimmed list', () => {
    const result = validateFormData(fields, valid);
    expect(result.errors).toEqual([]);
    expect(result.values).toEqual({
      decision: 'confirm',
      amount: 86530,
      coveredPersons: 3,
      reasons: '家庭人均收入\n低于标准',
      recipient: '张三',
      objection: false,
      visitDate: '2025-03-04',
      investigators: ['王五', '赵六'],
    });
  });

  it('leaves out empty optional fields but keeps boolean false and zero', () => {
    const result = validateFormData(fields, { ...valid, amount: '0', reasons: '  ', recipient: null });
    expect(result.errors).toEqual([]);
    expect(result.values.amount).toBe(0);
    expect(result.values.objection).toBe(false);
    expect('reasons' in result.values).toBe(false);
    expect('recipient' in result.values).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['unknown field', { extra: 1 }, 'extra', '未知字段“extra”'],
    ['missing required enum', { decision: undefined }, 'decision', '“审核确认意见”为必填项'],
    [
      'enum outside options',
      { decision: 'approve' },
      'decision',
      '“审核确认意见”的取值 "approve" 不在可选范围内：confirm（确认）、refuse（不予确认）',
    ],
    ['money with float garbage', { amount: '12.345' }, 'amount', '“发放金额”不是有效的金额'],
    ['money as a float number', { amount: 0.3 }, 'amount', '“发放金额”不是有效的金额'],
    ['money above max', { amount: '5000.01' }, 'amount', '“发放金额”不能大于 5000 元'],
    ['long not integer', { coveredPersons: '2.5' }, 'coveredPersons', '“保障人数”不是有效的整数'],
    ['long below min', { coveredPersons: 0 }, 'coveredPersons', '“保障人数”不能小于 1'],
    ['long above max', { coveredPersons: '21' }, 'coveredPersons', '“保障人数”不能大于 20'],
    ['text too short', { reasons: '无' }, 'reasons', '“理由”不能少于 2 个字'],
    [
      'text too long',
      { reasons: '一二三四五六七八九十'.repeat(2) + '𠀀' },
      'reasons',
      '“理由”不能超过 20 个字',
    ],
    ['string not text', { recipient: 42 }, 'recipient', '“受送达人”须为文本'],
    ['string too long', { recipient: '欧阳翠花花' }, 'recipient', '“受送达人”不能超过 4 个字'],
    ['boolean garbage', { objection: 'yes' }, 'objection', '“是否有异议”须为“是”或“否”'],
    ['required boolean missing', { objection: undefined }, 'objection', '“是否有异议”为必填项'],
    [
      'impossible date',
      { visitDate: '2025-02-30' },
      'visitDate',
      '“入户日期”不是有效的日期（格式为 YYYY-MM-DD）',
    ],
    ['date before min', { visitDate: '2021-06-30' }, 'visitDate', '“入户日期”不能早于 2021-07-01'],
    ['list below minItems', { investigators: ['王五'] }, 'investigators', '“调查人员”至少需要 2 项'],
    ['required list empty', { investigators: [] }, 'investigators', '“调查人员”为必填项'],
    ['list with blank item', { investigators: ['王五', ' '] }, 'investigators', '“调查人员”含有空项'],
    ['list not an array', { investigators: '王五,赵六' }, 'investigators', '“调查人员”须为文本列表'],
    ['list above maxItems', { witnesses: ['甲', '乙', '丙'] }, 'witnesses', '“见证人”最多 2 项'],
  ])('%s', (_, patch, fieldId, message) => {
    const result = validateFormData(fields, { ...valid, ...patch });
    expect(result.errors).toEqual([{ field: fieldId, message }]);
    expect(fieldId in result.values).toBe(false);
  });

  it('counts length in code points, so a CJK extension character counts once', () => {
    const reasons = '一二三四五六七八九十一二三四五六七八九' + '𠀀';
    expect(reasons.length).toBe(21);
    expect(validateFormData(fields, { ...valid, reasons }).errors).toEqual([]);
  });

  it('reports every bad field at once', () => {
    const result = validateFormData(fields, {});
    expect(result.errors.map((e) => e.field)).toEqual([
      'decision',
      'coveredPersons',
      'objection',
      'investigators',
    ]);
  });

  it('refuses a field type it does not know', () => {
    const result = validateFormData([field('x', '附件', 'file')], { x: 'a' });
    expect(result.errors).toEqual([{ field: 'x', message: '“附件”的字段类型“file”不受支持' }]);
  });
});

describe('fields shown only when a model-declared condition holds (showIf)', () => {
  const decision = field(
    'decision',
    '受理决定',
    'enum',
    [['required']],
    [
      ['accept', '受理'],
      ['refuse', '不予受理'],
      ['supplement', '补正'],
    ],
  );
  const reasons = { ...field('reasons', '理由', 'text', [['required']]), showIf: "${decision == 'refuse'}" };
  const materials = {
    ...field('missingMaterials', '需补正的材料', 'list', [['required']]),
    showIf: "${decision == 'supplement'}",
  };
  const fields = [reasons, decision, materials];

  it.each<[string, Record<string, unknown>, string[], string[]]>([
    ['accept needs neither', { decision: 'accept' }, [], ['decision']],
    ['refuse requires the reasons', { decision: 'refuse' }, ['reasons'], ['decision']],
    ['refuse with reasons', { decision: 'refuse', reasons: '户籍不在本乡镇' }, [], ['decision', 'reasons']],
    ['supplement requires the list', { decision: 'supplement' }, ['missingMaterials'], ['decision']],
    [
      'a hidden field sent anyway is refused, naming it',
      { decision: 'accept', reasons: '无关', missingMaterials: ['户口簿'] },
      ['reasons', 'missingMaterials'],
      ['decision'],
    ],
    [
      'a hidden field sent empty is no error',
      { decision: 'accept', reasons: '', missingMaterials: [] },
      [],
      ['decision'],
    ],
  ])('%s', (_name, data, errorFields, valueKeys) => {
    const result = validateFormData(fields, data);
    expect(result.errors.map((e) => e.field)).toEqual(errorFields);
    expect(Object.keys(result.values).sort()).toEqual(valueKeys.sort());
  });

  it('the bundled 受理审查 forms declare reasons only when refusing and materials only for 补正', async () => {
    for (const file of [
      'dibao-application',
      'low-income-application',
      'tekun-application',
      'temporary-assistance',
    ]) {
      const xml = fs.readFileSync(path.join(__dirname, `../../../processes/${file}.bpmn`), 'utf8');
      const { rootElement } = await parseBpmn(xml);
      const process = (rootElement.rootElements as { $type: string; flowElements?: unknown[] }[]).find(
        (e) => e.$type === 'bpmn:Process',
      );
      const task = process?.flowElements?.find((e) => (e as { id: string }).id === 'Task_AcceptanceReview');
      const form = readFormFields(task);
      expect([file, form.find((f) => f.id === 'reasons')?.showIf]).toEqual([file, "${decision == 'refuse'}"]);
      expect(validateFormData(form, { decision: 'supplement' }).errors.map((e) => e.field)).toEqual([
        'missingMaterials',
      ]);
      expect(validateFormData(form, { decision: 'accept' }).errors).toEqual([]);
    }
  });

  it('the bundled 低保 model declares its investigators a staff pick and 邻里访问 after the economics', async () => {
    const xml = fs.readFileSync(path.join(__dirname, '../../../processes/dibao-application.bpmn'), 'utf8');
    const { rootElement } = await parseBpmn(xml);
    const process = (rootElement.rootElements as { $type: string; flowElements?: unknown[] }[]).find(
      (e) => e.$type === 'bpmn:Process',
    );
    const task = (id: string) => process?.flowElements?.find((e) => (e as { id: string }).id === id);
    expect(readFormFields(task('Task_HomeVisit')).find((f) => f.id === 'investigators')?.staffDuty).toBe(
      'investigator,village_assistant',
    );
    expect(readProcessInfo(rootElement as never)?.prerequisites).toEqual({
      Task_InformationCheck: ['authorization'],
      Task_NeighbourVisit: ['economics'],
    });
    expect(processInfoProblems(rootElement as never)).toEqual([]);
  });
});

describe('requiredWhen (退回理由 only when returning)', () => {
  const fields: FormField[] = [
    field(
      'opinion',
      '初审意见',
      'enum',
      [['required']],
      [
        ['eligible', '符合条件'],
        ['return', '退回补充调查'],
      ],
    ),
    field('returnReason', '退回理由', 'text', [['requiredWhen', 'opinion=return']]),
  ];
  it.each([
    [{ opinion: 'return' }, ['returnReason']],
    [{ opinion: 'return', returnReason: '  ' }, ['returnReason']],
    [{ opinion: 'return', returnReason: '收入未核实，请补充入户调查' }, []],
    [{ opinion: 'eligible' }, []],
  ])('%j → errors on %j', (data, errorFields) => {
    expect(validateFormData(fields, data).errors.map((e) => e.field)).toEqual(errorFields);
  });
});
