import { spawnSync } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sample } = require('./cost-environment') as {
  sample(): { user: number; system: number; children: number; wall: number };
};

describe('the test cost environment', () => {
  it("counts a child process's CPU once the child is reaped", () => {
    const before = sample();
    // A child that spins until it has had half a second of user CPU, whatever the machine's load.
    const child = spawnSync(
      process.execPath,
      ['-e', 'const t = process.cpuUsage(); while (process.cpuUsage(t).user < 500000);'],
      { stdio: 'ignore' },
    );
    expect(child.status).toBe(0);
    const after = sample();
    expect(after.children - before.children).toBeGreaterThanOrEqual(0.45);
    expect(after.user + after.system - before.user - before.system).toBeLessThan(0.45);
  });

  it("counts this process's own CPU", () => {
    const before = sample();
    const t = process.cpuUsage();
    while (process.cpuUsage(t).user < 200000);
    const after = sample();
    expect(after.user + after.system - before.user - before.system).toBeGreaterThanOrEqual(0.2);
  });
});
