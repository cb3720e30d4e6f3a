const fs = require('node:fs');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

/**
 * Jest's node environment that also records what each test file cost in CPU seconds, so the
 * expensive files show on a loaded machine where wall time says little (scripts/test-cost.js
 * prints them; scripts/run-tiers.js sums them per tier). A file's cost is everything between
 * the environment's creation and its teardown in the jest process: loading and transforming its
 * modules, its hooks and tests, plus the processes it started and waited for (API workers,
 * pdftotext, pg_dump, Chromium), which the kernel adds to this process's children's time once
 * they are reaped. In an api bundle each spec's describe gets its own figure too (its modules
 * load when the bundle collects its tests, so they count for the bundle, not the spec).
 * Written only when TEST_COST_FILE names the JSON-lines file to append to.
 */

const TICK = 100; // USER_HZ: /proc reports clock ticks of 1/100 s on Linux

/** CPU seconds of this process and of its reaped children (/proc; children 0 elsewhere). */
function sample() {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // Fields after the command name, which ends at the last ')': cutime and cstime are 14th and 15th.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / TICK;
  } catch {
    // not Linux: only this process's own time
  }
  return { user: own.user / 1e6, system: own.system / 1e6, children, wall: Date.now() / 1000 };
}

const round = (n) => Math.round(n * 100) / 100;

function delta(from, to) {
  const user = round(to.user - from.user);
  const system = round(to.system - from.system);
  const children = round(to.children - from.children);
  return { cpu: round(user + system + children), user, system, children, wall: round(to.wall - from.wall) };
}

class CostEnvironment extends TestEnvironment {
  constructor(config, context) {
    const start = sample();
    super(config, context);
    this.costStart = start;
    this.costFile = process.env.TEST_COST_FILE;
    this.testPath = context.testPath;
    this.project = config.projectConfig.displayName?.name ?? '';
    this.rootDir = config.projectConfig.rootDir;
    this.parts = [];
    this.open = new Map();
  }

  handleTestEvent(event) {
    if (!this.costFile) return;
    // A describe straight under the file's root: in a bundle, one spec file.
    const block = event.describeBlock;
    if (!block || !block.parent || block.parent.parent) return;
    if (event.name === 'run_describe_start') this.open.set(block, sample());
    if (event.name === 'run_describe_finish' && this.open.has(block)) {
      const from = this.open.get(block);
      this.parts.push({ name: block.name, start: round(from.wall), ...delta(from, sample()) });
      this.open.delete(block);
    }
  }

  async teardown() {
    await super.teardown();
    if (!this.costFile) return;
    const line = {
      file: path.relative(this.rootDir, this.testPath),
      project: this.project,
      // When and in which jest process it ran: scripts/test-cost.js draws the run's timeline from
      // these, to show which file forms the tail while a core stands idle.
      start: round(this.costStart.wall),
      pid: process.pid,
      ...delta(this.costStart, sample()),
      ...(this.parts.length > 1 && { parts: this.parts }),
    };
    fs.mkdirSync(path.dirname(this.costFile), { recursive: true });
    fs.appendFileSync(this.costFile, `${JSON.stringify(line)}\n`);
  }
}

module.exports = CostEnvironment;
module.exports.sample = sample;
