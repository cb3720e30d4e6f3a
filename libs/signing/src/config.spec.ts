import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDevelopmentSeal, loadSealSignerFromConfig } from './index';

describe('loadSealSignerFromConfig', () => {
  let seal: { p12Path: string; password: string };
  const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'seal-'));

  beforeAll(async () => {
    seal = await ensureDevelopmentSeal(dataDir());
  });

  it('uses the development seal when no PKCS#12 is configured', async () => {
    const signer = await loadSealSignerFromConfig({ dataDir: dataDir() });
    expect(signer.isDevelopmentSeal).toBe(true);
  });

  it('uses the configured PKCS#12 and does not mark it as development seal', async () => {
    const signer = await loadSealSignerFromConfig({ ...seal, dataDir: dataDir() });
    expect(signer.isDevelopmentSeal).toBe(false);
    expect(signer.signerName).toContain('CN=11110000DEMO00001X');
  });

  it('names SEAL_P12_PASSWORD in zh-CN when the password is wrong', async () => {
    await expect(
      loadSealSignerFromConfig({ p12Path: seal.p12Path, password: 'wrong', dataDir: dataDir() }),
    ).rejects.toThrow(/^签章证书密码 SEAL_P12_PASSWORD 不正确/);
  });

  it('names SEAL_P12_PATH in zh-CN when the file cannot be read', async () => {
    const missing = path.join(dataDir(), 'missing.p12');
    await expect(
      loadSealSignerFromConfig({ p12Path: missing, password: 'x', dataDir: dataDir() }),
    ).rejects.toThrow(`签章证书 SEAL_P12_PATH 无法读取：${missing}`);
  });

  it('names SEAL_P12_PATH when the file is not PKCS#12', async () => {
    const garbage = path.join(dataDir(), 'garbage.p12');
    writeFileSync(garbage, 'not a certificate');
    await expect(
      loadSealSignerFromConfig({ p12Path: garbage, password: 'x', dataDir: dataDir() }),
    ).rejects.toThrow(/^签章证书 SEAL_P12_PATH 不是有效的 PKCS#12 文件/);
  });

  it('refuses a password without a path instead of silently using the development seal', async () => {
    await expect(loadSealSignerFromConfig({ password: 'secret', dataDir: dataDir() })).rejects.toThrow(
      'SEAL_P12_PATH',
    );
  });

  it('refuses an agency certificate outside its validity period', async () => {
    await expect(
      loadSealSignerFromConfig({ ...seal, dataDir: dataDir(), now: new Date('2099-01-01T00:00:00Z') }),
    ).rejects.toThrow(/^签章证书 SEAL_P12_PATH 不在有效期内/);
  });
});
