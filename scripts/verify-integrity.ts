/**
 * `npm run verify`: checks the audit record's hash chain, the archive ledger and every archived
 * file of the database the API would use (DATA_DIR / DATABASE_URL), prints the result, and exits 1
 * if anything is wrong. On PGlite the API must be stopped (the database is one process's); while it
 * runs, ask it instead: GET /api/integrity.
 */
import 'reflect-metadata';
import { databaseConfigFromEnv } from '@app/persistence';
import { checkIntegrity, describeIntegrity } from './lib/integrity';

async function main(): Promise<void> {
  const report = await checkIntegrity(databaseConfigFromEnv());
  const { summary, ...rest } = report;
  console.log(JSON.stringify({ ...rest, counts: summary.counts, ledgerHead: summary.ledgerHead }, null, 2));
  console.log(describeIntegrity(report));
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((err) => {
  console.error(`校验无法进行：${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
