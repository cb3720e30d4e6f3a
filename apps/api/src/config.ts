import * as fs from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { LOCK_FILE, backupDirFromEnv, dataDirLockHolder, databaseUrlProblem } from '@app/persistence';

/**
 * Checks the environment before anything starts, and names every wrong setting at once, so an
 * operator fixes them in one go instead of meeting them one crash at a time.
 */
export function configProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const integer = (name: string, min: number, max: number) => {
    const value = env[name];
    if (value === undefined || value === '') return;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      problems.push(`${name}：应为 ${min}–${max} 之间的整数，当前为“${value}”`);
    }
  };
  integer('PORT', 1, 65535);
  integer('TIMER_POLL_MS', 0, 3_600_000);
  integer('CLOCK_SYNC_MS', 0, 60_000);
  if (env.PUBLIC_URL && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(env.PUBLIC_URL)) {
    problems.push(`PUBLIC_URL：应为 http:// 或 https:// 开头的地址，当前为“${env.PUBLIC_URL}”`);
  }
  const databaseProblem = env.DATABASE_URL ? databaseUrlProblem(env.DATABASE_URL) : null;
  if (databaseProblem) problems.push(databaseProblem);
  if (env.DATABASE_SCHEMA) {
    // Quoted into CREATE SCHEMA and search_path: a plain identifier only.
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(env.DATABASE_SCHEMA)) {
      problems.push(
        `DATABASE_SCHEMA：应为小写字母、数字和下划线组成的模式名（不以数字开头，最长 63 个字符），当前为“${env.DATABASE_SCHEMA}”`,
      );
    }
  }
  if (env.SEAL_ORGANS_FILE && !fs.existsSync(env.SEAL_ORGANS_FILE)) {
    problems.push(`SEAL_ORGANS_FILE：文件不存在（${env.SEAL_ORGANS_FILE}）`);
  }
  if (env.TRUST_PROXY && trustProxySetting(env) === undefined) {
    problems.push(
      `TRUST_PROXY：应为代理层数（1–10），或逗号分隔的代理地址/网段（如 loopback、10.0.0.0/8），当前为“${env.TRUST_PROXY}”`,
    );
  }
  if (env.DEMO_SEED && !['on', 'off'].includes(env.DEMO_SEED)) {
    problems.push(`DEMO_SEED：只能为 on 或 off，当前为“${env.DEMO_SEED}”`);
  }
  const directory = (name: string, what: string, check?: (dir: string) => string | null) => {
    const value = env[name];
    if (!value) return;
    const dir = path.resolve(value);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      problems.push(`${name}：${what}目录不存在（${dir}）`);
      return;
    }
    const problem = check?.(dir);
    if (problem) problems.push(`${name}：${problem}`);
  };
  directory('PROCESSES_DIR', '流程模型', (dir) =>
    fs.readdirSync(dir).some((f) => f.endsWith('.bpmn')) ? null : `目录中没有 .bpmn 流程模型（${dir}）`,
  );
  directory('TEMPLATES_DIR', '文书模板');
  directory('WEB_DIST', '网页端构建', (dir) =>
    fs.existsSync(path.join(dir, 'index.html')) ? null : `目录中没有 index.html，请先构建网页端（${dir}）`,
  );
  const dataDir = path.resolve(env.DATA_DIR || './data');
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch {
    problems.push(`DATA_DIR：目录无法创建或不可写（${dataDir}）`);
    return problems;
  }
  if (env.BACKUP_DIR) {
    const backupDir = backupDirFromEnv(env);
    if (backupDir === dataDir || backupDir.startsWith(`${dataDir}${path.sep}`)) {
      problems.push(`BACKUP_DIR：不能在 DATA_DIR 之内（${backupDir}），否则每份备份都会包含之前的备份`);
    }
  }
  if (!env.DATABASE_URL) {
    // The embedded database is one process's: a second API on the same files would corrupt them.
    const holder = dataDirLockHolder(dataDir);
    if (holder) {
      problems.push(
        `DATA_DIR：嵌入式数据库正被进程 ${holder.pid}（${holder.purpose}，${holder.hostname}）使用（${dataDir}）；` +
          `请先停止该进程，或确认无进程使用后删除 ${path.join(dataDir, LOCK_FILE)}`,
      );
    }
  }
  return problems;
}

/** Express's own names for address ranges, accepted in TRUST_PROXY. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * The `trust proxy` setting from TRUST_PROXY, undefined when unset or malformed. Unset, the client
 * address is the socket's and X-Forwarded-For is ignored: anyone can send that header, and it would
 * let a caller write any address into the audit record and dodge the sign-in throttle. `true`
 * (believe every hop) is not offered for the same reason: only a hop count or the proxies' addresses.
 */
export function trustProxySetting(env: NodeJS.ProcessEnv): number | string[] | undefined {
  const value = env.TRUST_PROXY?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const entries = value.split(',').map((e) => e.trim());
  return entries.every(isAddressOrRange) ? entries : undefined;
}

export function assertValidConfig(env: NodeJS.ProcessEnv = process.env): void {
  const problems = configProblems(env);
  if (problems.length) throw new Error(`配置错误：\n  - ${problems.join('\n  - ')}`);
}
