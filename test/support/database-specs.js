const fs = require('node:fs');
const path = require('node:path');

/**
 * Which unit specs depend on the database. A unit spec that tests against "the database" picks it
 * the way the API does, from DATABASE_URL, and names that variable (libs/persistence's
 * database.spec, audit-actor.spec); every other unit spec (and every web test) runs the same code
 * whichever database the run was given. So a second pass of the tiers on PostgreSQL, after a
 * whole pass on PGlite (.ci/run), needs only these unit specs again: `TEST_SKIP_DATABASE_FREE`
 * (scripts/run-tiers.js) runs just them. The unit tier's environment (unit-environment.js) fails
 * a spec that reads DATABASE_URL without naming it, so a spec cannot depend on the database
 * through a helper and be left out of that pass unnoticed.
 */

/** Whether a spec's source names DATABASE_URL. */
function namesDatabaseUrl(source) {
  return /\bDATABASE_URL\b/.test(source);
}

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.spec.ts')) out.push(full);
  }
  return out;
}

/** The unit specs under `roots` (relative to `rootDir`) that name DATABASE_URL, relative paths. */
function databaseUnitSpecs(rootDir, roots) {
  return roots
    .flatMap((r) => walk(path.join(rootDir, r), []))
    .filter((file) => namesDatabaseUrl(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(rootDir, file).split(path.sep).join('/'))
    .sort();
}

/** A jest testRegex that matches exactly these files (relative to the root). */
function exactFilesRegex(files) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // No file: a regex that matches no path, so the tier passes with nothing to run.
  return files.length ? `/(${files.map(escape).join('|')})$` : '^$';
}

module.exports = { namesDatabaseUrl, databaseUnitSpecs, exactFilesRegex };
