import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDevelopmentSeal, loadOrganSealSigner, readOrganSealsFile } from './index';

const ORGAN = '平安县民政局';

describe('loadOrganSealSigner', () => {
  let seal: { p12Path: string; password: string };
  const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  const configured = (entry: { p12Path: string; password: string }) => ({
    organs: { [ORGAN]: entry },
    dataDir: dataDir(),
  });

  beforeAll(async () => {
    seal = await ensureDevelopmentSeal(dataDir(), ORGAN);
  });

  it("uses the organ's development seal when no mapping is configured", async () => {
    const signer = await loadOrganSealSigner(ORGAN, { dataDir: dataDir() });
    expect(signer.isDevelopmentSeal).toBe(true);
    expect(signer.signerName).toBe(`CN=${ORGAN}, O=${ORGAN}, C=CN`);
  });

  it("uses the organ's configured PKCS#12 and does not mark it as development seal", async () => {
    const signer = await loadOrganSealSigner(ORGAN, configured(seal));
    expect(signer.isDevelopmentSeal).toBe(false);
    expect(signer.signerName).toContain(`O=${ORGAN}`);
  });

  it('refuses an organ missing from the mapping instead of signing with another seal', async () => {
    await expect(loadOrganSealSigner('平安县城关镇人民政府', configured(seal))).rejects.toThrow(
      '签章证书配置 SEAL_ORGANS_FILE 中没有机关“平安县城关镇人民政府”的签章证书',
    );
  });

  it('refuses a certificate that names another organ', async () => {
    const other = await ensureDevelopmentSeal(dataDir(), '平安县城关镇人民政府');
    await expect(loadOrganSealSigner(ORGAN, configured(other))).rejects.toThrow(/的 O 或 CN 不是该机关全称/);
  });

  it('names the organ in zh-CN when the passphrase is wrong', async () => {
    await expect(loadOrganSealSigner(ORGAN, configured({ ...seal, password: 'wrong' }))).rejects.toThrow(
      /^平安县民政局的签章证书密码不正确/,
    );
  });

  it('names the file when it cannot be read', async () => {
    const missing = path.join(dataDir(), 'missing.p12');
    await expect(loadOrganSealSigner(ORGAN, configured({ p12Path: missing, password: 'x' }))).rejects.toThrow(
      `平安县民政局的签章证书无法读取：${missing}`,
    );
  });

  it('names the file when it is not PKCS#12', async () => {
    const garbage = path.join(dataDir(), 'garbage.p12');
    writeFileSync(garbage, 'not a certificate');
    await expect(loadOrganSealSigner(ORGAN, configured({ p12Path: garbage, password: 'x' }))).rejects.toThrow(
      /^平安县民政局的签章证书不是有效的 PKCS#12 文件/,
    );
  });

  it('refuses a certificate outside its validity period', async () => {
    await expect(
      loadOrganSealSigner(ORGAN, { ...configured(seal), now: new Date('2099-01-01T00:00:00Z') }),
    ).rejects.toThrow(/^平安县民政局的签章证书不在有效期内/);
  });
});

describe('readOrganSealsFile', () => {
  it('reads the mapping and resolves paths next to the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seal-'));
    const file = path.join(dir, 'seals.json');
    writeFileSync(file, JSON.stringify({ [ORGAN]: { p12Path: 'county.p12', password: 'p' } }));
    expect(await readOrganSealsFile(file)).toEqual({
      [ORGAN]: { p12Path: path.join(dir, 'county.p12'), password: 'p' },
    });
  });

  it('names the organ whose entry is incomplete', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'seal-')), 'seals.json');
    writeFileSync(file, JSON.stringify({ [ORGAN]: { p12Path: 'county.p12' } }));
    await expect(readOrganSealsFile(file)).rejects.toThrow(`“${ORGAN}”缺少 p12Path 或 password`);
  });
});
