import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDevelopmentSeal, readPkcs12 } from './index';
import { X509Certificate } from 'node:crypto';

function certificateOf(seal: { p12Path: string; password: string }): X509Certificate {
  return new X509Certificate(readPkcs12(readFileSync(seal.p12Path), seal.password).certificates[0]!);
}

const ORGAN = '平安县城关镇人民政府';

describe('ensureDevelopmentSeal', () => {
  it('generates once and reuses the same certificate afterwards', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'seal-')), 'nested');
    const first = await ensureDevelopmentSeal(dir, ORGAN);
    const second = await ensureDevelopmentSeal(dir, ORGAN);
    expect(second).toEqual(first);
    expect(certificateOf(second).fingerprint256).toBe(certificateOf(first).fingerprint256);
    expect(first.p12Path).toBe(path.join(dir, 'seal.p12'));
    expect(readFileSync(path.join(dir, 'seal.password'), 'utf8')).toBe(first.password);
  });

  it('keeps key material private (mode 0600)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seal-'));
    await ensureDevelopmentSeal(dir, ORGAN);
    expect(statSync(path.join(dir, 'seal.p12')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'seal.password')).mode & 0o777).toBe(0o600);
  });

  it("issues a 10-year RSA-2048 signing certificate in the organ's name", async () => {
    const seal = await ensureDevelopmentSeal(mkdtempSync(path.join(os.tmpdir(), 'seal-')), ORGAN);
    const certificate = certificateOf(seal);
    expect(certificate.subject).toBe(`C=CN\nO=${ORGAN}\nCN=${ORGAN}`);
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 86400e3);
    expect(years).toBeGreaterThan(9.99);
    expect(years).toBeLessThan(10.01);
    // node:crypto does not decode keyUsage for non-CA certificates; check the DER bits (03 02 06 C0).
    const keyUsage = certificate.raw.indexOf(Buffer.from('0603551d0f', 'hex'));
    expect(keyUsage).toBeGreaterThan(0);
    expect(certificate.raw.subarray(keyUsage, keyUsage + 16).toString('hex')).toContain('030206c0');
    expect(
      certificate.checkPrivateKey(readPkcs12(readFileSync(seal.p12Path), seal.password).privateKey),
    ).toBe(true);
  });

  it('produces a single seal when several callers race on first start', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seal-'));
    const seals = await Promise.all(Array.from({ length: 4 }, () => ensureDevelopmentSeal(dir, ORGAN)));
    const fingerprints = new Set(seals.map((seal) => certificateOf(seal).fingerprint256));
    expect(fingerprints.size).toBe(1);
    expect(new Set(seals.map((seal) => seal.password)).size).toBe(1);
  });
});
