import { promises as fs } from 'node:fs';
import { ensureDevelopmentSeal } from './dev-seal';
import { P12SealSigner, P12SealSignerOptions } from './p12-seal-signer';
import { Pkcs12Error, readPkcs12 } from './pkcs12';

export interface SealSignerConfig {
  /** From SEAL_P12_PATH; when absent the development seal in `dataDir` is used. */
  p12Path?: string;
  /** From SEAL_P12_PASSWORD. */
  password?: string;
  /** Where the development seal lives (created on first start). */
  dataDir: string;
  subFilter?: P12SealSignerOptions['subFilter'];
  /** Injectable for tests; defaults to the wall clock. */
  now?: Date;
}

/**
 * Resolves the configured agency seal, or the development seal. Errors are in zh-CN and name the
 * environment setting, because they end up in front of whoever deploys the system.
 */
export async function loadSealSignerFromConfig(config: SealSignerConfig): Promise<P12SealSigner> {
  const options = { subFilter: config.subFilter };
  if (!config.p12Path) {
    // A password without a file means a half-finished production setup; never fall back silently.
    if (config.password) {
      throw new Error('已设置签章证书密码 SEAL_P12_PASSWORD，但未设置签章证书 SEAL_P12_PATH');
    }
    const seal = await ensureDevelopmentSeal(config.dataDir);
    const p12 = await fs.readFile(seal.p12Path);
    return new P12SealSigner(readPkcs12(p12, seal.password), { ...options, isDevelopmentSeal: true });
  }

  let p12: Buffer;
  try {
    p12 = await fs.readFile(config.p12Path);
  } catch (error) {
    throw new Error(`签章证书 SEAL_P12_PATH 无法读取：${config.p12Path}（${(error as Error).message}）`);
  }
  let signer: P12SealSigner;
  try {
    signer = new P12SealSigner(readPkcs12(p12, config.password ?? ''), options);
  } catch (error) {
    throw new Error(describePkcs12Failure(error, config.p12Path));
  }
  assertCurrentlyValid(signer, config.now ?? new Date());
  return signer;
}

function describePkcs12Failure(error: unknown, p12Path: string): string {
  if (!(error instanceof Pkcs12Error)) {
    return `签章证书 SEAL_P12_PATH 无法读取：${p12Path}（${(error as Error).message}）`;
  }
  switch (error.reason) {
    case 'password':
      return `签章证书密码 SEAL_P12_PASSWORD 不正确，无法打开 ${p12Path}（${error.message}）`;
    case 'no-key':
      return `签章证书 SEAL_P12_PATH 中没有私钥：${p12Path}`;
    case 'no-certificate':
      return `签章证书 SEAL_P12_PATH 中没有与私钥匹配的证书：${p12Path}`;
    case 'format':
      return `签章证书 SEAL_P12_PATH 不是有效的 PKCS#12 文件：${p12Path}（${error.message}）`;
  }
}

/** Signing with an expired agency certificate would produce documents no verifier accepts. */
function assertCurrentlyValid(signer: P12SealSigner, now: Date): void {
  const { validFrom, validTo } = signer.certificate;
  if (now < new Date(validFrom) || now > new Date(validTo)) {
    throw new Error(`签章证书 SEAL_P12_PATH 不在有效期内（${validFrom} 至 ${validTo}）`);
  }
}
