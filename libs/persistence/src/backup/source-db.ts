import { BackupCounts } from './manifest';

/** Any way to run a query: a PGlite instance or a pg client. */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

async function tableExists(q: Query, table: string): Promise<boolean> {
  const [row] = await q(`SELECT to_regclass('${table}') IS NOT NULL AS present`);
  return row.present === true;
}

async function count(q: Query, sql: string): Promise<number> {
  const [row] = await q(sql);
  return Number(row.n);
}

export interface DatabaseSummary {
  counts: BackupCounts;
  ledgerHead: string | null;
  auditHead: string | null;
  schemaVersion: string | null;
}

/** The counts and chain heads a backup records and a restore compares against. */
export async function summarize(q: Query): Promise<DatabaseSummary> {
  if (!(await tableExists(q, 'assistance_case'))) {
    throw new Error('数据库中没有本系统的数据表（尚未初始化，或数据目录/连接指向了别的数据库）');
  }
  const hasChain = await tableExists(q, 'audit_chain');
  const counts: BackupCounts = {
    cases: await count(q, `SELECT count(*) AS n FROM assistance_case`),
    documents: await count(q, `SELECT count(*) AS n FROM document`),
    documentsArchived: await count(q, `SELECT count(*) AS n FROM document WHERE status = 'archived'`),
    documentsPending: await count(q, `SELECT count(*) AS n FROM document WHERE status = 'pending'`),
    attachments: (await tableExists(q, 'attachment'))
      ? await count(q, `SELECT count(*) AS n FROM attachment`)
      : 0,
    auditEntries: await count(q, `SELECT count(*) AS n FROM audit_entry`),
    auditSealed: hasChain ? await count(q, `SELECT count(*) AS n FROM audit_chain`) : 0,
    ledgerEntries: await count(q, `SELECT count(*) AS n FROM archive_ledger`),
  };
  const [ledger] = await q(`SELECT entry_hash FROM archive_ledger ORDER BY seq DESC LIMIT 1`);
  const [audit] = hasChain ? await q(`SELECT entry_hash FROM audit_chain ORDER BY seq DESC LIMIT 1`) : [];
  const [migration] = (await tableExists(q, 'migrations'))
    ? await q(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`)
    : [];
  return {
    counts,
    ledgerHead: (ledger?.entry_hash as string | undefined)?.trim() ?? null,
    auditHead: (audit?.entry_hash as string | undefined)?.trim() ?? null,
    schemaVersion: (migration?.name as string | undefined) ?? null,
  };
}
