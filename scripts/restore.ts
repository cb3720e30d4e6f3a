/**
 * `npm run restore -- <file> [--data-dir DIR] [--force]`: checks every part of a backup against
 * its manifest (a damaged backup is refused, naming the part), restores it into an empty data
 * directory (or, with --force, moves what is there aside first), then checks the audit chain, the
 * archive ledger and the archived files and compares the counts with the manifest.
 * Exit codes: 0 restored and verified; 1 restored but the verification failed; 2 refused or failed.
 */
import 'reflect-metadata';
import { restoreBackup } from '@app/persistence';
import { runBackupCommand } from './lib/cli';
import { checkIntegrity, describeIntegrity } from './lib/integrity';

const USAGE = '用法：npm run restore -- <备份文件> [--data-dir 目标数据目录] [--force]';

runBackupCommand(USAGE, '恢复失败', async ({ file, config, force, progress }) => {
  const result = await restoreBackup({ file, config, force, progress });
  const { manifest } = result;
  console.log(
    `已恢复 ${manifest.createdAt} 的备份到 ${config.kind === 'pglite' ? config.dataDir : `PostgreSQL 及 ${config.dataDir}`}` +
      `（用时 ${(result.ms / 1000).toFixed(1)} 秒）`,
  );
  if (result.replacedTo) console.log(`  原有数据已移到 ${result.replacedTo}`);
  if (result.databaseCommand) {
    console.log(
      `注意：此备份不含 PostgreSQL 数据库（备份时没有 pg_dump）。请先用以下命令恢复同一时刻的数据库，再运行 npm run verify：\n  ${result.databaseCommand}`,
    );
  }

  progress('校验审计记录哈希链、归档台账和归档文件…');
  const report = await checkIntegrity(config);
  const expected = manifest.counts;
  const actual = report.summary.counts;
  const mismatches = (Object.keys(expected) as (keyof typeof expected)[])
    // Sealing during the check may add links for entries the backup held unsealed.
    .filter((k) => (k === 'auditSealed' ? actual[k] < expected[k] : actual[k] !== expected[k]))
    .map((k) => `${k}：备份中 ${expected[k]}，恢复后 ${actual[k]}`);
  if (report.summary.ledgerHead !== manifest.ledgerHead) {
    mismatches.push(`台账末条哈希：备份中 ${manifest.ledgerHead}，恢复后 ${report.summary.ledgerHead}`);
  }
  console.log(
    JSON.stringify(
      {
        ok: report.ok && !mismatches.length,
        counts: actual,
        ledgerHead: report.summary.ledgerHead,
        audit: report.audit,
        archive: report.archive,
        attachments: report.attachments,
      },
      null,
      2,
    ),
  );
  console.log(describeIntegrity(report));
  if (mismatches.length) {
    console.log(`恢复后的数据与备份清单不一致：\n  - ${mismatches.join('\n  - ')}`);
  } else if (!result.databaseCommand) {
    console.log(
      `数量与备份清单一致：案件 ${actual.cases} 件，文书 ${actual.documents} 份，审计记录 ${actual.auditEntries} 条，归档台账 ${actual.ledgerEntries} 条`,
    );
  }
  return report.ok && (!mismatches.length || !!result.databaseCommand) ? 0 : 1;
});
