#!/usr/bin/env node
/**
 * Runs test tiers one after another and prints how long each took.
 *   node scripts/run-tiers.js unit api               (npm test)
 *   node scripts/run-tiers.js unit api integrity browser   (npm run test:all)
 * Any further arguments go to every jest run (`npm test -- test/trust` narrows it; tiers without a
 * matching file pass).
 * The tiers are the jest projects of jest.config.js, plus `web` (vitest, apps/web). unit and api share
 * one jest run, so both cores stay busy; the browser tier runs one file at a time, because a loaded
 * machine makes clicks land mid-animation.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const known = ['unit', 'web', 'api', 'integrity', 'browser'];
const args = process.argv.slice(2).filter((a) => a !== '--');
const firstOther = args.findIndex((a) => !known.includes(a));
const tiers = firstOther === -1 ? args : args.slice(0, firstOther);
const passThrough = firstOther === -1 ? [] : args.slice(firstOther);
if (!tiers.length) {
  console.error(`用法：node scripts/run-tiers.js <${known.join('|')}>… [jest 参数]`);
  process.exit(2);
}

const workers = process.env.TEST_WORKERS || '2';
const jest = (projects, extra) => [
  '--experimental-vm-modules',
  path.join(root, 'node_modules/jest/bin/jest.js'),
  ...projects.flatMap((p) => ['--selectProjects', p]),
  ...extra,
  ...(passThrough.length ? ['--passWithNoTests', ...passThrough] : []),
];

// One run per group: adjacent unit/api/integrity tiers share workers; web and browser run on their own.
const runs = [];
for (const tier of tiers) {
  const last = runs[runs.length - 1];
  if (['unit', 'api', 'integrity'].includes(tier) && last?.kind === 'jest')
    last.tiers.push(tier);
  else runs.push({ kind: tier === 'web' ? 'web' : tier === 'browser' ? 'browser' : 'jest', tiers: [tier] });
}

const timings = [];
let failed = false;
for (const run of runs) {
  const label = run.tiers.join('+');
  console.log(`\n== 测试层 ${label}`);
  const started = Date.now();
  let command;
  if (run.kind === 'web') {
    if (passThrough.length) continue; // a jest path filter says nothing about the web's vitest files
    command = [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'apps/web/vitest.config.ts'];
  } else if (run.kind === 'browser') command = jest(['browser'], ['--runInBand']);
  else command = jest(run.tiers, [`--maxWorkers=${workers}`]);
  const result = spawnSync(process.execPath, command, { cwd: root, stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  timings.push({ label, seconds, ok: result.status === 0 });
  if (result.status !== 0) failed = true;
}

const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`\n== 各层用时（${db}）`);
for (const t of timings) console.log(`${t.ok ? '通过' : '失败'}  ${t.label.padEnd(22)} ${t.seconds.toFixed(0).padStart(5)} s`);
process.exit(failed ? 1 : 0);
