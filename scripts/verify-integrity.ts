/**
 * `npm run verify`: checks the audit record's hash chain and the archive ledger of the database the
 * API would use (DATA_DIR / DATABASE_URL), prints the result, and exits 1 if anything is wrong.
 */
import 'reflect-metadata';
import { verifyLedger } from '@app/archive';
import { AuditService } from '@app/audit';
import { Database } from '@app/persistence';
import { createApp } from '../apps/api/src/create-app';

async function main(): Promise<void> {
  process.env.TIMER_POLL_MS = '0';
  const app = await createApp({ logger: ['error'] });
  try {
    const audit = await app.get(AuditService).verify();
    const archive = await app.get(Database).read((em) => verifyLedger(em));
    console.log(JSON.stringify({ ok: audit.ok && archive.ok, audit, archive }, null, 2));
    console.log(
      audit.ok && archive.ok
        ? `完整性校验通过：审计记录 ${audit.sealed} 条、归档台账 ${archive.entries} 条均未被改动`
        : `完整性校验失败：${[audit.problem, archive.problem].filter(Boolean).join('；')}`,
    );
    process.exitCode = audit.ok && archive.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(`校验无法进行：${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
