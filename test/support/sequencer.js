const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's order (last run's failures first, then longest first) for a run that has no timings yet,
 * as in a fresh clone: jest then orders by file size, which puts the api bundles (a line each, but
 * a sixth of the api tier each) and the full-size integrity proofs last, so one core finishes them
 * alone at the end. Here a file without a timing gets an estimate instead: those long files first,
 * any other by its size. Only the order changes; every file runs.
 * The serial proofs that take minutes of wall time in one file (a kill/restart round after
 * another, a thousand steps through two processes) start before the bundles: with the bundles'
 * estimate, their place among them was left to the sort, and one started last would run alone at
 * the end of a pass while the other jest process had nothing left to run.
 */
const SERIAL = [/\/test\/integrity\/sigkill\./, /\/test\/integrity\/numbering-two-process\./];
class FirstRunSequencer extends Sequencer {
  time(test) {
    const known = super.time(test);
    if (known != null) return known;
    const serial = SERIAL.findIndex((re) => re.test(test.path));
    if (serial !== -1) return 120_000 - serial;
    if (/\.e2e-bundle\.ts$/.test(test.path)) return 60_000;
    if (/\/test\/(integrity|fault)\//.test(test.path)) return 60_000;
    let size = 0;
    try {
      size = fs.statSync(test.path).size;
    } catch {
      // a file jest found and no longer exists: it fails on its own
    }
    return /\.e2e-spec\.ts$/.test(test.path) ? size * 2 : size / 10; // ms, by eye from past runs
  }
}

module.exports = FirstRunSequencer;
