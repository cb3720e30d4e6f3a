import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensureDevelopmentSeal } from './dev-seal';
import { P12SealSigner, P12SealSignerOptions } from './p12-seal-signer';
import { Pkcs12Error, readPkcs12 } from './pkcs12';
import { subjectAttribute } from './x509-names';

/** One organ's production seal: its PKCS#12 and passphrase. */
export interface OrganSealEntry {
  p12Path: string;
  password: string;
}

export interface OrganSealsConfig {
  /**
   * Organ full name → its PKCS#12, read from the JSON file named by SEAL_ORGANS_FILE. When absent,
   * every organ gets a development seal in `dataDir` (created on first use).
   */
  organs?: Record<string, OrganSealEntry>;
  /** Where the development seals live, one directory per organ. */
  dataDir: string;
  subFilter?: P12SealSignerOptions['subFilter'];
  /** Injectable for tests; defaults to the wall clock. */
  now?: Date;
}

/** Reads the SEAL_ORGANS_FILE mapping; errors name the setting because a deployer reads them. */
export async function readOrganSealsFile(file: string): Promise<Record<string, OrganSealEntry>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`签章证书配置 SEAL_ORGANS_FILE 无法读取：${file}（${(error as Error).message}）`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`签章证书配置 SEAL_ORGANS_FILE 应为“机关全称 → { p12Path, password }”的对象：${file}`);
  }
  const organs: Record<string, OrganSealEntry> = {};
  for (const [organ, entry] of Object.entries(parsed as Record<string, unknown>)) {
    const { p12Path, password } = (entry ?? {}) as Partial<OrganSealEntry>;
    if (typeof p12Path !== 'string' || typeof password !== 'string') {
      throw new Error(`签章证书配置 SEAL_ORGANS_FILE 中“${organ}”缺少 p12Path 或 password：${file}`);
    }
    // A relative path is relative to the mapping file, so the seals can sit next to it.
    organs[organ] = { p12Path: path.resolve(path.dirname(file), p12Path), password };
  }
  return organs;
}

/**
 * Each organ signs with its own certificate, so the signer a PDF viewer shows is the organ on the
 * printed seal. Signers are loaded once per organ and reused.
 */
export class OrganSealSigners {
  private readonly loaded = new Map<string, Promise<P12SealSigner>>();

  constructor(readonly config: OrganSealsConfig) {}

  signerFor(organName: string): Promise<P12SealSigner> {
    let signer = this.loaded.get(organName);
    if (!signer) {
      signer = loadOrganSealSigner(organName, this.config);
      // A failed load (missing file, wrong passphrase) is retried on the next document.
      signer.catch(() => this.loaded.delete(organName));
      this.loaded.set(organName, signer);
    }
    return signer;
  }
}

/**
 * Resolves the organ's configured seal, or its development seal when no mapping is configured.
 * With a mapping, an organ missing from it is an error: never fall back silently to a seal that
 * is not the organ's.
 */
export async function loadOrganSealSigner(
  organName: string,
  config: OrganSealsConfig,
): Promise<P12SealSigner> {
  const options = { subFilter: config.subFilter };
  if (!organName.trim()) throw new Error('文书缺少签发机关，无法签章');
  if (!config.organs) {
    const seal = await ensureDevelopmentSeal(path.join(config.dataDir, organDirectory(organName)), organName);
    const p12 = await fs.readFile(seal.p12Path);
    return new P12SealSigner(readPkcs12(p12, seal.password), { ...options, isDevelopmentSeal: true });
  }
  const entry = config.organs[organName];
  if (!entry) throw new Error(`签章证书配置 SEAL_ORGANS_FILE 中没有机关“${organName}”的签章证书`);

  let p12: Buffer;
  try {
    p12 = await fs.readFile(entry.p12Path);
  } catch (error) {
    throw new Error(`${organName}的签章证书无法读取：${entry.p12Path}（${(error as Error).message}）`);
  }
  let signer: P12SealSigner;
  try {
    signer = new P12SealSigner(readPkcs12(p12, entry.password), options);
  } catch (error) {
    throw new Error(describePkcs12Failure(error, organName, entry.p12Path));
  }
  assertCurrentlyValid(signer, organName, config.now ?? new Date());
  assertNamesOrgan(signer, organName);
  return signer;
}

/** ASCII and stable: the organ name may hold characters a file system rejects. */
function organDirectory(organName: string): string {
  return createHash('sha256').update(organName).digest('hex').slice(0, 16);
}

function describePkcs12Failure(error: unknown, organName: string, p12Path: string): string {
  if (!(error instanceof Pkcs12Error)) {
    return `${organName}的签章证书无法读取：${p12Path}（${(error as Error).message}）`;
  }
  switch (error.reason) {
    case 'password':
      return `${organName}的签章证书密码不正确，无法打开 ${p12Path}（${error.message}）`;
    case 'no-key':
      return `${organName}的签章证书中没有私钥：${p12Path}`;
    case 'no-certificate':
      return `${organName}的签章证书中没有与私钥匹配的证书：${p12Path}`;
    case 'format':
      return `${organName}的签章证书不是有效的 PKCS#12 文件：${p12Path}（${error.message}）`;
  }
}

/** Signing with an expired certificate would produce documents no verifier accepts. */
function assertCurrentlyValid(signer: P12SealSigner, organName: string, now: Date): void {
  const { validFrom, validTo } = signer.certificate;
  if (now < new Date(validFrom) || now > new Date(validTo)) {
    throw new Error(`${organName}的签章证书不在有效期内（${validFrom} 至 ${validTo}）`);
  }
}

/** The certificate must name the organ whose seal is printed, or the signature contradicts the page. */
function assertNamesOrgan(signer: P12SealSigner, organName: string): void {
  const subject = signer.certificate.subject;
  if (subjectAttribute(subject, 'O') !== organName && subjectAttribute(subject, 'CN') !== organName) {
    throw new Error(`${organName}的签章证书主体（${signer.signerName}）的 O 或 CN 不是该机关全称`);
  }
}
