import { generateKeyPair, randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as forge from 'node-forge';

export interface DevelopmentSeal {
  p12Path: string;
  password: string;
}

/**
 * The organ's full name as CN and O, so the signer a PDF viewer shows is the organ on the printed
 * seal. The names are UTF8String: forge's default PrintableString mangles Chinese, which is what
 * made pdfsig report "Unknown Validation Failure" for a Chinese DN in an early trial.
 */
export function developmentSealSubject(organName: string): forge.pki.CertificateField[] {
  // Encoded most-significant first (C, O, CN), as CAs do; displayed as "CN=…, O=…, C=CN".
  return [
    { shortName: 'C', value: 'CN' },
    { shortName: 'O', value: organName, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'CN', value: organName, valueTagClass: forge.asn1.Type.UTF8 },
  ] as forge.pki.CertificateField[];
}

const P12_FILE = 'seal.p12';
const PASSWORD_FILE = 'seal.password';
const LOCK_FILE = 'seal.lock';
const LOCK_WAIT_MS = 30_000;
const STALE_LOCK_MS = 120_000;

/**
 * Returns the development seal of `organName` in `dir` (one directory per organ), generating it
 * on first call. Several processes may
 * start at once (cluster, tests), so generation is guarded by an exclusive lock file and the
 * finished files are renamed into place: a reader never sees a p12 without its password.
 */
export async function ensureDevelopmentSeal(dir: string, organName: string): Promise<DevelopmentSeal> {
  const p12Path = path.join(dir, P12_FILE);
  const existing = await readExisting(dir);
  if (existing) return existing;

  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dir, LOCK_FILE);
  const lock = await tryLock(lockPath);
  if (!lock) return waitForOtherGenerator(dir, lockPath, organName);
  try {
    const again = await readExisting(dir);
    if (again) return again;
    const password = randomBytes(24).toString('base64url');
    const p12 = await generateSelfSignedP12(password, organName);
    await writePrivateFile(path.join(dir, PASSWORD_FILE), password);
    await writePrivateFile(p12Path, p12);
    return { p12Path, password };
  } finally {
    await lock.close();
    await fs.rm(lockPath, { force: true });
  }
}

async function readExisting(dir: string): Promise<DevelopmentSeal | undefined> {
  const p12Path = path.join(dir, P12_FILE);
  try {
    await fs.access(p12Path, fsConstants.R_OK);
  } catch {
    return undefined;
  }
  // The password is written before the p12 is renamed into place, so it must exist now.
  const passwordPath = path.join(dir, PASSWORD_FILE);
  try {
    return { p12Path, password: (await fs.readFile(passwordPath, 'utf8')).trim() };
  } catch (error) {
    throw new Error(`开发签章证书的密码文件 ${passwordPath} 无法读取：${(error as Error).message}`);
  }
}

async function tryLock(lockPath: string): Promise<fs.FileHandle | undefined> {
  try {
    return await fs.open(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const stat = await fs.stat(lockPath).catch(() => undefined);
    // A crashed generator must not block every later start forever.
    if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) {
      await fs.rm(lockPath, { force: true });
      return tryLock(lockPath);
    }
    return undefined;
  }
}

async function waitForOtherGenerator(
  dir: string,
  lockPath: string,
  organName: string,
): Promise<DevelopmentSeal> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const seal = await readExisting(dir);
    if (seal) return seal;
    const lockGone = await fs.access(lockPath).then(
      () => false,
      () => true,
    );
    // The other generator failed without producing a seal: try ourselves.
    if (lockGone) return ensureDevelopmentSeal(dir, organName);
  }
  throw new Error(`开发签章证书生成超时：${lockPath} 被其他进程占用`);
}

async function writePrivateFile(target: string, content: string | Buffer): Promise<void> {
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, content, { mode: 0o600 });
  await fs.rename(temporary, target);
}

async function generateSelfSignedP12(password: string, organName: string): Promise<Buffer> {
  // Native key generation; forge's pure-JS RSA keygen takes seconds.
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = positiveSerial();
  const now = Date.now();
  // Backdated a little so a verifier with a slightly slow clock does not see "not yet valid".
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now);
  cert.validity.notAfter.setUTCFullYear(cert.validity.notAfter.getUTCFullYear() + 10);
  const subject = developmentSealSubject(organName);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [cert], password, {
    algorithm: 'aes256',
    friendlyName: 'development seal',
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}

/** 16 random bytes with the top bit cleared: positive and non-zero-leading per RFC 5280 §4.1.2.2. */
function positiveSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}
