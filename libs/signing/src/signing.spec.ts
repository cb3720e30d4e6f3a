import * as forge from 'node-forge';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  extractSignatureInfo,
  loadOrganSealSigner,
  OrganSealSigners,
  P12SealSigner,
  SignatureFormatError,
} from './index';
import { onePagePdf } from './testing/one-page-pdf';
import { pdfsig, VALID } from './testing/pdfsig';

const signingTime = new Date('2026-03-02T08:30:00Z');
const meta = { reason: '社会救助决定书签发', location: '乌鲁木齐市', signingTime };

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'seal-'));
const COUNTY = '平安县民政局';
const TOWNSHIP = '平安县城关镇人民政府';
let unsigned: Buffer;
let signer: P12SealSigner;

beforeAll(async () => {
  unsigned = await onePagePdf();
  signer = await loadOrganSealSigner(COUNTY, { dataDir });
});

/** A byte inside the first content stream, i.e. page content covered by the first signed range. */
function flipByteInContent(pdf: Buffer): Buffer {
  const at = pdf.indexOf('stream\n', 0, 'latin1') + 'stream\n'.length + 5;
  const info = extractSignatureInfo(pdf)!;
  expect(at).toBeLessThan(info.byteRange[1]);
  const tampered = Buffer.from(pdf);
  tampered[at] = tampered[at]! ^ 0x01;
  return tampered;
}

describe.each(['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const)('P12SealSigner (%s)', (subFilter) => {
  let signed: Buffer;

  beforeAll(async () => {
    const seal = await loadOrganSealSigner(COUNTY, { dataDir, subFilter });
    expect(seal.subFilter).toBe(subFilter);
    signed = await seal.sign(unsigned, meta);
  });

  it('is accepted by pdfsig', () => {
    const output = pdfsig(signed);
    expect(output).toContain(VALID);
    expect(output).toContain(`Signature Type: ${subFilter}`);
    expect(output).toContain('Total document signed');
  });

  it('is reported intact by extractSignatureInfo', () => {
    const info = extractSignatureInfo(signed)!;
    expect(info).toMatchObject({
      subFilter,
      signerSubject: `CN=${COUNTY}, O=${COUNTY}, C=CN`,
      signerCertificateSha256: signer.certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
      digestAlgorithm: 'sha256',
      digestMatches: true,
      signatureValid: true,
      coversWholeDocument: true,
      intact: true,
      problems: [],
    });
    expect(info.byteRange[0]).toBe(0);
    expect(info.byteRange[2] + info.byteRange[3]).toBe(signed.length);
    expect(info.signingTime).toEqual(signingTime);
    // PAdES forbids the CMS signing-time attribute, so there the time comes from /M.
    expect(info.signingTimeSource).toBe(subFilter === 'adbe.pkcs7.detached' ? 'cms' : 'pdf');
  });

  it('is rejected by both verifiers after one byte of page content changes', () => {
    const tampered = flipByteInContent(signed);
    const output = pdfsig(tampered);
    expect(output).toContain('Signature #1');
    expect(output).not.toContain(VALID);
    const info = extractSignatureInfo(tampered)!;
    expect(info.digestMatches).toBe(false);
    expect(info.intact).toBe(false);
    expect(info.problems.join()).toContain('摘要不一致');
  });
});

describe('P12SealSigner details', () => {
  it('writes non-ASCII reason and location as UTF-16BE PDF strings', async () => {
    const signed = await signer.sign(unsigned, meta);
    const text = signed.toString('latin1');
    const utf16 = (s: string) => Buffer.from(`\ufeff${s}`, 'utf16le').swap16().toString('hex').toUpperCase();
    expect(text).toContain(`/Reason <${utf16(meta.reason)}>`);
    expect(text).toContain(`/Location <${utf16('乌鲁木齐市')}>`);
    expect(text).toContain(`/Name <${utf16(COUNTY)}>`);
  });

  it('rejects an invalid signing time', async () => {
    await expect(signer.sign(unsigned, { ...meta, signingTime: new Date('nope') })).rejects.toThrow(
      'signingTime',
    );
  });

  it('exposes the certificate subject as signerName', () => {
    expect(signer.signerName).toBe(`CN=${COUNTY}, O=${COUNTY}, C=CN`);
    expect(signer.isDevelopmentSeal).toBe(true);
  });
});

describe('one certificate per organ', () => {
  /** The signer's subject as the PKCS#7 itself carries it, read by an independent parser. */
  function pkcs7Signer(pdf: Buffer): string {
    const info = extractSignatureInfo(pdf)!;
    const hex = pdf.subarray(info.byteRange[1] + 1, info.byteRange[2] - 1).toString('latin1');
    const p7 = forge.pkcs7.messageFromAsn1(
      forge.asn1.fromDer(forge.util.hexToBytes(hex.replace(/(00)+$/, ''))),
    );
    const cert = (p7 as forge.pkcs7.PkcsSignedData).certificates[0]!;
    return forge.util.decodeUtf8(String(cert.subject.getField('CN').value));
  }

  it('signs a township and a county document with the certificates of their own organs', async () => {
    const seals = new OrganSealSigners({ dataDir });
    const township = await (await seals.signerFor(TOWNSHIP)).sign(unsigned, meta);
    const county = await (await seals.signerFor(COUNTY)).sign(unsigned, meta);
    expect(pkcs7Signer(township)).toBe(TOWNSHIP);
    expect(pkcs7Signer(county)).toBe(COUNTY);
    expect(extractSignatureInfo(township)!.signerSubject).toBe(`CN=${TOWNSHIP}, O=${TOWNSHIP}, C=CN`);
    for (const pdf of [township, county]) {
      expect(pdfsig(pdf)).toContain(VALID);
      expect(extractSignatureInfo(pdf)!.intact).toBe(true);
    }
    expect(pdfsig(township)).toContain(`Signer Certificate Common Name: ${TOWNSHIP}`);
    // The same organ reuses its certificate; a restart reuses the stored one.
    expect((await seals.signerFor(TOWNSHIP)).certificate.fingerprint256).toBe(
      (await new OrganSealSigners({ dataDir }).signerFor(TOWNSHIP)).certificate.fingerprint256,
    );
  });
});

describe('extractSignatureInfo', () => {
  it('returns null for an unsigned PDF', () => {
    expect(extractSignatureInfo(unsigned)).toBeNull();
  });

  it('flags bytes appended after signing', async () => {
    const signed = await signer.sign(unsigned, meta);
    const info = extractSignatureInfo(Buffer.concat([signed, Buffer.from('\n% appended\n')]))!;
    expect(info.digestMatches).toBe(true);
    expect(info.signatureValid).toBe(true);
    expect(info.coversWholeDocument).toBe(false);
    expect(info.intact).toBe(false);
  });

  it('detects a corrupted signature value whose digest still matches', async () => {
    const signed = await signer.sign(unsigned, meta);
    const info = extractSignatureInfo(signed)!;
    // The RSA signature is the last element of the CMS; its length comes from the DER header 30 82 hh ll.
    const hexStart = info.byteRange[1] + 1;
    const header = Buffer.from(signed.subarray(hexStart, hexStart + 8).toString('latin1'), 'hex');
    expect(header.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x82]));
    const cmsLength = 4 + header.readUInt16BE(2);
    const lastSignatureByte = hexStart + (cmsLength - 1) * 2;
    const tampered = Buffer.from(signed);
    tampered.write(tampered[lastSignatureByte] === 0x30 ? '1' : '0', lastSignatureByte, 'latin1');
    const result = extractSignatureInfo(tampered)!;
    expect(result.digestMatches).toBe(true);
    expect(result.signatureValid).toBe(false);
    expect(result.intact).toBe(false);
  });

  it('throws SignatureFormatError when /Contents is not a CMS', async () => {
    const signed = await signer.sign(unsigned, meta);
    const info = extractSignatureInfo(signed)!;
    const tampered = Buffer.from(signed);
    tampered.write('ff', info.byteRange[1] + 1, 'latin1');
    expect(() => extractSignatureInfo(tampered)).toThrow(SignatureFormatError);
  });
});

describe('signing many documents', () => {
  // Speed is measured by `npm run bench`, not asserted here: the machines are shared and noisy.
  it('signs 20 one-page PDFs, each intact and each with its own signature', async () => {
    const pdfs = await Promise.all(Array.from({ length: 20 }, (_, i) => onePagePdf(`Notice ${i}`)));
    const signed: Buffer[] = [];
    for (const pdf of pdfs) signed.push(await signer.sign(pdf, meta));
    expect(signed.every((pdf) => extractSignatureInfo(pdf)!.intact)).toBe(true);
    expect(new Set(signed.map((pdf) => pdf.toString('latin1'))).size).toBe(20);
  });
});
