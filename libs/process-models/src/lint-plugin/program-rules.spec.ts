import { DeployCandidate, DeployedVersion, programConflicts } from './program-rules';

const DIBAO_V1: DeployedVersion = {
  key: 'dibao-application',
  version: 1,
  name: '低保申请审核确认',
  program: 'dibao',
  kind: 'application',
  effectiveFrom: '2026-01-01',
  contentHash: 'h1',
  caseSeries: 'DIBAO',
};
const REVIEW: DeployedVersion = {
  key: 'dibao-review',
  version: 1,
  name: '低保定期核查',
  program: 'dibao',
  kind: 'procedure',
  effectiveFrom: '2026-01-01',
  contentHash: 'r1',
  caseSeries: 'DBHC',
};
const base: DeployCandidate = {
  key: 'dibao-application',
  name: '低保申请审核确认',
  program: 'dibao',
  kind: 'application',
  contentHash: 'h2',
};

describe('programConflicts', () => {
  it.each<[string, Partial<DeployCandidate>, RegExp | null]>([
    ['a new version keeping program and kind', {}, null],
    [
      'a second application process for 低保 under a new key',
      { key: 'dibao-fast', name: '低保快速通道' },
      /已由流程“低保申请审核确认”（dibao-application）受理申请.*只能有一个申请流程生效/,
    ],
    [
      'a second procedure for 低保 (several are normal)',
      { key: 'dibao-note', name: '低保备注', kind: 'procedure' },
      null,
    ],
    [
      'a new version that drops sa:kind',
      { kind: undefined },
      /sa:kind“（未写）”与第 1 版的“application”不同/,
    ],
    [
      'a new version that changes sa:program',
      { program: 'tekun' },
      /sa:program“tekun”与第 1 版的“dibao”不同/,
    ],
    [
      'identical bytes with a new, future effective date',
      { contentHash: 'h1', effectiveFrom: '2027-01-01' },
      /内容完全相同.*2026-01-01 起生效.*不能改生效日期/,
    ],
    ['identical bytes redeployed without a date', { contentHash: 'h1' }, null],
    [
      'identical bytes redeployed with their own date',
      { contentHash: 'h1', effectiveFrom: '2026-01-01' },
      null,
    ],
    [
      // Both dates are past, but the stored 2026-01-01 would silently stand for the 2026-12-06 asked.
      'identical bytes with a new date already in effect',
      { contentHash: 'h1', effectiveFrom: '2026-12-06' },
      /内容完全相同.*2026-01-01 起生效，不会改为 2026-12-06/,
    ],
    [
      'a procedure numbered in the application series',
      { key: 'dibao-note', name: '低保备注', kind: 'procedure', caseSeries: 'DIBAO' },
      /案件编号序列“DIBAO”已由流程“低保申请审核确认”（dibao-application）使用/,
    ],
    [
      "a procedure numbered in another procedure's series",
      { key: 'dibao-note', name: '低保备注', kind: 'procedure', caseSeries: 'DBHC' },
      /案件编号序列“DBHC”已由流程“低保定期核查”/,
    ],
    [
      'a procedure with its own series',
      { key: 'dibao-note', name: '低保备注', kind: 'procedure', caseSeries: 'DBBZ' },
      null,
    ],
  ])('%s', (_, change, expected) => {
    const issues = programConflicts({ ...base, ...change } as DeployCandidate, [DIBAO_V1, REVIEW]);
    if (!expected) expect(issues).toEqual([]);
    else {
      expect(issues.map((i) => i.message).join('\n')).toMatch(expected);
      expect(issues[0].message).toMatch(/^流程“/);
    }
  });
});
