import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
        PUBLIC_URL: 'https://jiuzhu.example.gov.cn',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        DEMO_SEED: 'off',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT：应为 1–65535 之间的整数，当前为“abc”'],
    [{ PORT: '70000' }, 'PORT：应为 1–65535 之间的整数，当前为“70000”'],
    [{ TIMER_POLL_MS: '-5' }, 'TIMER_POLL_MS：应为 0–3600000 之间的整数，当前为“-5”'],
    [
      { PUBLIC_URL: 'jiuzhu.gov.cn' },
      'PUBLIC_URL：应为 http:// 或 https:// 开头的地址，当前为“jiuzhu.gov.cn”',
    ],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL：应以 postgres:// 开头，当前为“mysql://x”'],
    [{ SEAL_P12_PASSWORD: 'secret' }, 'SEAL_P12_PASSWORD：已设置密码但未设置 SEAL_P12_PATH（签章证书文件）'],
    [{ SEAL_P12_PATH: '/nonexistent/seal.p12' }, 'SEAL_P12_PATH：文件不存在（/nonexistent/seal.p12）'],
    [{ DEMO_SEED: 'yes' }, 'DEMO_SEED：只能为 on 或 off，当前为“yes”'],
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

  it('names every problem at once', () => {
    expect(() => assertValidConfig({ DATA_DIR: dataDir, PORT: 'x', DEMO_SEED: 'maybe' })).toThrow(
      /配置错误：\n {2}- PORT.*\n {2}- DEMO_SEED/,
    );
  });
});
