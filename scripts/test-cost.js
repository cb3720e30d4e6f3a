#!/usr/bin/env node
/**
 * CPU seconds per test file, most expensive first, with totals per tier.
 *   node scripts/test-cost.js <file.jsonl>              a report already written (scripts/run-tiers.js
 *                                                        names its own at the end of a run)
 *   node scripts/test-cost.js [--top N] -- <jest args>   runs jest (in band) and reports on that run:
 *        node scripts/test-cost.js -- --selectProjects api --runTestsByPath test/trust.e2e-spec.ts
 * CPU, not wall time: the machine is shared, so wall time says more about the neighbours than the
 * file. The figures come from test/support/cost-environment.js (jest's environment in every
 * project of jest.config.js). "children" is the CPU of the processes a file started and waited
 * for (API workers, pdftotext, pg_dump, Chromium). An api bundle's specs are listed under it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** Reads a cost report: one JSON object a line, as test/support/cost-environment.js appends them. */
function readCosts(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** The tier of a test file, by the same folders as jest.config.js's projects. */
function tierOf(entry) {
  if (entry.project) return entry.project;
  const m = /^test\/(integrity|fault|browser)\/|^test\/bundles\/(browser)-/.exec(entry.file);
  return m ? (m[1] ?? m[2]) : /^test\/.*\.e2e-(spec|bundle)\.ts$/.test(entry.file) ? 'api' : 'unit';
}

/** CPU seconds per tier: { tier: { files, cpu, children, wall } }. */
function totalsByTier(costs) {
  const out = {};
  for (const c of costs) {
    const t = (out[tierOf(c)] ??= { files: 0, cpu: 0, children: 0, wall: 0 });
    t.files += 1;
    t.cpu += c.cpu;
    t.children += c.children;
    t.wall += c.wall;
  }
  return out;
}

/**
 * The run's timeline: per jest process, the files it ran with their start and end (seconds from
 * the first file's start), how long it was busy, and the idle process-seconds of the window. A
 * pass whose CPU is far below its wall time × the cores has a core standing idle somewhere: this
 * names the files that ran alone at the end (the tail). `group` splits the processes of separate
 * jest runs (the browser tier runs beside the others with processes of its own); files shorter than
 * `minWall` seconds are counted, not listed.
 */
function timeline(
  costs,
  { minWall = 0, group = (c) => (tierOf(c) === 'browser' ? 'browser' : 'jest') } = {},
) {
  const timed = costs.filter((c) => c.start != null && c.pid != null);
  if (!timed.length) return [];
  const t0 = Math.min(...timed.map((c) => c.start));
  const endOf = (c) => c.start + c.wall;
  const at = (n) => (n - t0).toFixed(0).padStart(5);
  const out = [];
  const groups = new Map();
  for (const c of timed) {
    const g = group(c);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(c);
  }
  for (const [name, entries] of groups) {
    const from = Math.min(...entries.map((c) => c.start));
    const to = Math.max(...entries.map(endOf));
    const pids = [...new Set(entries.map((c) => c.pid))];
    let busy = 0;
    const lastEnds = [];
    out.push(`-- ${name}：${pids.length} 个 jest 进程，${at(from).trim()}–${at(to).trim()} s`);
    for (const pid of pids) {
      const mine = entries.filter((c) => c.pid === pid).sort((a, b) => a.start - b.start);
      const own = mine.reduce((n, c) => n + c.wall, 0);
      busy += own;
      lastEnds.push(Math.max(...mine.map(endOf)));
      out.push(`   进程 ${pid}：${mine.length} 个文件，占用 ${own.toFixed(0)} s`);
      for (const c of mine.filter((c) => c.wall >= minWall))
        out.push(`   ${at(c.start)}–${at(endOf(c))} s  CPU ${c.cpu.toFixed(1).padStart(6)}  ${c.file}`);
      const short = mine.filter((c) => c.wall < minWall);
      if (short.length)
        out.push(
          `   （另有 ${short.length} 个各短于 ${minWall} s 的文件，共 ${short.reduce((n, c) => n + c.wall, 0).toFixed(0)} s）`,
        );
    }
    const idle = Math.max(0, pids.length * (to - from) - busy);
    out.push(
      `   空闲：${pids.length} × ${(to - from).toFixed(0)} s 中 ${idle.toFixed(0)} 进程·秒（${((100 * idle) / (pids.length * (to - from))).toFixed(0)} %）`,
    );
    if (pids.length > 1) {
      // The tail: from when the first process ran out of files to the end, only the others worked.
      const firstDone = Math.min(...lastEnds);
      const alone = entries.filter((c) => endOf(c) > firstDone + 1).map((c) => c.file);
      out.push(`   尾部：最后 ${(to - firstDone).toFixed(0)} s 不是所有进程都在运行：${alone.join('、')}`);
    }
  }
  const cpu = timed.reduce((n, c) => n + c.cpu, 0);
  const to = Math.max(...timed.map(endOf));
  const cores = os.cpus().length;
  out.push(
    `-- 全部：CPU ${cpu.toFixed(0)} s / (${(to - t0).toFixed(0)} s × ${cores} 核) = ${((100 * cpu) / ((to - t0) * cores)).toFixed(0)} %` +
      '（测试进程与其子进程；PostgreSQL 服务端与 jest 主进程不在其中）',
  );
  return out;
}

function print(costs, top) {
  const s = (n) => n.toFixed(1).padStart(7);
  const sorted = [...costs].sort((a, b) => b.cpu - a.cpu);
  console.log(`\n== 各测试文件 CPU 秒（前 ${Math.min(top, sorted.length)} 个，共 ${sorted.length} 个）`);
  console.log(`${'CPU'.padStart(7)} ${'其中子进程'.padStart(5)} ${'墙钟'.padStart(6)}  文件`);
  for (const c of sorted.slice(0, top)) {
    console.log(`${s(c.cpu)} ${s(c.children)} ${s(c.wall)}  ${c.file}`);
    for (const p of [...(c.parts ?? [])].sort((a, b) => b.cpu - a.cpu))
      console.log(`${s(p.cpu)} ${s(p.children)} ${s(p.wall)}    └ ${p.name}`);
  }
  const lines = timeline(costs);
  if (lines.length) console.log(`\n== 时间线（自第一个文件开始的秒数）\n${lines.join('\n')}`);
  console.log('\n== 各层 CPU 秒合计');
  for (const [t, v] of Object.entries(totalsByTier(costs)))
    console.log(
      `${t.padEnd(10)} ${String(v.files).padStart(4)} 个文件  CPU ${s(v.cpu)} s（子进程 ${v.children.toFixed(1)} s）`,
    );
}

if (require.main === module) {
  const args = process.argv.slice(2);
  let top = 30;
  const topAt = args.indexOf('--top');
  if (topAt !== -1) top = Number(args.splice(topAt, 2)[1]);
  const dash = args.indexOf('--');
  if (dash === -1 && args.length === 1) {
    print(readCosts(args[0]), top);
  } else if (dash !== -1) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sa-cost-')), 'cost.jsonl');
    const jestArgs = [
      '--experimental-vm-modules',
      path.join(root, 'node_modules/jest/bin/jest.js'),
      '--runInBand',
    ];
    const result = spawnSync(process.execPath, [...jestArgs, ...args.slice(dash + 1)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TEST_COST_FILE: file },
    });
    if (fs.existsSync(file)) {
      print(readCosts(file), top);
      console.log(`\n（明细：${file}）`);
    }
    process.exit(result.status ?? 1);
  } else {
    console.error(
      '用法：node scripts/test-cost.js <报告.jsonl> | node scripts/test-cost.js [--top N] -- <jest 参数>',
    );
    process.exit(2);
  }
}

module.exports = { readCosts, totalsByTier, tierOf, timeline };
