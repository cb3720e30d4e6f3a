/** What a backup holds; written as `manifest.json` (and its sha256 as `manifest.sha256`). */
export const BACKUP_FORMAT = 'shehui-jiuzhu-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_HASH_NAME = 'manifest.sha256';

export type PartKind = 'database' | 'blob' | 'seal' | 'file';

export interface BackupPart {
  name: string;
  kind: PartKind;
  size: number;
  sha256: string;
  mode: number;
}

export interface BackupCounts {
  cases: number;
  documents: number;
  documentsArchived: number;
  documentsPending: number;
  attachments: number;
  auditEntries: number;
  auditSealed: number;
  ledgerEntries: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: {
    kind: 'pglite' | 'postgres';
    dataDir: string;
    /** PostgreSQL: the schema backed up (DATABASE_SCHEMA), or null for the connection's default. */
    schema?: string | null;
    /** PostgreSQL: whether the database itself is in the backup (pg_dump was on PATH). */
    databaseIncluded: boolean;
  };
  /** Last migration applied to the database backed up. */
  schemaVersion: string | null;
  counts: BackupCounts;
  /** entry_hash of the last archive_ledger row, or null when the ledger is empty. */
  ledgerHead: string | null;
  /** entry_hash of the last audit_chain link, or null. */
  auditHead: string | null;
  parts: BackupPart[];
  /** Problems found in the source while copying it (e.g. a blob that no longer matches its name). */
  sourceProblems: string[];
}

/** zh-CN name of a part for messages. */
export function describePart(part: Pick<BackupPart, 'name' | 'kind'>): string {
  const what = { database: '数据库', blob: '归档文件', seal: '签章文件', file: '数据文件' }[part.kind];
  return `${what} ${part.name}`;
}
