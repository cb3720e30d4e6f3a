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
const TODAY = '2026-12-06';
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
      /sa:kind“（未写）”与第 1 版的“application”不同.*如需改变流程类别，请先停用原流程/,
    ],
    [
      'a new version that changes sa:program',
      { program: 'tekun' },
      /sa:program“tekun”与第 1 版的“dibao”不同.*如需改变所属救助项目，请先停用原流程/,
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
    const issues = programConflicts({ ...base, ...change } as DeployCandidate, [DIBAO_V1, REVIEW], TODAY);
    if (!expected) expect(issues).toEqual([]);
    else {
      expect(issues.map((i) => i.message).join('\n')).toMatch(expected);
      expect(issues[0].message).toMatch(/^流程“/);
    }
  });

  describe('after the legal officer retires a process', () => {
    const RETIRED: DeployedVersion = { ...DIBAO_V1, retiredFrom: '2026-12-10' };
    const REPLACEMENT: DeployCandidate = {
      key: 'dibao-application-2027',
      name: '低保申请审核确认（2027）',
      program: 'dibao',
      kind: 'application',
      contentHash: 'n1',
    };
    const check = (candidate: DeployCandidate, deployed: DeployedVersion[]) =>
      programConflicts(candidate, deployed, TODAY).map((i) => i.message);

    it('lets a new key take the program and kind from the retirement date on', () => {
      expect(check({ ...REPLACEMENT, effectiveFrom: '2026-12-10' }, [RETIRED, REVIEW])).toEqual([]);
      expect(check({ ...REPLACEMENT, effectiveFrom: '2027-01-01' }, [RETIRED, REVIEW])).toEqual([]);
    });

    it('refuses a replacement in effect before the retirement date (two in effect on one day)', () => {
      expect(check({ ...REPLACEMENT, effectiveFrom: '2026-12-09' }, [RETIRED, REVIEW]).join('\n')).toMatch(
        /自 2026-12-10 起才停用.*请把生效日期定在 2026-12-10 或之后/,
      );
      // No date asked: today, before the retirement.
      expect(check(REPLACEMENT, [RETIRED, REVIEW]).join('\n')).toMatch(/自 2026-12-10 起才停用/);
    });

    it('still refuses a replacement while the old process is not retired, saying how to retire it', () => {
      expect(check({ ...REPLACEMENT, effectiveFrom: '2026-12-10' }, [DIBAO_V1, REVIEW]).join('\n')).toMatch(
        /已由流程“低保申请审核确认”（dibao-application）受理申请.*请先停用原流程/,
      );
    });

    it('refuses a new version of the retired key, kind changed or not', () => {
      for (const change of [{}, { kind: 'monitoring' }]) {
        expect(check({ ...base, ...change }, [RETIRED, REVIEW]).join('\n')).toMatch(
          /已于 2026-12-10 起停用，不能再部署新版本.*以新的流程 id 部署替代流程/,
        );
      }
    });

    it("redeploys the retired key's own bytes (the bundled model at start) beside its replacement", () => {
      const replacement: DeployedVersion = { ...REPLACEMENT, version: 1, effectiveFrom: '2026-12-10' };
      expect(check({ ...base, contentHash: 'h1' }, [RETIRED, REVIEW, replacement])).toEqual([]);
    });
  });
});
