/**
 * `npm run backup -- <file> [--data-dir DIR]`: one file (an uncompressed tar) with a consistent
 * copy of the database, every archived file and the development seal of DATA_DIR, and a manifest
 * with the sha256 of every part and the counts a restore is checked against.
 *
 * PGlite (default): the API must be stopped — the command opens the database itself and refuses
 * while another process holds DATA_DIR. PostgreSQL (DATABASE_URL): pg_dump from PATH, on the same
 * snapshot as the manifest's counts; without pg_dump only the files, and the command to run.
 * Exit codes: 0 written; 1 written but the source has damaged files; 2 refused or failed.
 */
import 'reflect-metadata';
import { createBackup, mib } from '@app/persistence';
import { runBackupCommand } from './lib/cli';

const USAGE = '用法：npm run backup -- <备份文件> [--data-dir 数据目录]';

runBackupCommand(USAGE, '备份失败', async ({ file, config, progress }) => {
  progress(
    config.kind === 'pglite'
      ? `备份嵌入式数据库及数据目录 ${config.dataDir}`
      : `备份 PostgreSQL 数据库${config.schema ? `（模式 ${config.schema}）` : ''}及数据目录 ${config.dataDir}`,
  );
  const result = await createBackup({ config, file: file, progress });
  const { manifest } = result;
  const c = manifest.counts;
  const byKind = (kind: string) => manifest.parts.filter((p) => p.kind === kind).length;
  console.log(
    [
      `备份完成：${result.file}（${mib(result.bytes)}，用时 ${(result.ms / 1000).toFixed(1)} 秒）`,
      `  案件 ${c.cases} 件，文书 ${c.documents} 份（已归档 ${c.documentsArchived}，待归档 ${c.documentsPending}），附件 ${c.attachments} 个`,
      `  审计记录 ${c.auditEntries} 条（已封存 ${c.auditSealed}），归档台账 ${c.ledgerEntries} 条，台账末条哈希 ${manifest.ledgerHead ?? '（空）'}`,
      `  归档文件 ${byKind('blob')} 个，签章文件 ${byKind('seal')} 个，其他数据文件 ${byKind('file')} 个`,
    ].join('\n'),
  );
  if (result.databaseCommand) {
    console.log(
      [
        '注意：PATH 中没有 pg_dump，本备份只含数据目录中的归档文件和签章文件，不含 PostgreSQL 数据库。',
        '请在同一时刻用以下命令备份数据库（与本文件一起保存）：',
        `  ${result.databaseCommand}`,
      ].join('\n'),
    );
  }
  if (process.env.SEAL_ORGANS_FILE) {
    console.log(
      `注意：SEAL_ORGANS_FILE（${process.env.SEAL_ORGANS_FILE}）所列各机关签章证书不在数据目录中，未包含在备份内，请另行妥善保管。`,
    );
  }
  if (manifest.sourceProblems.length) {
    console.error(`警告：源数据有损坏，备份已写出但需核查：\n  - ${manifest.sourceProblems.join('\n  - ')}`);
    return 1;
  }
  return 0;
});
