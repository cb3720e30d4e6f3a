import { join, resolve } from 'node:path';
import { fen } from '@app/assessment';
import { loadTemplates } from '@app/documents';
import { AssessmentEntity, CaseEntity, OrganEntity } from '@app/persistence';
import { buildDocumentData } from './document-data';

const templates = loadTemplates(join(resolve(__dirname, '../../..'), 'templates'));

const organ = (over: Partial<OrganEntity>): OrganEntity => ({
  regionCode: '410799',
  effectiveFrom: '2000-01-01',
  name: '平安县民政局',
  abbr: '平',
  level: 'county',
  sealText: '平安县民政局',
  reviewGovernment: '平安县人民政府',
  court: '平安县人民法院',
  address: '平安县人民路88号',
  phone: '0391-6210001',
  ...over,
});

const kase = {
  caseNo: 'DB-2026-000001',
  program: 'dibao',
  regionCode: '410799100201',
  applicationDate: '2026-12-01',
  applicantName: '王建国',
  applicantIdNumber: '410799197901010010',
  applicantAddress: '平安县城关镇东关村3组12号',
  applicantPhone: null,
  household: [{ name: '王建国', idNumber: '410799197901010010', relation: '本人' }],
} as unknown as CaseEntity;

const dataInput = (
  assessment: AssessmentEntity | null = null,
  variables: Record<string, unknown> = {},
  templateId = 'public-notice',
): Parameters<typeof buildDocumentData>[0] => ({
  kase,
  agency: organ({}),
  township: organ({
    regionCode: '410799100',
    name: '平安县城关镇人民政府',
    abbr: '平城',
    level: 'township',
    sealText: '平安县城关镇人民政府',
    address: '平安县城关镇政府街1号',
    phone: '0391-6231002',
  }),
  county: organ({}),
  townshipRegion: { code: '410799100', name: '城关镇', level: 'township', parentCode: '410799' },
  village: {
    code: '410799100201',
    name: '东关村',
    committeeName: '东关村村民委员会',
    level: 'village',
    parentCode: '410799100',
  },
  variables,
  templateId,
  today: '2026-12-06',
  acceptanceDate: null,
  assessment,
  earlierDocuments: [],
});
const data = (...args: Parameters<typeof dataInput>) => buildDocumentData(dataInput(...args));

/** A township's 初审意见 proposing to grant, as the step form records it. */
const ELIGIBLE_OPINION = {
  opinion: 'eligible',
  findings: '经入户调查核实。',
  reasons: '符合条件',
  proposedAmount: 49_700,
  coveredPersons: 1,
  investigators: ['王明', '赵丽'],
  visitDate: '2026-10-20',
};

describe('buildDocumentData (issue 17)', () => {
  it('L1: names the township organ in force, with its particulars, and keeps the place apart', () => {
    expect(data().township).toEqual({
      name: '平安县城关镇人民政府',
      placeName: '城关镇',
      address: '平安县城关镇政府街1号',
      phone: '0391-6231002',
    });
    expect(data().issuer).toMatchObject({
      name: '平安县民政局',
      sealText: '平安县民政局',
      phone: '0391-6210001',
    });
  });

  it('names the county 民政 organ in force, so a township letter to it is addressed by name', () => {
    expect(data().county).toEqual({
      name: '平安县民政局',
      address: '平安县人民路88号',
      phone: '0391-6210001',
    });
  });

  it("identifies to a third party only the member a 信函索证函 asks about, by that member's own ID", () => {
    const household = [
      { name: '王建国', idNumber: '410799197901010010', relation: '本人' },
      { name: '李秀梅', idNumber: '410799198003030022', relation: '配偶' },
    ];
    const letter = (subjectName: string) =>
      buildDocumentData({
        kase: { ...kase, household } as CaseEntity,
        agency: organ({}),
        township: organ({ regionCode: '410799100', level: 'township' }),
        townshipRegion: null,
        village: null,
        variables: { subjectName },
        templateId: 'evidence-request-letter',
        today: '2026-12-06',
        acceptanceDate: null,
        assessment: null,
        earlierDocuments: [],
      });
    expect(letter(' 李秀梅').subject).toEqual({
      name: '李秀梅',
      relation: '配偶',
      idNumber: '410799198003030022',
    });
    expect(letter('李某').subject).toBeUndefined();
  });

  it('gives the village as a place and its committee by its formal name', () => {
    expect(data().village).toEqual({ name: '东关村', committeeName: '东关村村民委员会' });
  });

  it('L2: a 公示 posted on 6 December runs exactly seven days, 7 to 13 December', () => {
    expect(data().publicNotice).toEqual({ startDate: '2026-12-07', endDate: '2026-12-13' });
  });

  it('L8: states the income test in words: per-capita income against the standard', () => {
    const assessment = {
      assessmentDate: '2026-12-01',
      parametersId: 'p1',
      result: {
        income: { perCapitaMonthlyFen: fen(112000) },
        monthlyStandardFen: 65000,
        parameterVersion: { versionId: 'p1', regionCode: '410799', effectiveFrom: '2026-01-01' },
        minimumLiving: { eligible: false },
        benefit: { totalMonthlyFen: 0 },
        hardshipIndex: { score: 0, hits: [] },
        lines: [],
      },
    } as unknown as AssessmentEntity;
    expect((data(assessment).assessment as { comparison: string }).comparison).toBe(
      '月人均收入1120.00元，高于保障标准每人每月650.00元',
    );
  });

  it('cites the standard by its instrument; an assessment recorded with an internal label prints none of it', () => {
    const assessed = (label: string) =>
      data({
        assessmentDate: '2026-12-01',
        parametersId: 'p1',
        result: {
          income: { perCapitaMonthlyFen: fen(40000) },
          monthlyStandardFen: 65000,
          parameterVersion: { versionId: 'p1', regionCode: '410799', effectiveFrom: '2026-01-01', label },
          minimumLiving: { eligible: true },
          benefit: { totalMonthlyFen: 75000 },
          hardshipIndex: { score: 0, hits: [] },
          lines: [
            {
              rule: 'parameters.standard',
              label: `适用农村低保标准（每人每月）650元；依据${label}`,
              amountFen: 65000,
              outcome: 'info',
            },
          ],
        },
      } as unknown as AssessmentEntity).assessment as {
        parameterVersion: string;
        lines: { label: string }[];
      };
    const cited = assessed('《平安县人民政府关于公布2026年城乡最低生活保障标准的通知》');
    expect(cited.parameterVersion).toBe('《平安县人民政府关于公布2026年城乡最低生活保障标准的通知》');
    const legacy = assessed('行政区划410799救助政策参数，2026-01-01起施行（演示数据：国家默认参数）');
    expect(legacy.parameterVersion).toBe('现行最低生活保障标准');
    expect(legacy.lines[0]!.label).toBe('适用农村低保标准（每人每月）650元');
  });

  // A 低保 household under the standard: 484.33 元 a month per person against 650 元 (F11).
  const under = {
    assessmentDate: '2026-10-28',
    parametersId: 'p1',
    result: {
      income: { perCapitaMonthlyFen: fen(48_433) },
      monthlyStandardFen: 65000,
      parameterVersion: {
        versionId: 'p1',
        regionCode: '410799',
        effectiveFrom: '2026-01-01',
        label: '行政区划410799救助政策参数，2026-01-01起施行',
      },
      minimumLiving: { eligible: true },
      benefit: { totalMonthlyFen: 49_700 },
      hardshipIndex: { score: 30, hits: [] },
      lines: [],
    },
  } as unknown as AssessmentEntity;
  const decided = {
    decision: 'confirm',
    amount: 49_700,
    coveredPersons: 1,
    reasons: '家庭月人均收入低于当地低保标准',
  };
  const notice = (facts: string) => {
    const d = data(under, { ...decided, facts }, 'confirmation-notice');
    return templates.get('confirmation-notice')!.renderMarkup(d);
  };

  it('F11: the 确认通知书 states the per-capita income once when the facts already give it', () => {
    const text = notice('申请人家庭共1人，家庭月人均收入484.33元，低于农村低保标准650元。');
    const findings = text.split('\n').find((l) => l.includes('本机关审核查明'))!;
    expect(findings.match(/月人均收入484\.33元/g)).toHaveLength(1);
    expect(findings).not.toContain('你家庭月人均收入');
  });

  it('F11: the 确认通知书 still states the income test when the facts do not', () => {
    const text = notice('申请人独居，无劳动能力，无其他收入来源。');
    const findings = text.split('\n').find((l) => l.includes('本机关审核查明'))!;
    expect(findings).toContain('你家庭月人均收入484.33元，低于保障标准每人每月650.00元。');
  });

  it('F11: the 初审意见 prints the parameters’ own effective date, not the assessment date as one', () => {
    const d = data(under, ELIGIBLE_OPINION, 'first-instance-opinion');
    const text = templates.get('first-instance-opinion')!.renderMarkup(d);
    expect(text).not.toContain('2026年10月28日生效');
    expect(text).toContain('于2026年10月28日按现行最低生活保障标准测算');
  });

  // The demo's 低保 family (issue 17 L5/L12): other programs' findings are in the assessment.
  const withOtherPrograms = {
    ...under,
    result: {
      ...under.result,
      lines: [
        {
          rule: 'parameters.standard',
          label: '适用农村低保标准（每人每月）650元',
          amountFen: 65000,
          outcome: 'info',
        },
        {
          rule: 'labour.coefficient',
          label: '王建国：45周岁，劳动力系数 0.9（健康，41–50岁）',
          outcome: 'info',
        },
        { rule: 'income.per_capita', label: '家庭月人均收入 = 484.33元', amountFen: 48_433, outcome: 'info' },
        { rule: 'veto.luxury_consumption', label: '一票否决：有高消费行为——未命中（无）', outcome: 'pass' },
        { rule: 'property.vehicle_not_needed', label: '财产状况：机动车辆——未命中', outcome: 'pass' },
        {
          rule: 'program.minimum_living',
          label: '最低生活保障：符合——家庭月人均收入484.33元低于保障标准650.00元',
          outcome: 'pass',
        },
        {
          rule: 'program.low_income',
          label: '低收入人口（低保边缘家庭）：不符合——已符合最低生活保障条件',
          outcome: 'fail',
        },
        {
          rule: 'extreme.supporter',
          label: '李凤兰：特困——无履行义务能力的义务人：有履行义务能力的义务人：王建国',
          outcome: 'fail',
        },
        { rule: 'extreme.result', label: '李凤兰：符合特困人员认定条件', outcome: 'pass' },
        { rule: 'benefit.total', label: '月保障金合计 = 497元', amountFen: 49_700, outcome: 'info' },
      ],
    },
  } as unknown as AssessmentEntity;
  const DEMO_FACTS =
    '申请人家庭共3人，经信息核对和入户调查，家庭月人均收入低于当地农村低保标准650元，财产状况符合规定。';
  const OTHER_PROGRAMS = /特困|低收入人口|劳动力系数|一票否决/;
  const served = (templateId: string, variables: Record<string, unknown>) =>
    templates
      .get(templateId)!
      .renderMarkup(
        buildDocumentData({ ...dataInput(withOtherPrograms, variables, templateId), served: true }),
      );

  it('L5/L12: the 确认通知书 prints only the 低保 test, states the income once and speaks to “你” throughout', () => {
    const text = served('confirmation-notice', { ...decided, facts: DEMO_FACTS });
    expect(text).not.toMatch(OTHER_PROGRAMS);
    expect(text).not.toContain('申请人家庭');
    const findings = text.split('\n').find((l) => l.includes('本机关审核查明'))!;
    expect(findings.match(/月人均收入/g)).toHaveLength(1);
    expect(text).toContain('家庭财产状况等审查：符合规定');
    // The table gives the income and the standard; its heading does not state them a third time.
    expect(text).toContain(
      '家庭经济状况计算明细如下（于2026年10月28日按现行最低生活保障标准测算，测算结论为符合，测算月保障金额497.00元）：',
    );
    expect(text.match(/低于保障标准|低于当地农村低保标准/g)).toHaveLength(2); // the findings and the table's 低保 row
  });

  it('L5/L12: the 不予确认决定书 prints only the 低保 test too; the internal 初审意见 keeps every finding', () => {
    const refusal = served('non-confirmation-decision', {
      decision: 'reject',
      facts: DEMO_FACTS,
      reasons: '家庭财产状况不符合规定',
    });
    expect(refusal).not.toMatch(OTHER_PROGRAMS);
    const opinion = templates
      .get('first-instance-opinion')!
      .renderMarkup(
        buildDocumentData(dataInput(withOtherPrograms, ELIGIBLE_OPINION, 'first-instance-opinion')),
      );
    expect(opinion).toMatch(/特困/);
  });

  it('L7: the frozen snapshot holds the case’s data, not the engine’s run message', () => {
    const engineMessage = {
      fields: { exchange: 'run', routingKey: 'run.execute', consumerTag: '_process-run' },
      content: { id: 'dibao-application', type: 'bpmn:Process' },
      properties: { messageId: 'smq.mid-621c88136e' },
    };
    const d = data(null, { ...engineMessage, decision: 'accept' }, 'acceptance-notice');
    expect(d.form).toMatchObject({ decision: 'accept' });
    expect(JSON.stringify(d)).not.toMatch(/routingKey|consumerTag|messageId|bpmn:Process/);
  });
});
