// eslint-disable-next-line @typescript-eslint/no-require-imports
const { timeline } = require('../../scripts/test-cost') as {
  timeline(costs: object[], options?: { minWall?: number }): string[];
};

/** A cost record as test/support/cost-environment.js appends it. */
const entry = (file: string, project: string, pid: number, start: number, wall: number, cpu = wall) => ({
  file,
  project,
  pid,
  start,
  wall,
  cpu,
  user: cpu,
  system: 0,
  children: 0,
});

describe("the test run's timeline", () => {
  // Two jest processes over 0–300 s: one busy 100 s, the other 300 s; the browser run beside them.
  const costs = [
    entry('test/bundles/api-1.e2e-bundle.ts', 'api', 11, 1000, 100),
    entry('libs/a/src/short.spec.ts', 'unit', 12, 1000, 2),
    entry('test/integrity/sigkill.e2e-spec.ts', 'integrity', 12, 1002, 298),
    entry('test/bundles/browser-1.e2e-bundle.ts', 'browser', 21, 1000, 120, 60),
  ];
  const lines = timeline(costs, { minWall: 10 });

  it('lists each jest process with its files from the start of the run, short files only counted', () => {
    expect(lines).toContain('       2–  300 s  CPU  298.0  test/integrity/sigkill.e2e-spec.ts');
    expect(lines.some((l) => l.includes('short.spec'))).toBe(false);
    expect(lines.some((l) => /另有 1 个各短于 10 s 的文件，共 2 s/.test(l))).toBe(true);
  });

  it('counts the idle process-seconds and names the files that ran while a process stood idle', () => {
    const jest = lines.slice(
      0,
      lines.findIndex((l) => l.startsWith('-- browser')),
    );
    expect(jest.find((l) => l.includes('空闲'))).toContain('2 × 300 s 中 200 进程·秒（33 %）');
    expect(jest.find((l) => l.includes('尾部'))).toContain(
      '最后 200 s 不是所有进程都在运行：test/integrity/sigkill.e2e-spec.ts',
    );
  });

  it('keeps the browser run, which has jest processes of its own, apart', () => {
    expect(lines.find((l) => l.startsWith('-- browser'))).toContain('1 个 jest 进程');
  });

  it('draws nothing from records written before they carried a start and a process', () => {
    expect(timeline([{ file: 'x.spec.ts', project: 'unit', wall: 1, cpu: 1 }])).toEqual([]);
  });
});
