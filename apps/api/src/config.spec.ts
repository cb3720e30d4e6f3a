import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lockDataDir } from '@app/persistence';
import { assertValidConfig, configProblems } from './config';

describe('configuration checked at start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));

  it('accepts the defaults and a complete valid setup', () => {
    expect(configProblems({ DATA_DIR: dataDir })).toEqual([]);
    expect(
      configProblems({
        DATA_DIR: dataDir,
        PORT: '8080',
        TIMER_POLL_MS: '0',
        CLOCK_SYNC_MS: '1000',
        PUBLIC_URL: 'https://jiuzhu.example.gov.cn',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        DATABASE_SCHEMA: 'e2e_123_1764000000000',
        DEMO_SEED: 'off',
        TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1',
        PROCESSES_DIR: path.resolve('processes'),
        TEMPLATES_DIR: path.resolve('templates'),
      }),
    ).toEqual([]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT：应为 1–65535 之间的整数，当前为“abc”'],
    [{ PORT: '70000' }, 'PORT：应为 1–65535 之间的整数，当前为“70000”'],
    [{ TIMER_POLL_MS: '-5' }, 'TIMER_POLL_MS：应为 0–3600000 之间的整数，当前为“-5”'],
    [{ CLOCK_SYNC_MS: '2m' }, 'CLOCK_SYNC_MS：应为 0–60000 之间的整数，当前为“2m”'],
    [
      { PUBLIC_URL: 'jiuzhu.gov.cn' },
      'PUBLIC_URL：应为 http:// 或 https:// 开头的地址，当前为“jiuzhu.gov.cn”',
    ],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL：应以 postgres:// 开头，当前为“mysql://x”'],
    [
      { SEAL_ORGANS_FILE: '/nonexistent/seals.json' },
      'SEAL_ORGANS_FILE：文件不存在（/nonexistent/seals.json）',
    ],
    [{ DEMO_SEED: 'yes' }, 'DEMO_SEED：只能为 on 或 off，当前为“yes”'],
    ...['true', '0', '11', '10.0.0.0/33', 'example.com', 'loopback,'].map((value): [object, string] => [
      { TRUST_PROXY: value },
      `TRUST_PROXY：应为代理层数（1–10），或逗号分隔的代理地址/网段（如 loopback、10.0.0.0/8），当前为“${value}”`,
    ]),
    [
      { DATABASE_URL: 'postgres://x', DATABASE_SCHEMA: 'e2e"; DROP' },
      'DATABASE_SCHEMA：应为小写字母、数字和下划线组成的模式名（不以数字开头，最长 63 个字符），当前为“e2e"; DROP”',
    ],
    [
      { PROCESSES_DIR: '/nonexistent/processes' },
      'PROCESSES_DIR：流程模型目录不存在（/nonexistent/processes）',
    ],
    [
      { PROCESSES_DIR: path.resolve('templates') },
      `PROCESSES_DIR：目录中没有 .bpmn 流程模型（${path.resolve('templates')}）`,
    ],
    [
      { TEMPLATES_DIR: '/nonexistent/templates' },
      'TEMPLATES_DIR：文书模板目录不存在（/nonexistent/templates）',
    ],
    [{ WEB_DIST: '/nonexistent/web' }, 'WEB_DIST：网页端构建目录不存在（/nonexistent/web）'],
    [{ WEB_DIST: os.tmpdir() }, `WEB_DIST：目录中没有 index.html，请先构建网页端（${os.tmpdir()}）`],
    [
      { BACKUP_DIR: path.join(dataDir, 'backups') },
      `BACKUP_DIR：不能在 DATA_DIR 之内（${path.join(dataDir, 'backups')}），否则每份备份都会包含之前的备份`,
    ],
  ])('%j → %s', (env, message) => {
    expect(configProblems({ DATA_DIR: dataDir, ...env })).toEqual([message]);
  });

  it('refuses a data directory it cannot create', () => {
    const file = path.join(dataDir, 'a-file');
    fs.writeFileSync(file, '');
    expect(configProblems({ DATA_DIR: path.join(file, 'sub') })[0]).toMatch(
      /^DATA_DIR：目录无法创建或不可写/,
    );
  });

  it("refuses an embedded database another live process holds, and takes over a dead one's lock", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-lock-'));
    const release = lockDataDir(dir, 'API');
    const [problem] = configProblems({ DATA_DIR: dir });
    expect(problem).toMatch(new RegExp(`^DATA_DIR：嵌入式数据库正被进程 ${process.pid}（API，`));
    expect(problem).toContain('pglite.lock');
    // PostgreSQL does not use the embedded database, so the lock is not its concern.
    expect(configProblems({ DATA_DIR: dir, DATABASE_URL: 'postgres://x' })).toEqual([]);
    release();
    expect(configProblems({ DATA_DIR: dir })).toEqual([]);
    const dead = {
      pid: 2 ** 22 + 12345,
      hostname: os.hostname(),
      purpose: 'API',
      since: new Date().toISOString(),
    };
    fs.writeFileSync(path.join(dir, 'pglite.lock'), JSON.stringify(dead));
    expect(configProblems({ DATA_DIR: dir })).toEqual([]);
  });

  it('names every problem at once', () => {
    expect(() => assertValidConfig({ DATA_DIR: dataDir, PORT: 'x', DEMO_SEED: 'maybe' })).toThrow(
      /配置错误：\n {2}- PORT.*\n {2}- DEMO_SEED/,
    );
  });
});
