#!/usr/bin/env node
/**
 * Runs test tiers and prints how long each took.
 *   node scripts/run-tiers.js unit web api                            (npm test)
 *   node scripts/run-tiers.js unit web api integrity fault browser    (npm run test:all)
 * Any further arguments go to every jest run (`npm test -- test/trust` narrows it; a tier without a
 * matching file passes). The tiers are the jest projects of jest.config.js, plus `web` (vitest in
 * apps/web). The jest tiers other than browser share one run, so both cores stay busy to the end.
 * The browser tier has a run of its own, also two files at a time (BROWSER_WORKERS): a file mostly
 * waits on its page, and its pages run without CSS motion (test/support/browser.ts), so a click
 * never lands mid-animation however loaded the machine is. Since it mostly waits, it runs beside
 * the other jest tiers, not after them: alone it left about half of the two cores idle for
 * minutes. Its output is printed line by line with a `[browser]` prefix. TEST_TIERS_SERIAL=1 runs
 * it after them, as before (to time a tier alone).
 * TEST_SKIP_DATABASE_FREE=1 (.ci/run's PostgreSQL pass, after a whole pass on PGlite): the unit
 * tier runs only its specs that depend on the database and the web tier is left out; the others
 * run the same code on either database and have just passed (test/support/database-specs.js).
 */
const { spawn } = require('node:child_process');
const readline = require('node:readline');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readCosts, totalsByTier, timeline } = require('./test-cost');

const root = path.resolve(__dirname, '..');
const known = ['unit', 'web', 'api', 'integrity', 'fault', 'browser'];
const args = process.argv.slice(2).filter((a) => a !== '--');
const firstOther = args.findIndex((a) => !known.includes(a));
const tiers = firstOther === -1 ? args : args.slice(0, firstOther);
const passThrough = firstOther === -1 ? [] : args.slice(firstOther);
if (!tiers.length) {
  console.error(`用法：node scripts/run-tiers.js <${known.join('|')}>… [jest 参数]`);
  process.exit(2);
}

const workers = process.env.TEST_WORKERS || '2';
// Only for a whole-tier run: a run narrowed to files runs what it names.
const skipDatabaseFree = Boolean(process.env.TEST_SKIP_DATABASE_FREE) && !passThrough.length;
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-tiers-'));
// Every jest file appends its CPU seconds here (test/support/cost-environment.js).
const costFile = path.join(reports, 'cost.jsonl');
const jest = (report, projects, extra) => [
  '--experimental-vm-modules',
  path.join(root, 'node_modules/jest/bin/jest.js'),
  ...projects.flatMap((p) => ['--selectProjects', p]),
  ...extra,
  '--json',
  `--outputFile=${report}`,
  ...(passThrough.length ? ['--passWithNoTests', ...passThrough] : []),
];

const shared = tiers.filter((t) => ['unit', 'api', 'integrity', 'fault'].includes(t));
const runs = [
  ...(shared.length
    ? [
        {
          label: shared.join('+'),
          report: 'jest.json',
          command: (r) => jest(r, shared, [`--maxWorkers=${workers}`]),
        },
      ]
    : []),
  ...(tiers.includes('web') && !passThrough.length && !skipDatabaseFree
    ? [
        {
          label: 'web',
          command: () => [
            path.join(root, 'node_modules/vitest/vitest.mjs'),
            'run',
            '--config',
            'apps/web/vitest.config.ts',
          ],
        },
      ]
    : []),
  ...(tiers.includes('browser')
    ? [
        {
          label: 'browser',
          report: 'browser.json',
          command: (r) => jest(r, ['browser'], [`--maxWorkers=${process.env.BROWSER_WORKERS || workers}`]),
        },
      ]
    : []),
];

/** The tier of a test file, by the same folders as jest.config.js's projects. */
const tierOf = (file) => {
  const rel = path.relative(root, file);
  const m = /^test\/(integrity|fault|browser)\/|^test\/bundles\/(browser)-/.exec(rel);
  return m ? (m[1] ?? m[2]) : /^test\/.*\.e2e-(spec|bundle)\.ts$/.test(rel) ? 'api' : 'unit';
};

/**
 * On PostgreSQL, every session of the run (test processes, API workers, pg_dump/psql of the backup
 * tests: node-postgres and libpq both read PGOPTIONS) commits without waiting for the WAL flush.
 * A commit is then visible to every other session at once, exactly as before; only a crash of the
 * PostgreSQL server itself could lose the last commits, and no test crashes the server (the SIGKILL
 * tests kill API processes). The wait was ≈ 6 ms a commit on this machine, paid while the 文号
 * counter's row lock is held, so the concurrent-numbering proofs queued on it.
 */
function postgresSessionOptions() {
  if (!process.env.DATABASE_URL) return {};
  const own = process.env.PGOPTIONS ?? '';
  return /synchronous_commit/.test(own) ? {} : { PGOPTIONS: `${own} -c synchronous_commit=off`.trim() };
}

const lines = [];
let failed = false;

/** Runs one tier's command; resolves with its result line(s). `prefix`: its output, line by line, prefixed. */
function execute(run, prefix) {
  console.log(`\n== 测试层 ${run.label}${prefix ? '（与其他层同时运行，输出带前缀）' : ''}`);
  const report = run.report ? path.join(reports, run.report) : undefined;
  const started = Date.now();
  // A whole tier runs its api specs in bundles that share a module graph (test/support/bundle.ts).
  const env = {
    ...process.env,
    ...(passThrough.length ? {} : { TEST_BUNDLES: '1' }),
    ...(skipDatabaseFree ? { TEST_UNIT_DATABASE_ONLY: '1' } : {}),
    ...postgresSessionOptions(),
    TEST_COST_FILE: costFile,
  };
  const child = spawn(process.execPath, run.command(report), {
    cwd: root,
    stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env,
  });
  if (prefix)
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ])
      readline.createInterface({ input: stream }).on('line', (line) => out.write(`${prefix} ${line}\n`));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const ok = status === 0;
      failed ||= !ok;
      const out = [
        `${ok ? '通过' : '失败'}  ${run.label.padEnd(28)} ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s`,
      ];
      if (report && fs.existsSync(report)) {
        // Wall time per tier does not exist when tiers share workers; the sum of their files' times does.
        const byTier = {};
        for (const r of JSON.parse(fs.readFileSync(report, 'utf8')).testResults) {
          const t = tierOf(r.name);
          byTier[t] ??= { files: 0, seconds: 0 };
          byTier[t].files += 1;
          byTier[t].seconds += (r.endTime - r.startTime) / 1000;
        }
        for (const [t, v] of Object.entries(byTier))
          out.push(
            `      ${`${t}（${v.files} 个文件，各文件用时之和）`.padEnd(26)} ${v.seconds.toFixed(0).padStart(5)} s`,
          );
      }
      resolve(out);
    });
  });
}

// The browser run mostly waits on its pages: it starts first and runs beside the others.
const beside =
  !process.env.TEST_TIERS_SERIAL && runs.length > 1 ? runs.find((r) => r.label === 'browser') : undefined;

async function main() {
  const browser = beside && execute(beside, '[browser]');
  for (const run of runs) if (run !== beside) lines.push(...(await execute(run)));
  if (browser) lines.push(...(await browser));
  return failed;
}

void main().then(() => {
  if (fs.existsSync(costFile)) {
    // Which jest process ran what when, and the idle process-seconds: where a pass's wall time goes.
    const drawn = timeline(readCosts(costFile), { minWall: 10 });
    if (drawn.length)
      console.log(`\n== 时间线（自第一个文件开始的秒数；短于 10 s 的文件只计数）\n${drawn.join('\n')}`);
    // CPU seconds say what a tier costs whatever else the machine runs; `node scripts/test-cost.js <file>` lists them by file.
    for (const [t, v] of Object.entries(totalsByTier(readCosts(costFile))))
      lines.push(
        `      ${`${t}（${v.files} 个文件，CPU 秒之和）`.padEnd(26)} ${v.cpu.toFixed(0).padStart(5)} s`,
      );
  }
  if (skipDatabaseFree)
    lines.push(
      `      unit 只运行依赖数据库的测试文件${tiers.includes('web') ? '，web 未运行' : ''}：其余与数据库无关，已在 PGlite 轮通过（TEST_SKIP_DATABASE_FREE）`,
    );
  console.log(
    `\n== 各层用时（${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}，${workers} 个 jest 进程${beside ? '，browser 层同时另有其 jest 进程' : ''}；每个文件的用时见 ${reports}）`,
  );
  for (const line of lines) console.log(line);
  if (fs.existsSync(costFile)) console.log(`各文件 CPU 秒：node scripts/test-cost.js ${costFile}`);
  process.exit(failed ? 1 : 0);
});
